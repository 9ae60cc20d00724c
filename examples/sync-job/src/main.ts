import { configFromEnv, createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { syncAll } from './sync.js';

// Usage: PARLEY_PROVIDER=… tsx src/main.ts [out.jsonl] [state.json]
const [outFile = 'conversations.jsonl', stateFile = `${outFile}.state.json`] = process.argv.slice(2);
const client = createConversations({
  adapters: [createMemoryProvider({ conversations: 40 })],
  config: configFromEnv(process.env, { provider: 'memory' }),
});
const state = await syncAll(client, {
  outFile,
  stateFile,
  ...(process.env.SUNSHINE_USER_ID ? { listParams: { userId: process.env.SUNSHINE_USER_ID } } : {}),
  onProgress: (s) =>
    process.stdout.write(`\rsynced ${s.conversations} conversations, ${s.messages} messages`),
});
console.log(`\n${state.done ? 'done' : 'stopped'}: ${outFile} (resume state in ${stateFile})`);
