import type { ServerResponse } from 'node:http';
import type { FaultDecision } from './faults.js';
import type { ProviderName, Reply } from './http.js';
import { sunshineError } from './sunshine/routes.js';
import { ultracartError, withUltraCartRequestId } from './ultracart/routes.js';

/**
 * Writes `reply` out: a Buffer body as it is, anything else as JSON. `malformed` cuts the JSON in
 * half (a `malformed` fault), giving a 204 a body and so a 200.
 */
export function writeReply(res: ServerResponse, reply: Reply, malformed = false): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  let status = reply.status;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined || malformed) {
    let text = JSON.stringify(reply.body ?? { success: true });
    // Cut the JSON in half so no parser accepts it.
    if (malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    payload = Buffer.from(text);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
    if (status === 204) status = 200;
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(status, headers);
  res.end(payload);
}

/** The 413 for a body over `limit` bytes, in the provider's error shape. */
export function tooLargeReply(provider: ProviderName, limit: number): Reply {
  const message = `Request body exceeds ${limit} bytes`;
  if (provider === 'sunshine') return sunshineError(413, 'request_entity_too_large', message);
  if (provider === 'ultracart') return withUltraCartRequestId(ultracartError(413, message));
  return { status: 413, body: { error: message } };
}

/** An injected 429, 500 or 503 in the provider's error shape (a 429 with its `Retry-After`). */
export function faultReply(provider: ProviderName, decision: FaultDecision): Reply {
  const status = Number(decision.kind.slice(0, 3));
  const retry: Record<string, string> =
    decision.kind === '429' ? { 'Retry-After': String(decision.retryAfterSeconds) } : {};
  const message =
    status === 429
      ? 'rate of 1000 per 3600 second(s) exceeded.'
      : status === 503
        ? 'Service temporarily unavailable'
        : 'Internal server error (injected by the emulator)';
  if (provider === 'sunshine') {
    const code =
      status === 429 ? 'too_many_requests' : status === 503 ? 'service_unavailable' : 'internal_error';
    return sunshineError(status, code, message, retry);
  }
  if (provider === 'ultracart') return withUltraCartRequestId(ultracartError(status, message, retry));
  return { status, headers: retry, body: { error: message } };
}
