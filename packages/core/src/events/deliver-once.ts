import type { ConversationEvent } from './conversation-event.js';
import type { EventStore } from './event-store.js';
import type { EventHandler } from './event-subscription.js';

/** How long a claim holds while the handler runs: a crashed holder's event is free again after it. */
export const CLAIM_TTL_MS = 5 * 60_000;
/** How long a handled event is remembered, longer than any provider's redelivery window. */
export const DONE_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * A `deliver` function that hands each event to `handler` once across every process sharing
 * `store`: it claims the event (one claimant wins), runs the handler, and marks the event done only
 * after the handler resolved; a handler that fails releases the claim and rejects, so the event is
 * delivered again. An event someone else holds or finished resolves without calling the handler.
 *
 * @example
 * ```ts
 * const deliver = deliverOnce({ store, owner: 'replica-1', scope: 'sunshine:app_1', handler });
 * await deliver(event);
 * ```
 */
export function deliverOnce(options: {
  store: EventStore;
  owner: string;
  /** Prefixes event ids, so two accounts' (or providers') ids never collide. */
  scope: string;
  handler: EventHandler;
}): (event: ConversationEvent) => Promise<void> {
  const { store, owner, scope, handler } = options;
  return async (event) => {
    const key = `${scope}:${event.id}`;
    if (!(await store.claim(key, owner, CLAIM_TTL_MS))) return;
    try {
      await handler(event);
    } catch (error) {
      await store.release(key, owner);
      throw error;
    }
    await store.complete(key, owner, DONE_TTL_MS);
  };
}
