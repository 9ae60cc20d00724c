import { ConversationError, createConversations } from '@parley/core';
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
    summaries.push(
      await runTour(client, {
        log: (line) => console.log(`  ${line}`),
        listParams: setup.listParams[provider],
      }),
    );
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
