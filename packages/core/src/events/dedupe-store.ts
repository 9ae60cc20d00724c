/**
 * Remembers which event ids were handled, so a redelivered event is skipped. An id is marked only
 * after its handler succeeded. Implement it over Redis or a database to share it between processes.
 */
export interface EventDedupeStore {
  /** Whether `id` was marked done. */
  has(id: string): boolean | Promise<boolean>;
  /** Marks `id` done. */
  add(id: string): void | Promise<void>;
}

/**
 * An in-memory {@link EventDedupeStore} that keeps the most recent `maxSize` ids (default 10,000),
 * forgetting the oldest first so memory stays bounded.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ secret, onEvent, dedupe: createMemoryDedupeStore(50_000) });
 * ```
 */
export function createMemoryDedupeStore(maxSize = 10_000): EventDedupeStore {
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError('maxSize must be a positive integer');
  // A Set iterates in insertion order, so its first entry is always the oldest.
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      ids.delete(id);
      ids.add(id);
      if (ids.size > maxSize) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
    },
  };
}
