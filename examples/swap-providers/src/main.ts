import { readFile } from 'node:fs/promises';
import { configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { summaryTable } from './print-table.js';
import { adapters } from './providers.js';
import { runTour } from './tour.js';

// Usage: tsx src/main.ts config.emulator.json   (after `pnpm emulator --port 4010`; flip "provider")
//    or: PARLEY_PROVIDER=sunshine SUNSHINE_…=… SUNSHINE_USER_EXTERNAL_ID=… tsx src/main.ts
// Sunshine lists conversations per user: the file's `listFilters.<provider>` (or SUNSHINE_USER_ID /
// SUNSHINE_USER_EXTERNAL_ID) says whose.
const file = process.argv[2];
const config: ParleyConfig = file
  ? (JSON.parse(await readFile(file, 'utf8')) as ParleyConfig)
  : configFromEnv(process.env);
const client = createConversations({ adapters, config });
// App settings can live in the same file as Parley's: unknown top-level keys are left alone.
const fromFile = (config.listFilters as Record<string, Record<string, string>> | undefined)?.[
  config.provider
];
const listParams = fromFile ?? {
  ...(process.env.SUNSHINE_USER_ID ? { userId: process.env.SUNSHINE_USER_ID } : {}),
  ...(process.env.SUNSHINE_USER_EXTERNAL_ID ? { userExternalId: process.env.SUNSHINE_USER_EXTERNAL_ID } : {}),
};
const summary = await runTour(client, { log: console.log, listParams });
console.log(`\n${summaryTable([summary])}`);
