import { createConversations } from '@parley/core';
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
let config: DemoConfig;
let listParams: ListFilters;
let close = async () => {};
if (file !== undefined) {
  const read = await readConfigFile(file);
  config = read.config;
  listParams = read.listFilters[config.provider] ?? {};
} else {
  const setup = await demoSetup();
  close = setup.close;
  const chosen = process.env.PARLEY_PROVIDER?.trim();
  const provider =
    adapters.find((adapter) => adapter.name === chosen)?.name ?? setup.configured[0] ?? 'ultracart';
  if (setup.emulated.includes(provider)) console.log(`Using the local emulator for ${provider}.\n`);
  config = { ...setup.config, provider };
  listParams = setup.listParams[provider];
}
try {
  const client = createConversations({ adapters, config });
  const summary = await runTour(client, { log: console.log, listParams });
  console.log(`\n${summaryTable([summary])}`);
} finally {
  await close();
}
