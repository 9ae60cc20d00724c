import type { ConversationEvent } from '@parley/core';
import type { WebhookEndpointOptions, WebhookHandler } from './webhook-endpoint.js';

// This module has no runtime imports: `createWebhookEndpoint` loads it on an endpoint's first
// request, and esbuild then keeps it in a chunk of its own. What it needs from the code loaded at
// import (the secret check, the parser, the error class) comes in through `WebhookResponderParts`,
// since importing it here would split that shared code into a second chunk loaded at import.

/** What the responder takes from the code loaded at import. */
export interface WebhookResponderParts {
  /** Whether a request's headers carry the secret (the endpoint's `secretMatcher`). */
  hasSecret: (headers: Headers) => boolean;
  /** The events of a body (`parseWebhook`). */
  parse: (body: string) => ConversationEvent[];
  /** The message of an `invalid_request` error `parse` threw; undefined for any other error. */
  refusal: (error: unknown) => string | undefined;
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

/** The request handling of `createWebhookEndpoint` (which documents it), once its secret is checked. */
export function createWebhookResponder(
  options: WebhookEndpointOptions,
  parts: WebhookResponderParts,
): WebhookHandler {
  const { hasSecret, parse, refusal } = parts;
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
      events = parse(await request.text());
    } catch (error) {
      const message = refusal(error);
      if (message !== undefined) return json(400, { error: 'invalid_request', message });
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
