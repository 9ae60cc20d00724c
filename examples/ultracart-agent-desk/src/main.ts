import { configFromEnv, createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';
import { runAgentDesk } from './run.js';

// Usage: PARLEY_PROVIDER=ultracart ULTRACART_API_KEY=… pnpm --filter example-ultracart-agent-desk start
// (ULTRACART_BASE_URL points it at the emulator: `parley-emulator`, then its printed UltraCart URL.)
const client = createConversations({ adapters: [ultracart], config: configFromEnv(process.env) });
const summary = await runAgentDesk(client);
console.log(JSON.stringify(summary, null, 2));
