import {
  type ClientSettings,
  createTransport,
  type ErrorResponseInfo,
  encodeBase64,
  type ProviderErrorDetails,
  scrub,
} from '@parley/core';
import { SunshineApi, sunshineErrorDetails } from './api.js';
import { type SunshineProviderConfig, sunshineBaseUrl } from './config.js';
import { JwtSigner } from './jwt.js';

/**
 * Reads Sunshine's `{ errors: [{ code, title }] }`: the first code, and every title (a 400 may carry
 * several). Any other body leaves the error to its HTTP status.
 */
export function parseSunshineError(response: ErrorResponseInfo): ProviderErrorDetails {
  return sunshineErrorDetails(response.body) ?? {};
}

/**
 * A {@link SunshineApi} for a validated config: base URL from `subdomain`/`region`/`baseUrl`, basic
 * auth (or JWTs) added in a hook for Sunshine's origin only, the shared timeout/retry settings, and
 * `{ errors: [...] }` read into every error. The key secret is scrubbed from anything that reaches an
 * error or hook.
 */
export function createSunshineApi(
  config: SunshineProviderConfig,
  settings: Partial<ClientSettings> = {},
): SunshineApi {
  // UTF-8, as RFC 7617 recommends (the config already admits only visible ASCII).
  const basic = `Basic ${encodeBase64(`${config.keyId}:${config.keySecret}`)}`;
  // Scrubbed from any provider text that reaches an error or hook. JWTs join as they are signed
  // (the two latest, as a request may still carry the previous one): the transport reads this
  // same array each time it scrubs.
  const secrets = [config.keySecret, basic.slice('Basic '.length)];
  const onSign = (token: string) => {
    secrets.push(token);
    if (secrets.length > 4) secrets.splice(2, 1);
  };
  const signer =
    config.auth === 'jwt' ? new JwtSigner(config.keyId, config.keySecret, { onSign }) : undefined;
  const transport = createTransport({
    provider: 'sunshine',
    baseUrl: sunshineBaseUrl(config),
    authenticate: async () => ({
      authorization: signer === undefined ? basic : `Bearer ${await signer.token()}`,
    }),
    secrets,
    parseError: parseSunshineError,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.maxResponseBytes === undefined ? {} : { maxResponseBytes: settings.maxResponseBytes }),
    ...(settings.retry === undefined ? {} : { retry: settings.retry }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
    ...(settings.hooks === undefined ? {} : { hooks: settings.hooks }),
  });
  return new SunshineApi(transport, config.appId, { scrub: (text) => scrub(text, secrets) });
}
