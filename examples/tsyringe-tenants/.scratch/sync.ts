import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { configFromEnv, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

const adapters = [ultracart, sunshine] as const;
const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
// Sunshine lists one user's conversations; UltraCart the agent's.
const filter = client.provider === 'sunshine' ? { userId: process.env.SUNSHINE_USER_ID ?? '' } : {};

const saved = await readFile('sync.cursor', 'utf8').catch(() => undefined); // an unfinished run's
let page = await client.conversations.list({ ...filter, ...(saved ? { cursor: saved } : {}) });
for (;;) {
  let lines = '';
  for (const conversation of page.items) {
    lines += `${JSON.stringify(conversation)}\n`;
    for await (const message of client.messages.list(conversation.id)) lines += `${JSON.stringify(message)}\n`;
  }
  await appendFile('conversations.jsonl', lines);
  if (page.nextCursor === undefined) break;
  await writeFile('sync.cursor', page.nextCursor); // opaque; a rerun after a crash resumes here
  page = await client.conversations.list({ ...filter, cursor: page.nextCursor });
}
await rm('sync.cursor', { force: true });
