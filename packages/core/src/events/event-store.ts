/**
 * What the processes that share live events keep in common: which events are taken or done, where
 * each pull subscription stands, and which process polls a provider account. Every method is
 * atomic on its own, and everything written expires (the `ttlMs` it is given), so a crashed
 * process never leaves a claim or a lease behind for ever.
 *
 * Keys are chosen by the subscription (`sunshine:app_1:evt_9`, `ultracart:acct:checkpoint`); a
 * store may prefix them. Implementations: `createMemoryEventStore()` (one process) and
 * `createRedisEventStore()` from `@parley/redis` (replicas). Any other must pass
 * `eventStoreContract` from `@parley/core/conformance`.
 */
export interface EventStore {
  /**
   * Claims event `id` for `owner` for `ttlMs`: true when this caller won, false when someone holds
   * an unexpired claim or the event is done. A claim that expires (its holder crashed) can be won again.
   */
  claim(id: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Marks event `id` done (after its handler resolved); it cannot be claimed again for `ttlMs`. */
  complete(id: string, owner: string, ttlMs: number): Promise<void>;
  /** Gives back `owner`'s claim on `id` after its handler failed, so a redelivery can take it at once. */
  release(id: string, owner: string): Promise<void>;
  /** The checkpoint stored under `key`, if any. */
  getCheckpoint(key: string): Promise<string | undefined>;
  /** Stores a checkpoint under `key`, kept for `ttlMs`. */
  setCheckpoint(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Takes lease `key` for `owner` for `ttlMs` when it is free or already `owner`'s (which renews it):
   * true when `owner` holds it now. Exactly one owner holds a lease at a time.
   */
  acquireLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Frees lease `key` if `owner` holds it. */
  releaseLease(key: string, owner: string): Promise<void>;
}

/** Options of {@link createMemoryEventStore}. */
export interface MemoryEventStoreOptions {
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** Most entries kept; the soonest to expire go first past it. Default 100,000. */
  maxEntries?: number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * An {@link EventStore} in this process's memory: for a single process, tests and the demo. Its
 * operations are synchronous underneath, so each is atomic within the process. Replicas need a
 * shared store (`@parley/redis`).
 *
 * @example
 * ```ts
 * const subscription = client.events.subscribe(onEvent, { store: createMemoryEventStore() });
 * ```
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, Entry>();
  const read = (key: string): string | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const write = (key: string, value: string, ttlMs: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlMs });
    if (entries.size > maxEntries) evict();
  };
  const evict = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    // Still too many: the oldest written go first (a Map iterates in insertion order).
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };
  const event = (id: string) => `event:${id}`;
  const claimed = (owner: string) => `claimed:${owner}`;

  return {
    async claim(id, owner, ttlMs) {
      if (read(event(id)) !== undefined) return false;
      write(event(id), claimed(owner), ttlMs);
      return true;
    },
    async complete(id, _owner, ttlMs) {
      write(event(id), 'done', ttlMs);
    },
    async release(id, owner) {
      if (read(event(id)) === claimed(owner)) entries.delete(event(id));
    },
    async getCheckpoint(key) {
      return read(`checkpoint:${key}`);
    },
    async setCheckpoint(key, value, ttlMs) {
      write(`checkpoint:${key}`, value, ttlMs);
    },
    async acquireLease(key, owner, ttlMs) {
      const holder = read(`lease:${key}`);
      if (holder !== undefined && holder !== owner) return false;
      write(`lease:${key}`, owner, ttlMs);
      return true;
    },
    async releaseLease(key, owner) {
      if (read(`lease:${key}`) === owner) entries.delete(`lease:${key}`);
    },
  };
}
