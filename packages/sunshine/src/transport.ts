import {
  type ClientSettings,
  createTransport,
  encodeBase64,
  type ProviderErrorDetails,
  type Transport,
} from '@parley/core/provider';
import { SUNSHINE_REGIONS, type SunshineConfig } from './config.js';
import type { JwtSigner } from './jwt.js';
import { isObject, isOptionalString } from './map/checks.js';

/** The API root for a config: the one of `baseUrl`, `region`, `subdomain` that is set. */
export function sunshineBaseUrl(config: Pick<SunshineConfig, 'subdomain' | 'region' | 'baseUrl'>): string {
  if (config.baseUrl !== undefined) return config.baseUrl.replace(/\/+$/, '');
  if (config.region !== undefined) return SUNSHINE_REGIONS[config.region];
  // The spec's first server has no variables block, so the URL is built here (sunshine-notes §2d).
  return `https://${config.subdomain ?? ''}.zendesk.com/sc`;
}

/**
 * The first code and every title (a 400 may carry several) of Sunshine's
 * `{ errors: [{ code, title }] }`; undefined for any other body or an empty list, which leaves the
 * error to its HTTP status.
 */
export function sunshineErrorDetails(body: unknown): ProviderErrorDetails | undefined {
  // Read by hand exactly as `errorResponseSchema` takes it: failing a request needs no valibot.
  if (!isObject(body) || !Array.isArray(body.errors) || body.errors.length === 0) return undefined;
  let code: string | undefined;
  const titles: string[] = [];
  for (const error of body.errors as unknown[]) {
    if (!isObject(error) || !isOptionalString(error.code) || !isOptionalString(error.title)) return undefined;
    code ??= error.code;
    if (error.title !== undefined) titles.push(error.title);
  }
  return {
    ...(code === undefined ? {} : { providerCode: code }),
    ...(titles.length === 0 ? {} : { providerMessage: titles.join('; ') }),
  };
}

/**
 * The transport every Sunshine request goes through: the base URL from `subdomain`, `region` or
 * `baseUrl`; basic auth (or short-lived JWTs) for Sunshine's origin only; `{ errors: [...] }` read
 * into every error; the client's timeout, retry, size cap, fetch and hooks. The key secret, the
 * basic credentials and each signed JWT are scrubbed from anything that reaches an error or hook.
 */
export function createSunshineTransport(config: SunshineConfig, settings: ClientSettings): Transport {
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
  // Loaded on the first request of a `jwt` client only: basic auth, the default, never needs it.
  let signer: Promise<JwtSigner> | undefined;
  const bearer = async () => {
    signer ??= import('./jwt.js').then(
      ({ JwtSigner }) => new JwtSigner(config.keyId, config.keySecret, { onSign }),
    );
    return `Bearer ${await (await signer).token()}`;
  };
  return createTransport({
    provider: 'sunshine',
    baseUrl: sunshineBaseUrl(config),
    authenticate: async () => ({ authorization: config.auth === 'jwt' ? await bearer() : basic }),
    secrets,
    parseError: (response) => sunshineErrorDetails(response.body) ?? {},
    // Sunshine documents `{ errors }` only with 4xx/5xx. A 2xx that still carries a non-empty list
    // says it failed: without this the `{}`-answer calls (delete, leave, activity) would pass it
    // for success. Most answers have no `errors` array, which the reader turns away first.
    parseFailure: (response) => sunshineErrorDetails(response.body),
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    fetch: settings.fetch,
    hooks: settings.hooks,
  });
}
