import {
  type ClientSettings,
  createTransport,
  encodeBase64,
  type ProviderErrorDetails,
  type Transport,
} from '@parley/core/provider';
import * as v from 'valibot';
import { SUNSHINE_REGIONS, type SunshineConfig } from './config.js';
import { JwtSigner } from './jwt.js';
import { errorResponseSchema } from './wire/common.js';

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
  const parsed = v.safeParse(errorResponseSchema, body);
  if (!parsed.success || parsed.output.errors.length === 0) return undefined;
  const errors = parsed.output.errors;
  const code = errors.find((error) => error.code !== undefined)?.code;
  const titles = errors.map((error) => error.title).filter((title) => title !== undefined);
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
  const signer =
    config.auth === 'jwt' ? new JwtSigner(config.keyId, config.keySecret, { onSign }) : undefined;
  return createTransport({
    provider: 'sunshine',
    baseUrl: sunshineBaseUrl(config),
    authenticate: async () => ({
      authorization: signer === undefined ? basic : `Bearer ${await signer.token()}`,
    }),
    secrets,
    parseError: (response) => sunshineErrorDetails(response.body) ?? {},
    // Sunshine documents `{ errors }` only with 4xx/5xx. A 2xx that still carries a non-empty list
    // says it failed: without this the `{}`-answer calls (delete, leave, activity) would pass it
    // for success. Most answers have no `errors`, so the parse is skipped for them.
    parseFailure: (response) =>
      typeof response.body === 'object' && response.body !== null && 'errors' in response.body
        ? sunshineErrorDetails(response.body)
        : undefined,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    fetch: settings.fetch,
    hooks: settings.hooks,
  });
}
