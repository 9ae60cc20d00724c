import { ConversationError } from '@parley/core';
import { credentialSchema, issueMessage } from '@parley/core/provider';
import * as v from 'valibot';

const encoder = new TextEncoder();

/** Request headers as a fetch `Headers` or a plain record (Node's `IncomingHttpHeaders` fits). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What {@link verifyWebhook} looks at. `body` is accepted for symmetry: Sunshine signs nothing. */
export interface WebhookRequestParts {
  headers: WebhookHeaders;
  body?: unknown;
}

/** The header carrying the webhook's shared secret. */
export const webhookSecretHeader = 'x-api-key';

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    // A repeated secret header is ambiguous: refuse it rather than pick one.
    if (value !== undefined && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}

/**
 * Whether `given` equals `secret` (non-empty), in time that depends only on `given`'s length:
 * every byte of `given` is compared (against the secret repeated, so the loop never stops at the
 * secret's end), differences are OR-accumulated without branching, and the length difference is
 * folded in. Neither where the two differ nor how long the secret is changes how long it takes.
 * Plain JavaScript, so it runs wherever `node:crypto`'s `timingSafeEqual` does not.
 *
 * @example
 * ```ts
 * const encoder = new TextEncoder();
 * constantTimeEqual(encoder.encode(header), encoder.encode(secret));
 * ```
 */
export function constantTimeEqual(given: Uint8Array, secret: Uint8Array): boolean {
  let difference = given.length ^ secret.length;
  for (let i = 0; i < given.length; i++) difference |= (given[i] ?? 0) ^ (secret[i % secret.length] ?? 0);
  return difference === 0;
}

function invalidSecret(field: string, problem: string, operation: string): ConversationError {
  return new ConversationError({
    code: 'invalid_config',
    message: `Invalid Sunshine webhook ${field}: ${problem}`,
    provider: 'sunshine',
    operation,
  });
}

/**
 * A check of the secret header against `secret` (one or several), each validated once as a header
 * credential (visible ASCII, as `X-API-Key` carries it) and kept as UTF-8 bytes, so each request
 * costs one encoding and one constant-time comparison per secret.
 *
 * @throws ConversationError `invalid_config` naming `secret` (or `secret[i]`), never its value, when
 * a secret is empty or not visible ASCII: an empty one would accept an empty header, and one with a
 * space, control or non-ASCII character can never arrive in a header.
 */
export function secretMatcher(
  secret: string | readonly string[],
  operation: string,
): (headers: WebhookHeaders) => boolean {
  const secrets: readonly unknown[] = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0)
    throw invalidSecret('secret', 'must be a string or a non-empty array of strings', operation);
  const expected = secrets.map((candidate, index) => {
    const result = v.safeParse(credentialSchema, candidate);
    if (result.success) return encoder.encode(result.output);
    const field = typeof secret === 'string' ? 'secret' : `secret[${index}]`;
    const issue = result.issues[0];
    throw invalidSecret(field, issue === undefined ? 'is invalid' : issueMessage(issue), operation);
  });
  return (headers) => {
    const received = headerValue(headers, webhookSecretHeader);
    // Compared even when the header is missing, so both paths cost the same.
    const given = encoder.encode(received ?? '');
    let match = 0;
    // Every secret is compared (no early exit), so timing does not tell which one matched.
    for (const candidate of expected) match |= constantTimeEqual(given, candidate) ? 1 : 0;
    return match === 1 && received !== undefined;
  };
}

/**
 * Whether a webhook request carries the shared secret in `X-API-Key` (header names are
 * case-insensitive), compared in constant time. Sunshine generates one secret per webhook and
 * sends it with each request; there is no signature. Pass several secrets to accept any of them
 * (several webhooks on one target, or a rotation).
 *
 * @throws ConversationError `invalid_config` naming the field when a secret is empty or not
 * visible ASCII (never its value).
 *
 * @example
 * ```ts
 * if (!verifyWebhook({ headers: request.headers }, process.env.SUNSHINE_WEBHOOK_SECRET ?? '')) {
 *   return new Response(null, { status: 401 });
 * }
 * ```
 */
export function verifyWebhook(request: WebhookRequestParts, secret: string | readonly string[]): boolean {
  return secretMatcher(secret, 'webhook.verify')(request.headers);
}
