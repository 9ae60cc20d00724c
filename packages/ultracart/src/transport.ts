import {
  type ClientSettings,
  createRequestBudget,
  createTransport,
  type ErrorResponseInfo,
  type ProviderErrorDetails,
  type Transport,
} from '@parley/core/provider';
import type { UltraCartConfig } from './config.js';
import type { UltraCartError } from './wire/envelope.js';

const PROVIDER = 'ultracart';

/** The API version UltraCart requires on every request ("Requests will FAIL if … not specified"). */
export const ULTRACART_API_VERSION = '2017-03-01';

/** An UltraCart transport: where it sends requests, shown by `JSON.stringify` (never the credentials). */
export interface UltraCartTransport extends Transport {
  /** The base URL requests go to. */
  readonly baseUrl: string;
}

/**
 * A reader of the string fields of the body's `error` object (spec model `Error`): each gives
 * undefined unless it is a string. Each field is read on its own, without the wire schema: a field
 * of another type, or a malformed `metadata` or `warning` beside it, no longer hides the other
 * fields (the schema's parse used to drop them all).
 */
function errorFields(body: unknown): (name: keyof UltraCartError) => string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return (name) => {
    const value = fields[name];
    return typeof value === 'string' ? value : undefined;
  };
}

/**
 * What UltraCart's error answer says: `ErrorResponse.error` (`developer_message`, `user_message`,
 * `error_code`, `object_id`), else the `UC-REST-ERROR` header, and `X-UltraCart-Request-Id`.
 * For the presigned upload (S3-style XML errors, inferred) it reads `<Code>` and `<Message>`.
 */
export function parseUltraCartError(response: ErrorResponseInfo): ProviderErrorDetails {
  const requestId = response.headers.get('x-ultracart-request-id') ?? undefined;
  const header = response.headers.get('uc-rest-error') ?? undefined;
  const field = errorFields(response.body);
  const userMessage = field('user_message');
  const objectId = field('object_id');
  let message = field('developer_message') ?? userMessage ?? header;
  if (message !== undefined && userMessage && userMessage !== message)
    message = `${message} (user message: ${userMessage})`;
  if (message !== undefined && objectId) message = `${message} [object ${objectId}]`;
  let code = field('error_code');
  if (typeof response.body === 'string' && message === undefined) {
    message = /<Message>([^<]{1,500})<\/Message>/.exec(response.body)?.[1];
    code ??= /<Code>([^<]{1,100})<\/Code>/.exec(response.body)?.[1];
  }
  return {
    ...(requestId === undefined ? {} : { requestId }),
    ...(message === undefined ? {} : { providerMessage: message }),
    ...(code === undefined ? {} : { providerCode: code }),
  };
}

/**
 * Reads a 2xx answer of UltraCart's own API whose body says it failed (`success: false`,
 * errors.html: "Most API responses will contain … success boolean, error Error"): what the body
 * says, so the call fails with `provider_error`; undefined for any other answer.
 */
function parseUltraCartFailure(response: ErrorResponseInfo): ProviderErrorDetails | undefined {
  const body = response.body;
  if (typeof body !== 'object' || body === null || (body as { success?: unknown }).success !== false)
    return undefined;
  return parseUltraCartError(response);
}

/**
 * The transport every UltraCart request goes through, built from the validated `ultracart` section
 * and the client's shared settings: the base URL; `X-UltraCart-Api-Version: 2017-03-01` and
 * `Accept: application/json`; the credential (`x-ultracart-simple-key` or `Authorization: Bearer`)
 * on UltraCart's own origin only, so a presigned upload URL (an absolute `url`) never sees it; one
 * request at a time ("Do NOT perform concurrent requests by application or IP… or you will also
 * receive a 429"); the request budget of `config.budget` (UltraCart's leaky bucket; `false`: none),
 * exposed as `budget` so the event poller paces by it; UltraCart's error body read into every
 * error; and a 2xx body with `success: false` refused as `provider_error` (core's `parseFailure`). The credential is scrubbed from anything that reaches an error or a hook.
 */
export function createUltraCartTransport(
  config: UltraCartConfig,
  settings: ClientSettings,
): UltraCartTransport {
  const { apiKey, accessToken, baseUrl, budget } = config;
  const secrets = [apiKey, accessToken].filter((secret): secret is string => secret !== undefined);
  const transport = createTransport({
    provider: PROVIDER,
    baseUrl,
    headers: { 'X-UltraCart-Api-Version': ULTRACART_API_VERSION, Accept: 'application/json' },
    authenticate: () =>
      apiKey !== undefined
        ? { 'x-ultracart-simple-key': apiKey }
        : { authorization: `Bearer ${accessToken ?? ''}` },
    secrets,
    concurrency: 1,
    // "up to 1,000 requests per hour and 10,000 per day… implemented as a leaky bucket".
    budget: budget === false ? undefined : createRequestBudget(budget),
    parseError: parseUltraCartError,
    // Checked on UltraCart's own answers only: a presigned upload's storage host knows no `success`.
    parseFailure: parseUltraCartFailure,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    fetch: settings.fetch,
    hooks: settings.hooks,
  });
  return { ...transport, baseUrl };
}
