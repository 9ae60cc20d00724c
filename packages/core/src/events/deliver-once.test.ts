import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from './conversation-event.js';
import { deliverOnce } from './deliver-once.js';
import { createMemoryEventStore } from './event-store.js';

const event = (id: string): ConversationEvent => ({
  id,
  provider: 'memory',
  type: 'typing.started',
  occurredAt: '2025-10-07T18:50:23.000Z',
  conversationId: 'c-1',
  author: { role: 'customer' },
  raw: {},
});

describe('deliverOnce', () => {
  it('hands an event to one of several replicas, once, even when delivered to all at the same time', async () => {
    const store = createMemoryEventStore();
    const handled: string[] = [];
    const replicas = ['r1', 'r2', 'r3', 'r4'].map((owner) =>
      deliverOnce({ store, owner, scope: 'memory', handler: () => void handled.push(owner) }),
    );
    await Promise.all([...replicas, ...replicas].map((deliver) => deliver(event('e-1'))));
    expect(handled).toHaveLength(1);
    await replicas[2]?.(event('e-1'));
    expect(handled).toHaveLength(1);
  });

  it('marks an event done only after its handler resolved: a failure is delivered again', async () => {
    const store = createMemoryEventStore();
    let attempts = 0;
    const deliver = deliverOnce({
      store,
      owner: 'r1',
      scope: 'memory',
      handler: async () => {
        attempts++;
        if (attempts === 1) throw new Error('handler down');
      },
    });
    await expect(deliver(event('e-2'))).rejects.toThrow('handler down');
    await deliver(event('e-2'));
    await deliver(event('e-2'));
    expect(attempts).toBe(2);
  });

  it('keeps scopes apart: the same id from two accounts is two events', async () => {
    const store = createMemoryEventStore();
    const handled: string[] = [];
    const handler = (e: ConversationEvent) => void handled.push(e.id);
    await deliverOnce({ store, owner: 'r', scope: 'sunshine:app_1', handler })(event('same'));
    await deliverOnce({ store, owner: 'r', scope: 'sunshine:app_2', handler })(event('same'));
    expect(handled).toEqual(['same', 'same']);
  });
});
