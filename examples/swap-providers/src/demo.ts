import { createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { summaryTable } from './print-table.js';
import { runTour } from './tour.js';

// The demo runs offline on the in-memory provider: the same program, only `provider` differs.
const adapters = [createMemoryProvider({ conversations: 25, messagesPerConversation: 8 })];
const client = createConversations({ adapters, config: { provider: 'memory' } });
console.log(`▶ ${client.provider}`);
const summary = await runTour(client, { log: (line) => console.log(`  ${line}`) });
console.log(`\n${summaryTable([summary])}`);
