import {
  type ClientSettings,
  createTransport,
  type ErrorResponseInfo,
  type ProviderErrorDetails,
  type Transport,
} from '@parley/core/provider';
import * as v from 'valibot';
import type { AcmeConfig } from './config.js';
import { errorResponseSchema } from './wire/error.js';

/**
 * What an Acme error answer says: its code and message, and the request id (header, else body).
 * An answer that is not Acme's error shape (a proxy's HTML page) gives only the request id.
 */
export function parseAcmeError(response: ErrorResponseInfo): ProviderErrorDetails {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const parsed = v.safeParse(errorResponseSchema, response.body);
  if (!parsed.success) return { requestId };
  return {
    requestId: requestId ?? parsed.output.request_id,
    providerCode: parsed.output.error.code,
    providerMessage: parsed.output.error.message,
  };
}

/**
 * The transport every Acme request goes through: the config's base URL, the bearer token (only to
 * that origin, never in an error or hook), the client's shared settings (deadline, retries, byte
 * cap, fetch, hooks) and Acme's error bodies. Acme documents no rate limit, so there is no budget.
 */
export function createAcmeTransport(config: AcmeConfig, settings: ClientSettings): Transport {
  return createTransport({
    provider: 'acme',
    baseUrl: config.baseUrl,
    authenticate: () => ({ authorization: `Bearer ${config.token}` }),
    secrets: [config.token],
    headers: { accept: 'application/json' },
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    maxResponseBytes: settings.maxResponseBytes,
    fetch: settings.fetch,
    hooks: settings.hooks,
    parseError: parseAcmeError,
  });
}
