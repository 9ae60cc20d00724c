import { readFile } from 'node:fs/promises';
import { configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { summaryTable } from './print-table.js';
import { adapters } from './providers.js';
import { runTour } from './tour.js';

// Usage: tsx src/main.ts config.json   or   PARLEY_PROVIDER=sunshine SUNSHINE_…=… tsx src/main.ts
// Sunshine lists conversations per user: set PARLEY_USER_ID or PARLEY_USER_EXTERNAL_ID.
const file = process.argv[2];
const config: ParleyConfig = file
  ? (JSON.parse(await readFile(file, 'utf8')) as ParleyConfig)
  : configFromEnv(process.env);
const client = createConversations({ adapters, config });
const listParams = {
  ...(process.env.PARLEY_USER_ID ? { userId: process.env.PARLEY_USER_ID } : {}),
  ...(process.env.PARLEY_USER_EXTERNAL_ID ? { userExternalId: process.env.PARLEY_USER_EXTERNAL_ID } : {}),
};
const summary = await runTour(client, { log: console.log, listParams });
console.log(`\n${summaryTable([summary])}`);
