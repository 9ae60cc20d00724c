import {
  ConversationError,
  type ConversationEvent,
  createMemoryDedupeStore,
  type EventDedupeStore,
} from '@parley/core';
import { parseWebhook } from './parse-webhook.js';
import { secretMatcher } from './verify-webhook.js';

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
  /** Where handled event ids are remembered; default `createMemoryDedupeStore()` (10,000 ids). */
  dedupe?: EventDedupeStore;
  /** Sees what made a delivery fail (the answer itself says only `handler_failed`). */
  onError?: (error: unknown, event: ConversationEvent | undefined) => void;
}

/** A fetch-style handler: a standard `Request` in, a `Response` out. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/** What a 200 answer reports. */
export interface WebhookHandlerResult {
  /** Events in the body. */
  received: number;
  /** Events passed to `onEvent` by this delivery. */
  processed: number;
  /** Events skipped because their id was already handled. */
  duplicates: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * A webhook endpoint for Sunshine Conversations: checks `X-API-Key` in constant time, parses the
 * body into neutral events and calls `onEvent` for each event not seen before.
 *
 * Answers 405 to anything but POST, 401 for a missing or wrong secret and 400 for a body that is
 * not a webhook envelope (Sunshine does not retry those), 200 once `onEvent` succeeded for every event, and 500 when it
 * failed (Sunshine then retries up to 5 times within 15 minutes). Events are handled in order and
 * processing stops at the first failure, so a retry resumes where it broke. An event id is marked
 * done only after its handler succeeded: a redelivered event is skipped, a failed one runs again.
 * Concurrent deliveries of the same event wait for each other instead of running it twice.
 *
 * Works as is in fetch-style servers (Hono, Bun, Deno, Next.js route handlers); in `node:http`
 * wrap it with {@link toNodeListener}.
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
  const hasSecret = secretMatcher(options.secret, 'webhook.handle');
  const dedupe = options.dedupe ?? createMemoryDedupeStore();
  const { onEvent, onError } = options;
  const inFlight = new Map<string, Promise<void>>();

  const report = (error: unknown, event: ConversationEvent | undefined): void => {
    try {
      onError?.(error, event);
    } catch {
      // A failing logger must not turn into a different answer.
    }
  };

  const handleOne = async (event: ConversationEvent): Promise<boolean> => {
    for (;;) {
      const running = inFlight.get(event.id);
      if (running !== undefined) {
        // Another delivery of this event is running: its outcome decides whether it is done.
        await running.catch(() => undefined);
        continue;
      }
      if (await dedupe.has(event.id)) return false;
      // `has` may have awaited: another delivery could have started meanwhile.
      if (inFlight.has(event.id)) continue;
      const run = (async () => {
        await onEvent(event);
        await dedupe.add(event.id);
      })();
      inFlight.set(event.id, run);
      try {
        await run;
        return true;
      } finally {
        inFlight.delete(event.id);
      }
    }
  };

  return async (request) => {
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' }, { allow: 'POST' });
    if (!hasSecret(request.headers)) return json(401, { error: 'unauthorized' });
    let events: ConversationEvent[];
    try {
      events = parseWebhook(await request.text());
    } catch (error) {
      if (ConversationError.isInstance(error) && error.code === 'invalid_request')
        return json(400, { error: 'invalid_request', message: error.message });
      report(error, undefined);
      return json(400, { error: 'invalid_request', message: 'The body could not be read' });
    }
    const result: WebhookHandlerResult = { received: events.length, processed: 0, duplicates: 0 };
    for (const event of events) {
      try {
        if (await handleOne(event)) result.processed++;
        else result.duplicates++;
      } catch (error) {
        report(error, event);
        // Stop here: later events wait for the retry, so they are never handled before this one.
        return json(500, { error: 'handler_failed', eventId: event.id });
      }
    }
    return json(200, result);
  };
}
