import type { ProviderErrorDetails } from '../errors/error-factories.js';

const REDACTED = '[redacted]';
/** Headers that carry credentials: redacted in hooks, dropped when a redirect leaves the origin. */
const credentialHeaderNames: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-ultracart-simple-key',
]);

/** `text` with every occurrence of each secret replaced by `[redacted]`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

/** A plain copy of `headers` (lower-case names) safe to log, sorted by name as `Headers` would be: credential headers and any value holding a secret are redacted. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort())
    out[name] = credentialHeaderNames.has(name) ? REDACTED : scrub(headers[name] ?? '', secrets);
  return out;
}

/** Provider error details with every secret scrubbed. */
export function scrubDetails(
  details: ProviderErrorDetails,
  secrets: readonly string[],
): ProviderErrorDetails {
  const out: ProviderErrorDetails = { ...details };
  if (out.providerMessage !== undefined) out.providerMessage = scrub(out.providerMessage, secrets);
  if (out.providerCode !== undefined) out.providerCode = scrub(out.providerCode, secrets);
  return out;
}
