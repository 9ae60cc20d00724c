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

/** The message of an `invalid_request` error (a body that is not a webhook envelope), else undefined. */
function refusal(error: unknown): string | undefined {
  return ConversationError.isInstance(error) && error.code === 'invalid_request' ? error.message : undefined;
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
  // Checked now, so a bad secret fails here and not at each request.
  const hasSecret = secretMatcher(options.secret, options.operation);
  let responder: Promise<WebhookHandler> | undefined;
  return async (request) => {
    // The request handling loads on the first request, not at import (see webhook-responder.ts).
    responder ??= import('./webhook-responder.js').then(({ createWebhookResponder }) =>
      createWebhookResponder(options, { hasSecret, parse: parseWebhook, refusal }),
    );
    return (await responder)(request);
  };
}
