import { ConversationError, configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { startEmulator } from '@parley/emulator';
import { ultracart } from '@parley/ultracart';
import { runAgentDesk } from './run.js';

// Usage: pnpm --filter example-ultracart-agent-desk start
// With ULTRACART_API_KEY (or ULTRACART_ACCESS_TOKEN) set it talks to UltraCart; without, to a local emulator.
const adapters = [ultracart] as const;
const real = Boolean(process.env.ULTRACART_API_KEY || process.env.ULTRACART_ACCESS_TOKEN);
const emulator = real ? undefined : await startEmulator();
try {
  const config: ParleyConfig<typeof adapters> = emulator
    ? {
        provider: 'ultracart',
        ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
      }
    : // This program only runs on UltraCart, whatever PARLEY_PROVIDER says for others.
      configFromEnv({ ...process.env, PARLEY_PROVIDER: 'ultracart' }, adapters);
  if (emulator) console.log(`No ULTRACART_API_KEY set: using the local emulator at ${emulator.url}\n`);
  const summary = await runAgentDesk(createConversations({ adapters, config }));
  console.log(JSON.stringify(summary, null, 2));
} catch (error) {
  // ConversationError messages never contain the key, so they are safe to print.
  if (!ConversationError.isInstance(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
