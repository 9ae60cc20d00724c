import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../events/event-store.js';

/** Options of {@link eventStoreContract}. */
export interface EventStoreContractOptions {
  /** Shown in the suite's title, e.g. `redis`. */
  name: string;
  /**
   * A store over fresh, empty state for each test. Stores created by one call share state (like
   * two replicas on one Redis); the suite checks that through them.
   */
  createStores(): Promise<{ stores: [EventStore, EventStore]; close?: () => Promise<void> }>;
  /** Waits until `ms` of the store's time has passed (real time for Redis). Default: sleeps. */
  advance?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The suite every {@link EventStore} implementation runs: claims are exclusive, completed events
 * stay taken, released ones are free again, claims and leases expire, checkpoints read back, and one
 * owner holds a lease at a time, across two store instances sharing state.
 *
 * @example
 * ```ts
 * eventStoreContract({ name: 'memory', createStores: async () => { const s = createMemoryEventStore(); return { stores: [s, s] }; } });
 * ```
 */
export function eventStoreContract(options: EventStoreContractOptions): void {
  const advance = options.advance ?? sleep;
  describe(`${options.name}: event store contract`, () => {
    let a: EventStore;
    let b: EventStore;
    const closers: (() => Promise<void>)[] = [];
    let sequence = 0;
    // Unique keys per test, so a store shared across tests cannot leak state between them.
    const key = (name: string) => `contract-${process.pid}-${Date.now()}-${++sequence}:${name}`;
    beforeEach(async () => {
      const created = await options.createStores();
      [a, b] = created.stores;
      if (created.close !== undefined) closers.push(created.close);
    });
    afterAll(async () => {
      await Promise.all(closers.map((close) => close()));
    });

    it('lets exactly one of many concurrent claimants win an event', async () => {
      const id = key('evt');
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claim(id, `owner-${i}`, 10_000)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('keeps a completed event taken and frees a released one', async () => {
      const done = key('done');
      expect(await a.claim(done, 'one', 10_000)).toBe(true);
      await a.complete(done, 'one', 10_000);
      expect(await b.claim(done, 'two', 10_000)).toBe(false);
      const failed = key('failed');
      expect(await a.claim(failed, 'one', 10_000)).toBe(true);
      expect(await b.claim(failed, 'two', 10_000)).toBe(false);
      await a.release(failed, 'one');
      expect(await b.claim(failed, 'two', 10_000)).toBe(true);
    });

    it('ignores a release by someone who does not hold the claim', async () => {
      const id = key('evt');
      expect(await a.claim(id, 'holder', 10_000)).toBe(true);
      await b.release(id, 'intruder');
      expect(await b.claim(id, 'intruder', 10_000)).toBe(false);
    });

    it('lets a claim expire so that a crashed holder’s event is delivered again', async () => {
      const id = key('evt');
      expect(await a.claim(id, 'crashed', 200)).toBe(true);
      await advance(400);
      expect(await b.claim(id, 'next', 10_000)).toBe(true);
    });

    it('reads back a checkpoint written through another instance', async () => {
      const checkpoint = key('checkpoint');
      expect(await a.getCheckpoint(checkpoint)).toBeUndefined();
      await a.setCheckpoint(checkpoint, '{"since":1759863023000}', 60_000);
      expect(await b.getCheckpoint(checkpoint)).toBe('{"since":1759863023000}');
      await b.setCheckpoint(checkpoint, '{"since":1759863024000}', 60_000);
      expect(await a.getCheckpoint(checkpoint)).toBe('{"since":1759863024000}');
    });

    it('gives a lease to one owner at a time, renews it for that owner, and frees it on release', async () => {
      const lease = key('lease');
      expect(await a.acquireLease(lease, 'first', 10_000)).toBe(true);
      expect(await b.acquireLease(lease, 'second', 10_000)).toBe(false);
      expect(await a.acquireLease(lease, 'first', 10_000)).toBe(true);
      await b.releaseLease(lease, 'second');
      expect(await b.acquireLease(lease, 'second', 10_000)).toBe(false);
      await a.releaseLease(lease, 'first');
      expect(await b.acquireLease(lease, 'second', 10_000)).toBe(true);
    });

    it('lets another owner take over a lease its holder stopped renewing', async () => {
      const lease = key('lease');
      expect(await a.acquireLease(lease, 'dead', 200)).toBe(true);
      await advance(400);
      expect(await b.acquireLease(lease, 'successor', 10_000)).toBe(true);
      expect(await a.acquireLease(lease, 'dead', 10_000)).toBe(false);
    });
  });
}
