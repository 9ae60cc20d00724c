import { ConversationError } from '@parley/core';
import { parseDeskArgs } from './args.js';
import { runLiveDesk } from './desk.js';

// Usage: tsx src/main.ts [--provider ultracart|sunshine] [--replicas 2] [--seconds 30] [--poll-ms 500]
// Without credentials it runs on a local emulator and plays customers; with REDIS_URL the replicas
// share a Redis event store. Ctrl-C stops it (exit code 0).
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
try {
  const report = await runLiveDesk({ ...parseDeskArgs(process.argv.slice(2)), signal: controller.signal });
  // On the emulator the run knows what should have arrived: anything missing is a failure.
  const incomplete = report.missing.length > 0 && !controller.signal.aborted;
  if (incomplete || report.repeated.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(ConversationError.isInstance(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
