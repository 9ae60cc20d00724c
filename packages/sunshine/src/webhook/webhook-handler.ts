import { type ConversationEvent, createMemoryEventStore, type EventStore } from '@parley/core';
import { deliverOnce } from '@parley/core/provider';
import { createWebhookEndpoint, type WebhookHandler } from './webhook-endpoint.js';

export type { WebhookHandler } from './webhook-endpoint.js';

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /**
   * The webhook's shared secret (or several: any of them is accepted). Each must be visible ASCII,
   * as the `X-API-Key` header carries it: anything else is refused with `invalid_config` when the
   * handler is created, naming `secret` (or `secret[i]`) and never the value.
   */
  secret: string | readonly string[];
  /**
   * Called once per event, in the envelope's order. Throw (or reject) to have Sunshine deliver
   * the body again: the answer is then 500, and the event is not marked done.
   */
  onEvent: (event: ConversationEvent) => void | Promise<void>;
  /**
   * What the processes receiving these webhooks share (`createMemoryEventStore()` from
   * `@parley/core`, `createRedisEventStore()` from `@parley/redis`): each event is handled once
   * across all of them. Default: a memory store, for one process. Its keys are those of
   * `client.events.subscribe` (`sunshine:<event id>`), so both can share one store.
   */
  store?: EventStore;
  /** Sees what made a delivery fail (the answer itself says only `handler_failed`). */
  onError?: (error: unknown, event: ConversationEvent | undefined) => void;
}

/** What a 200 answer of {@link createWebhookHandler} reports. */
export interface WebhookHandlerResult {
  /** Events in the body. */
  received: number;
  /** Events passed to `onEvent` by this delivery. */
  processed: number;
  /** Events skipped because they were already handled (or are being handled by another process). */
  duplicates: number;
}

// The scope `client.events.subscribe` gives Sunshine's events, so a handler and a subscription
// sharing one store skip each other's events.
const scope = 'sunshine';

/**
 * A webhook endpoint for Sunshine Conversations, for apps that receive webhooks without a client:
 * the same endpoint as `client.events.subscribe(...).webhook` (which reads the secret from
 * `sunshine.webhookSecret`), with the secret and the handler given here. It checks `X-API-Key` in
 * constant time, parses the body into neutral events and calls `onEvent` once per event.
 *
 * Answers 405 to anything but POST, 401 for a missing or wrong secret and 400 for a body that is
 * not a webhook envelope (Sunshine does not retry those), 200 once `onEvent` succeeded for every
 * event, and 500 when it failed (Sunshine then retries up to 5 times within 15 minutes). Events
 * are handled in order and processing stops at the first failure, so a retry resumes where it
 * broke. An event is marked done in `store` only after its handler succeeded: a redelivered event
 * is skipped, a failed one runs again. Concurrent deliveries of the same event to this handler wait
 * for each other instead of running it twice.
 *
 * Works as is in fetch-style servers (Hono, Bun, Deno, Next.js route handlers); in `node:http`
 * wrap it with `toNodeListener` from `@parley/core`.
 *
 * @throws ConversationError `invalid_config` when a secret is empty or not visible ASCII (naming
 * `secret`, never its value), or when both `store` and `dedupe` are given.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({
 *   secret: process.env.SUNSHINE_WEBHOOK_SECRET ?? '',
 *   onEvent: (event) => console.log(event.type, event.conversationId),
 * });
 * export const POST = handler; // a Next.js route, for instance
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const { onEvent } = options;
  const store = options.store ?? createMemoryEventStore();
  // Events are parsed anew for each request, so the object tells this delivery's run apart.
  const ran = new WeakSet<ConversationEvent>();
  const once = deliverOnce({
    store,
    owner: `sunshine-webhook-${globalThis.crypto.randomUUID()}`,
    scope,
    handler: async (event) => {
      await onEvent(event);
      ran.add(event);
    },
  });
  return createWebhookEndpoint({
    secret: options.secret,
    operation: 'webhook.handle',
    deliver: async (event) => {
      await once(event);
      return ran.has(event);
    },
    counted: true,
    onError: options.onError,
  });
}
