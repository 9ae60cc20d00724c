// Entry of the emulator child process: the benchmarks keep the server off the measured process, so
// `process.cpuUsage()` counts the client only and the server gets the other core.
import { startEmulator } from '@parley/emulator';
import type { EmulatorCommand, EmulatorInfo, EmulatorReply } from './emulator-protocol.js';

const conversations = Number(process.argv[2] ?? '60');
const power = process.argv[3];
const emulator = await startEmulator({
  seed: 42,
  conversations,
  ...(power === undefined ? {} : { sunshinePowerUserConversations: Number(power) }),
});
const facts = emulator.facts;
const info: EmulatorInfo = {
  ultracart: { baseUrl: emulator.ultracart.baseUrl, apiKey: emulator.ultracart.apiKey },
  sunshine: { ...emulator.sunshine },
  ultracartLongConversation: facts.ultracart.longConversation.uuid,
  sunshineLongConversation: facts.sunshine.longConversation.id,
  sunshinePowerUser: facts.sunshine.powerUser.id,
  sunshinePowerUserConversations: facts.sunshine.powerUser.conversationCount,
};
const reply = (message: EmulatorReply) => process.send?.(message);
reply({ type: 'ready', info });
process.on('message', (message: EmulatorCommand) => {
  if (message.type === 'count') {
    reply({ type: 'count', count: emulator.requests.length });
  } else if (message.type === 'clear') {
    emulator.clearRequests();
    reply({ type: 'cleared' });
  } else if (message.type === 'close') {
    void emulator.close().then(() => process.exit(0));
  }
});
// The parent going away must not leave a server behind.
process.on('disconnect', () => process.exit(0));
