import { readFile } from 'node:fs/promises';
import {
  type ConversationAdapterV1,
  configFromEnv,
  createConversations,
  type ParleyConfig,
} from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { summaryTable } from './print-table.js';
import { runTour } from './tour.js';

// Usage: tsx src/main.ts [config.json]   (or set PARLEY_PROVIDER and the provider's variables)
const file = process.argv[2];
const config: ParleyConfig = file
  ? (JSON.parse(await readFile(file, 'utf8')) as ParleyConfig)
  : configFromEnv(process.env, { provider: 'memory' });
const adapters: ConversationAdapterV1[] = [createMemoryProvider()];
const client = createConversations({ adapters, config });
const summary = await runTour(client, {
  log: console.log,
  ...(process.env.PARLEY_USER_ID ? { userId: process.env.PARLEY_USER_ID } : {}),
});
console.log(`\n${summaryTable([summary])}`);
