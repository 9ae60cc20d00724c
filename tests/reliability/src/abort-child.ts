// Run by abort-scenarios.test.ts as `node --import tsx abort-child.ts`: lists through the emulator, aborts in
// every way abort-scenarios.ts knows, closes the emulator and then does nothing more. The process
// must exit on its own: a timer or socket the library left behind would keep it alive.
import { startEmulator } from '@parley/emulator';
import { runAbortScenarios } from './abort-scenarios.js';

const emulator = await startEmulator({ seed: 9, latencyMs: 40 });
const outcomes = [
  ...(await runAbortScenarios(emulator, 'ultracart')),
  ...(await runAbortScenarios(emulator, 'sunshine')),
];
await emulator.close();
process.stdout.write(`${JSON.stringify({ outcomes, closedAt: Date.now() })}\n`);
