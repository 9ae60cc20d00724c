import { describe, expect, it } from 'vitest';
import { eventStoreContract } from '../conformance/event-store-contract.js';
import { createMemoryEventStore } from './event-store.js';

let clock = 0;
eventStoreContract({
  name: 'memory',
  createStores: async () => {
    const store = createMemoryEventStore({ now: () => clock });
    return { stores: [store, store] };
  },
  advance: async (ms) => {
    clock += ms;
  },
});

describe('createMemoryEventStore', () => {
  it('stays within maxEntries, dropping the oldest entries first', async () => {
    const store = createMemoryEventStore({ maxEntries: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) await store.claim(id, 'owner', 1_000);
    expect(await store.claim('a', 'other', 1_000)).toBe(true);
    expect(await store.claim('d', 'other', 1_000)).toBe(false);
  });
});
