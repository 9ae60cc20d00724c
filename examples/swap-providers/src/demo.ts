import { ConversationError, createConversations } from '@parley/core';
import { runLive } from './live.js';
import { summaryTable } from './print-table.js';
import { adapters, demoSetup } from './providers.js';
import { runTour, type TourSummary } from './tour.js';

// The same program runs twice; between the runs only `config.provider` changes.
const setup = await demoSetup();
if (setup.emulated.length > 0)
  console.log(`Using the local emulator for ${setup.emulated.join(' and ')} (no credentials, no network).\n`);
const summaries: TourSummary[] = [];
try {
  for (const provider of adapters.map((adapter) => adapter.name)) {
    const client = createConversations({ adapters, config: { ...setup.config, provider } });
    console.log(`▶ ${provider}`);
    const log = (line: string) => console.log(`  ${line}`);
    const summary = await runTour(client, { log, listParams: setup.listParams[provider] });
    // Live events: the same handler for both; only the emulator can play the customer who writes.
    const customer = setup.customers[provider];
    if (customer) await runLive(client, customer, { log });
    else log('live: skipped (needs a customer to write: runs on the emulator only)');
    summaries.push(summary);
  }
  console.log(`\n${summaryTable(summaries)}`);
} catch (error) {
  if (!ConversationError.isInstance(error)) throw error;
  console.error(
    `\n${error.provider ?? ''} ${error.operation ?? ''} failed [${error.code}]: ${error.message}`,
  );
  process.exitCode = 1;
} finally {
  await setup.close();
}
