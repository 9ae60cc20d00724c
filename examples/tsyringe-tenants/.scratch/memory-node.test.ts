import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';

test('lists the seeded conversations', async () => {
  const client = createConversations({ adapters: [createMemoryProvider({ conversations: 3 })], config: { provider: 'memory' } });
  const page = await client.conversations.list();
  assert.equal(page.items.length, 3);
});
