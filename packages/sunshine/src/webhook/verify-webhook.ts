import { createHash, timingSafeEqual } from 'node:crypto';
import { ConversationError } from '@parley/core';

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

// SHA-256 digests have the same length whatever the inputs, so neither the comparison nor an early
// length check can reveal how long the secret is.
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * A check of the secret header against `secret` (one or several), validated and digested once so
 * each request costs one digest and one comparison per secret.
 *
 * @throws ConversationError `invalid_config` when `secret` is empty: it would accept an empty header.
 */
export function secretMatcher(
  secret: string | readonly string[],
  operation: string,
): (headers: WebhookHeaders) => boolean {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === ''))
    throw new ConversationError({
      code: 'invalid_config',
      message: 'A Sunshine webhook secret must be a non-empty string',
      provider: 'sunshine',
      operation,
    });
  const digests = secrets.map(digest);
  return (headers) => {
    const received = headerValue(headers, webhookSecretHeader);
    // Compare against a digest even when the header is missing, so both paths cost the same.
    const given = digest(received ?? '');
    let match = false;
    // Every secret is compared (no early exit), so timing does not tell which one matched.
    for (const candidate of digests) match = timingSafeEqual(given, candidate) || match;
    return match && received !== undefined;
  };
}

/**
 * Whether a webhook request carries the shared secret in `X-API-Key` (header names are
 * case-insensitive), compared in constant time. Sunshine generates one secret per webhook and
 * sends it with each request; there is no signature. Pass several secrets to accept any of them
 * (several webhooks on one target, or a rotation).
 *
 * @throws ConversationError `invalid_config` when `secret` is empty.
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
