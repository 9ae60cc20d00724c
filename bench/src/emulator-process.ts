// Entry of the emulator child process: the benchmarks keep the server off the measured process, so
// `process.cpuUsage()` counts the client only and the server gets the other core. It also makes
// inbound activity happen when the parent asks (live-events benchmarks).
import { startEmulator } from '@parley/emulator';
import type {
  EmulatorChildOptions,
  EmulatorCommand,
  EmulatorInfo,
  EmulatorReply,
} from './emulator-protocol.js';

const options = JSON.parse(process.argv[2] ?? '{"conversations":60}') as EmulatorChildOptions;
const emulator = await startEmulator({
  seed: 42,
  conversations: options.conversations,
  ...(options.powerUserConversations === undefined
    ? {}
    : { sunshinePowerUserConversations: options.powerUserConversations }),
  ...(options.rateLimitTimeScale === undefined
    ? {}
    : { ultracart: { rateLimit: { timeScale: options.rateLimitTimeScale } } }),
  ...(options.webhook === undefined
    ? {}
    : { webhooks: [{ ...options.webhook, triggers: ['conversation:message'] }] }),
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
  } else if (message.type === 'ultracartMessage') {
    const arrived = emulator.ultracart.activity.customerMessage();
    const { messageUuid, conversationUuid, messageEpoch } = arrived;
    reply({ type: 'ultracartMessage', arrival: { messageUuid, conversationUuid, messageEpoch } });
  } else if (message.type === 'sunshineMessage') {
    const arrived = emulator.sunshine.activity.customerMessage();
    const { messageId, conversationId } = arrived;
    const receivedEpoch = Date.parse(arrived.receivedAt);
    reply({ type: 'sunshineMessage', arrival: { messageId, conversationId, receivedEpoch } });
  } else if (message.type === 'rateLimit') {
    const { accepted, refused } = emulator.ultracart.rateLimit;
    reply({ type: 'rateLimit', accepted, refused });
  } else if (message.type === 'close') {
    void emulator.close().then(() => process.exit(0));
  }
});
// The parent going away must not leave a server behind.
process.on('disconnect', () => process.exit(0));
