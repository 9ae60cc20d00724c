import { ConversationError, type ConversationEvent } from '@parley/core';
import { parseWebhook } from './parse-webhook.js';
import { secretMatcher } from './verify-webhook.js';

/** A fetch-style handler: a standard `Request` in, a `Response` out. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/**
 * Hands one event on. Resolves `true` when it was handled now, `false` when it was skipped as
 * handled (or held) elsewhere, nothing when the caller cannot tell; rejects when handling failed.
 */
type WebhookDeliver = (event: ConversationEvent) => Promise<boolean | undefined>;

/** What the endpoint needs: the one path from a request to an answer. */
export interface WebhookEndpointOptions {
  /** The shared secret(s) `X-API-Key` must carry; validated when the endpoint is created. */
  secret: string | readonly string[];
  /** Names the caller in an `invalid_config` error about the secret. */
  operation: string;
  deliver: WebhookDeliver;
  /** Whether `deliver` tells handled from skipped, so a 200 counts `processed` and `duplicates`. */
  counted?: boolean | undefined;
  /** Sees what made a delivery fail (the answer itself says only `handler_failed`). */
  onError?: ((error: unknown, event: ConversationEvent | undefined) => void) | undefined;
  /** Once aborted, deliveries are refused with 503, so Sunshine delivers them again later. */
  signal?: AbortSignal | undefined;
}

/** What a 200 answer says: how many events the body had and, when `counted`, how many ran or were skipped. */
interface WebhookAnswer {
  received: number;
  processed?: number;
  duplicates?: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * The one implementation of a Sunshine webhook endpoint, behind both `subscription.webhook` and
 * `createWebhookHandler`: 405 for anything but POST; 401 for a missing or wrong `X-API-Key`
 * (compared in constant time, before the body is read); 400 for a body that is not a webhook
 * envelope (Sunshine retries neither); then each event, in order, to `deliver`: 200 once every one
 * was delivered, 500 at the first failure (later events wait for Sunshine's retry, so none is
 * handled before an earlier one).
 *
 * Two deliveries of one event that reach this endpoint together wait for each other: the second
 * asks `deliver` only once the first settled, so it skips an event the first handled and runs one
 * the first failed, and its 200 always means the event was handled.
 *
 * @throws ConversationError `invalid_config` when a secret is empty or not visible ASCII.
 */
export function createWebhookEndpoint(options: WebhookEndpointOptions): WebhookHandler {
  const hasSecret = secretMatcher(options.secret, options.operation);
  const { deliver, onError, signal, counted = false } = options;
  const inFlight = new Map<string, Promise<unknown>>();

  const report = (error: unknown, event: ConversationEvent | undefined): void => {
    try {
      onError?.(error, event);
    } catch {
      // A failing logger must not turn into a different answer.
    }
  };

  const deliverOne = async (event: ConversationEvent): Promise<boolean | undefined> => {
    for (;;) {
      const running = inFlight.get(event.id);
      if (running === undefined) break;
      // Another delivery of this event is running here: its outcome decides what this one does.
      await running.catch(() => undefined);
    }
    const run = deliver(event);
    inFlight.set(event.id, run);
    try {
      return await run;
    } finally {
      if (inFlight.get(event.id) === run) inFlight.delete(event.id);
    }
  };

  return async (request) => {
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' }, { allow: 'POST' });
    if (!hasSecret(request.headers)) return json(401, { error: 'unauthorized' });
    if (signal?.aborted) return json(503, { error: 'closed' }, { 'retry-after': '60' });
    let events: ConversationEvent[];
    try {
      events = parseWebhook(await request.text());
    } catch (error) {
      if (ConversationError.isInstance(error) && error.code === 'invalid_request')
        return json(400, { error: 'invalid_request', message: error.message });
      report(error, undefined);
      return json(400, { error: 'invalid_request', message: 'The body could not be read' });
    }
    const answer: WebhookAnswer = counted
      ? { received: events.length, processed: 0, duplicates: 0 }
      : { received: events.length };
    for (const event of events) {
      let outcome: boolean | undefined;
      try {
        outcome = await deliverOne(event);
      } catch (error) {
        report(error, event);
        // Stop here: later events wait for the retry, so they are never handled before this one.
        return json(500, { error: 'handler_failed', eventId: event.id });
      }
      if (outcome === true) answer.processed = (answer.processed ?? 0) + 1;
      else if (outcome === false) answer.duplicates = (answer.duplicates ?? 0) + 1;
    }
    return json(200, answer);
  };
}
