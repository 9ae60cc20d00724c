import { ConversationError, createConversations } from '@parley/core';
import { readConfigFile } from './config-file.js';
import { summaryTable } from './print-table.js';
import { adapters, type DemoConfig, demoSetup, type ListFilters } from './providers.js';
import { runTour } from './tour.js';

// Usage: tsx src/main.ts config.emulator.json   (after `pnpm emulator --port 4010`; flip "provider")
//    or: PARLEY_PROVIDER=sunshine SUNSHINE_…=… SUNSHINE_USER_EXTERNAL_ID=… tsx src/main.ts
//    or: tsx src/main.ts   (no credentials: a local emulator, UltraCart unless PARLEY_PROVIDER says)
// Sunshine lists conversations per user: the file's `listFilters.<provider>` (or SUNSHINE_USER_ID /
// SUNSHINE_USER_EXTERNAL_ID) says whose.
const file = process.argv[2];
let close = async () => {};
try {
  let config: DemoConfig;
  let listParams: ListFilters;
  if (file !== undefined) {
    const read = await readConfigFile(file);
    config = read.config;
    listParams = read.listFilters[config.provider] ?? {};
  } else {
    const chosen = process.env.PARLEY_PROVIDER?.trim() || undefined;
    const names = adapters.map((adapter) => adapter.name);
    const known = names.find((name) => name === chosen);
    if (chosen !== undefined && known === undefined)
      throw new ConversationError({
        code: 'invalid_config',
        message: `PARLEY_PROVIDER is ${JSON.stringify(chosen)}; this program runs on ${names.join(' or ')}`,
      });
    const setup = await demoSetup();
    close = setup.close;
    const provider = known ?? setup.configured[0] ?? 'ultracart';
    if (setup.emulated.includes(provider)) console.log(`Using the local emulator for ${provider}.\n`);
    config = { ...setup.config, provider };
    listParams = setup.listParams[provider];
  }
  const client = createConversations({ adapters, config });
  const summary = await runTour(client, { log: console.log, listParams });
  console.log(`\n${summaryTable([summary])}`);
} catch (error) {
  // ConversationError messages name the field or the call, never a credential: safe to print.
  if (!ConversationError.isInstance(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await close();
}
