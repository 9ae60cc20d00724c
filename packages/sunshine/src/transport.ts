import { ConversationError } from '@parley/core';
import {
  type ClientSettings,
  createTransport,
  encodeBase64,
  type ProviderErrorDetails,
  scrub,
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
  const transport = createTransport({
    provider: 'sunshine',
    baseUrl: sunshineBaseUrl(config),
    authenticate: async () => ({
      authorization: signer === undefined ? basic : `Bearer ${await signer.token()}`,
    }),
    secrets,
    parseError: (response) => sunshineErrorDetails(response.body) ?? {},
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    fetch: settings.fetch,
    hooks: settings.hooks,
  });
  // TODO(core): a `TransportOptions.parseFailure` (see the report of issue 11) would make this
  // wrapper a one-line option, shared with UltraCart's `success: false` check.
  return {
    provider: transport.provider,
    async request(request) {
      const response = await transport.request(request);
      refuseErrorBody(response.data, response.status, request.operation, secrets);
      return response;
    },
  };
}

// Sunshine documents `{ errors }` only with 4xx/5xx. A 2xx that still carries it says it failed:
// without this check the `{}`-answer calls (delete, leave, activity) would take it for success.
function refuseErrorBody(data: unknown, status: number, operation: string, secrets: readonly string[]): void {
  // Most answers have no `errors`: skip the parse, whose failure builds an issue with its message.
  if (typeof data !== 'object' || data === null || !('errors' in data)) return;
  const details = sunshineErrorDetails(data);
  if (details === undefined) return;
  const text = details.providerMessage === undefined ? undefined : scrub(details.providerMessage, secrets);
  throw new ConversationError({
    code: 'provider_error',
    message: `sunshine reported a failure on ${operation} (HTTP ${status} with errors)${text === undefined ? '' : `: ${text}`}`,
    provider: 'sunshine',
    operation,
    status,
    providerCode: details.providerCode === undefined ? undefined : scrub(details.providerCode, secrets),
    providerMessage: text,
  });
}
