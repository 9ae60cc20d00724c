import { describe, expect, it } from 'vitest';
import { createConversations } from '../../client/create-conversations.js';
import { conversationProviderContract } from '../../conformance/provider-contract.js';
import { ConversationError } from '../../errors/conversation-error.js';
import { createMemoryProvider } from './adapter.js';

conversationProviderContract({
  name: 'memory',
  // No HTTP at all: one run is enough, and its fetch proves the provider never calls it.
  senders: ['fetch'],
  createClient: ({ fetch }) =>
    createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' }, fetch }),
  fixtures: {
    conversationId: 'conv-0001',
    missingConversationId: 'conv-missing',
    participant: { userId: 'user-9' },
    queue: 'sales',
  },
});

describe('memory provider', () => {
  const client = () =>
    createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' } });

  it('walks every conversation across pages exactly once', async () => {
    const ids: string[] = [];
    for await (const conversation of client().conversations.list({ limit: 5 })) ids.push(conversation.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(ids[0]).toBe('conv-0001');
  });

  it('orders messages newest first with order desc and filters by since', async () => {
    const c = client();
    const asc = (await c.messages.list('conv-0002')).items.map((m) => m.sentAt);
    const desc = (await c.messages.list('conv-0002', { order: 'desc' })).items.map((m) => m.sentAt);
    expect(desc).toEqual([...asc].reverse());
    const since = (await c.messages.list('conv-0002', { since: asc[2] as string })).items.map(
      (m) => m.sentAt,
    );
    expect(since).toEqual(asc.slice(3));
  });

  it('keeps state between calls: send, markRead, setAgentStatus, upload', async () => {
    const adapter = createMemoryProvider();
    const c = createConversations({ adapters: [adapter], config: { provider: 'memory' } });
    await c.messages.send('conv-0003', { text: 'Your parcel left today' });
    const last = (await c.messages.list('conv-0003', { order: 'desc', limit: 1 })).items[0];
    expect(last?.text).toBe('Your parcel left today');
    await c.conversations.markRead('conv-0001');
    expect((await c.conversations.get('conv-0001')).unread).toBe(false);
    await c.queues.setAgentStatus('support', 'busy');
    expect((await c.queues.list()).find((q) => q.name === 'support')?.agents[0]?.status).toBe('busy');
    const media = await c.media.upload({
      data: new TextEncoder().encode('hello'),
      contentType: 'text/plain',
    });
    expect(media.size).toBe(5);
    expect(c.raw.uploads.get(media.key as string)?.contentType).toBe('text/plain');
  });

  it('answers not_found for a missing conversation with context', async () => {
    const error = await client()
      .conversations.get('nope')
      .catch((e: unknown) => e);
    expect(ConversationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_found', provider: 'memory', operation: 'conversations.get' });
  });
});
