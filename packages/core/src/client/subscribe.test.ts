import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../events/conversation-event.js';
import { createMemoryEventStore } from '../events/event-store.js';
import { createMemoryProvider } from '../testing/memory/adapter.js';
import { createConversations } from './create-conversations.js';

const memoryClient = (adapter = createMemoryProvider()) =>
  createConversations({ adapters: [adapter], config: { provider: 'memory' } });

describe('events.subscribe', () => {
  it('delivers the memory provider’s own changes, in order, to every subscription once', async () => {
    const client = memoryClient();
    const seen: string[] = [];
    const subscription = client.events.subscribe((event) => void seen.push(event.type));
    const conversation = await client.conversations.create({ title: 'Live' });
    await client.messages.send(conversation.id, { text: 'hello' });
    await client.conversations.typing(conversation.id, 'start');
    await client.conversations.markRead(conversation.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['conversation.created', 'message.created', 'typing.started', 'conversation.read']);
    await subscription.close();
    await client.conversations.typing(conversation.id, 'stop');
    expect(seen).toHaveLength(4);
  });

  it('hands each event to one of the subscriptions sharing a store', async () => {
    const adapter = createMemoryProvider();
    const store = createMemoryEventStore();
    const handled: string[] = [];
    const a = memoryClient(adapter).events.subscribe((e) => void handled.push(`a:${e.type}`), { store });
    const b = memoryClient(adapter).events.subscribe((e) => void handled.push(`b:${e.type}`), { store });
    await memoryClient(adapter).conversations.create({ title: 'Shared' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatch(/^[ab]:conversation\.created$/);
    await Promise.all([a.close(), b.close()]);
  });

  it('reports a failing handler through onError and answers 404 on the webhook of a provider that does not push', async () => {
    const client = memoryClient();
    const errors: unknown[] = [];
    const subscription = client.events.subscribe(
      () => {
        throw new Error('handler down');
      },
      { onError: (error) => errors.push(error) },
    );
    await client.conversations.create({ title: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([new Error('handler down')]);
    expect(
      (await subscription.webhook(new Request('http://localhost/hooks', { method: 'POST' }))).status,
    ).toBe(404);
    await subscription.close();
  });

  it('stops when its signal aborts', async () => {
    const client = memoryClient();
    const controller = new AbortController();
    const seen: ConversationEvent[] = [];
    client.events.subscribe((event) => void seen.push(event), { signal: controller.signal });
    controller.abort();
    await client.conversations.create({ title: 'after' });
    expect(seen).toEqual([]);
  });

  it('refuses a handler that is not a function or a bad poll interval, naming it', () => {
    const client = memoryClient();
    expect(() => client.events.subscribe('nope' as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: 'handler must be a function',
        operation: 'events.subscribe',
      }),
    );
    expect(() => client.events.subscribe(() => {}, { pollIntervalMs: 5 })).toThrow(
      'options.pollIntervalMs must be an integer from 100 to 3600000',
    );
  });
});
