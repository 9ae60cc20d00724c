import { configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { startEmulator } from '@parley/emulator';
import { ultracart } from '@parley/ultracart';
import { runAgentDesk } from './run.js';

// Usage: pnpm --filter example-ultracart-agent-desk start
// With ULTRACART_API_KEY (or ULTRACART_ACCESS_TOKEN) set it talks to UltraCart; without, to a local emulator.
const adapters = [ultracart] as const;
const real = Boolean(process.env.ULTRACART_API_KEY || process.env.ULTRACART_ACCESS_TOKEN);
const emulator = real ? undefined : await startEmulator();
const config: ParleyConfig<typeof adapters> = emulator
  ? {
      provider: 'ultracart',
      ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
    }
  : configFromEnv(process.env, adapters);
if (emulator) console.log(`No ULTRACART_API_KEY set: using the local emulator at ${emulator.url}\n`);
try {
  const summary = await runAgentDesk(createConversations({ adapters, config }));
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await emulator?.close();
}
