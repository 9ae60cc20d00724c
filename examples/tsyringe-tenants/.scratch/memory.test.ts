import { type ConversationClient, createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { expect, test } from 'vitest';

// The code under test takes a client, whichever provider is behind it.
async function openCount(client: ConversationClient): Promise<number> {
  let open = 0;
  for await (const conversation of client.conversations.list()) if (conversation.status === 'open') open++;
  return open;
}

test('counts open conversations across pages', async () => {
  const memory = createMemoryProvider({ conversations: 30, messagesPerConversation: 2 });
  const client = createConversations({ adapters: [memory], config: { provider: 'memory' } });
  const all = await client.conversations.list({ limit: 100 });
  expect(await openCount(client)).toBe(all.items.filter((c) => c.status === 'open').length);
});
