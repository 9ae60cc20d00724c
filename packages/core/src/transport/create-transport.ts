import ky, { type KyInstance } from 'ky';
import { ConversationError } from '../errors/conversation-error.js';
import {
  abortError,
  type ErrorContext,
  httpError,
  networkError,
  type ProviderErrorDetails,
  timeoutError,
} from '../errors/error-factories.js';
import { Limiter } from './limiter.js';
import { redactHeaders, scrub } from './redact.js';
import {
  backoffDelay,
  isIdempotent,
  parseRetryAfter,
  type RetryOptions,
  shouldRetry,
  sleep,
} from './retry-policy.js';
import type { RequestInfo, TransportHooks } from './transport-hooks.js';

/** HTTP methods the providers use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** A provider's error answer, handed to `parseError`. */
export interface ErrorResponseInfo {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

/** How to build a provider's transport. */
export interface TransportOptions {
  /** Adapter name, used in errors and hooks. */
  provider: string;
  /** Base URL every relative `path` is resolved against; credentials go only to its origin. */
  baseUrl: string;
  /** Adds credentials to a request bound for `baseUrl`'s origin. */
  authenticate?: (headers: Headers) => void | Promise<void>;
  /** Credential values to scrub from any provider text that reaches an error or hook. */
  secrets?: readonly string[];
  /** Headers sent with every request to `baseUrl` (for example an API version). */
  headers?: Record<string, string>;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** At most this many requests in flight at once (UltraCart: 1). Default unlimited. */
  concurrency?: number;
  fetch?: typeof globalThis.fetch | undefined;
  hooks?: TransportHooks | undefined;
  /** Extracts the provider's code, message and request id from an error answer. */
  parseError?: (response: ErrorResponseInfo) => ProviderErrorDetails;
  /** Backoff waits; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); injectable for tests. */
  random?: () => number;
}

/** One HTTP exchange. Exactly one of `path` (relative to the base URL) or `url` (absolute). */
export interface TransportRequest {
  /** Operation name for errors and hooks, e.g. `getConversation`. */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL; each segment must already be encoded (see `encodePathSegment`). */
  path?: string;
  /** Absolute URL of another host (a presigned upload): it gets no credentials nor default headers. */
  url?: string;
  query?: URLSearchParams | Record<string, string | number | boolean | undefined>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Whether repeating the request is harmless; defaults from the method (PUT is, POST is not). */
  idempotent?: boolean;
  signal?: AbortSignal | undefined;
}

/** A successful answer. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text for a non-JSON body, or undefined for an empty one. */
  data: unknown;
}

/** Sends requests for one provider client. */
export interface Transport {
  readonly provider: string;
  request(request: TransportRequest): Promise<TransportResponse>;
}

/** A path segment encoded for a URL, so an id like `a/../b?x` stays one segment. */
export function encodePathSegment(value: string | number): string {
  const text = String(value);
  // `.` and `..` survive encodeURIComponent and would be collapsed by URL resolution.
  if (text === '.' || text === '..') return text.replace(/\./g, '%2E');
  return encodeURIComponent(text);
}

/**
 * Builds the transport an adapter sends every request through: one ky instance with the base URL
 * and an auth hook, per-attempt timeout, retries with exponential backoff and full jitter,
 * `Retry-After` honoured up to a cap, an optional concurrency limit, redacted hooks, and every
 * failure turned into a `ConversationError`.
 *
 * @example
 * ```ts
 * const transport = createTransport({
 *   provider: 'acme',
 *   baseUrl: 'https://api.acme.test/v1',
 *   authenticate: (headers) => headers.set('authorization', `Bearer ${token}`),
 *   secrets: [token],
 * });
 * const { data } = await transport.request({ operation: 'getThing', method: 'GET', path: 'things/1' });
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const provider = options.provider;
  const secrets = options.secrets ?? [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retryLimit = options.retry?.limit ?? 2;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 60_000;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const limiter = options.concurrency === undefined ? undefined : new Limiter(options.concurrency);
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const common = {
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const api: KyInstance = ky.create({
    ...common,
    prefixUrl: base.href,
    headers: options.headers ?? {},
    hooks: {
      beforeRequest: [
        async (request) => {
          // Credentials only ever go to the provider's own origin.
          if (new URL(request.url).origin === base.origin) await options.authenticate?.(request.headers);
        },
      ],
    },
  });
  const external: KyInstance = ky.create(common);

  async function attempt(request: TransportRequest, attemptNo: number): Promise<TransportResponse> {
    const context: ErrorContext = { provider, operation: request.operation };
    const info: RequestInfo = {
      provider,
      operation: request.operation,
      method: request.method,
      url: '',
      headers: {},
      attempt: attemptNo,
    };
    const started = performance.now();
    let response: Response;
    try {
      const init = {
        method: request.method,
        ...(request.query === undefined ? {} : { searchParams: toSearchParams(request.query) }),
        ...(request.json === undefined ? {} : { json: request.json }),
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.headers === undefined ? {} : { headers: request.headers }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        hooks: {
          beforeRequest: [
            (sent: Request) => {
              // A presigned URL's query is its signature (a write capability): observers get the
              // location only.
              info.url = scrub(
                request.url === undefined ? sent.url : (sent.url.split('?')[0] ?? ''),
                secrets,
              );
              info.headers = redactHeaders(sent.headers, secrets);
              options.hooks?.onRequest?.(info);
            },
          ],
        },
      };
      response =
        request.url === undefined
          ? await api(stripSlash(request.path ?? ''), init)
          : await external(request.url, init);
    } catch (error) {
      throw toFailure(error, request, context, timeoutMs);
    }
    const durationMs = performance.now() - started;
    const body = await readBody(response, request, context);
    const details = response.ok
      ? {}
      : scrubDetails(
          options.parseError?.({ status: response.status, headers: response.headers, body }) ?? {},
          secrets,
        );
    options.hooks?.onResponse?.(info, {
      status: response.status,
      durationMs,
      ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
    });
    if (response.ok) return { status: response.status, headers: response.headers, data: body };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw httpError(response.status, context, {
      ...details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    // A stream body is consumed by the first attempt, so it can never be retried.
    const replayable = !(typeof ReadableStream !== 'undefined' && request.body instanceof ReadableStream);
    const idempotent = replayable && (request.idempotent ?? isIdempotent(request.method));
    for (let attemptNo = 0; ; attemptNo++) {
      if (request.signal?.aborted)
        throw abortError({ provider, operation: request.operation }, request.signal.reason);
      try {
        return await (limiter ? limiter.run(() => attempt(request, attemptNo)) : attempt(request, attemptNo));
      } catch (caught) {
        const error = ConversationError.isInstance(caught)
          ? caught
          : networkError({ provider, operation: request.operation }, caught);
        const info = {
          provider,
          operation: request.operation,
          method: request.method,
          url: '',
          headers: {},
          attempt: attemptNo,
        };
        const retryable = replayable && attemptNo < retryLimit && shouldRetry(error, idempotent);
        if (!retryable) {
          options.hooks?.onError?.(info, error);
          throw error;
        }
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) {
          // Waiting less than the provider asked would only earn another refusal.
          options.hooks?.onError?.(info, error);
          throw error;
        }
        const delayMs = error.retryAfterMs ?? backoffDelay(attemptNo, options.retry ?? {}, random);
        options.hooks?.onRetry?.(info, { error, delayMs });
        try {
          await wait(delayMs, request.signal);
        } catch (reason) {
          throw abortError({ provider, operation: request.operation }, reason);
        }
      }
    }
  }

  return { provider, request: send };
}

function stripSlash(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path;
}

function toSearchParams(query: NonNullable<TransportRequest['query']>): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.append(key, String(value));
  return params;
}

function scrubDetails(details: ProviderErrorDetails, secrets: readonly string[]): ProviderErrorDetails {
  const out: ProviderErrorDetails = { ...details };
  if (out.providerMessage !== undefined) out.providerMessage = scrub(out.providerMessage, secrets);
  if (out.providerCode !== undefined) out.providerCode = scrub(out.providerCode, secrets);
  return out;
}

async function readBody(
  response: Response,
  request: TransportRequest,
  context: ErrorContext,
): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toFailure(error, request, context, 0);
  }
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  const looksJson = type.includes('json') || (type === '' && /^\s*[[{]/.test(text));
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return text;
    throw new ConversationError({
      code: 'invalid_response',
      message: `${context.provider} sent malformed JSON for ${context.operation} (HTTP ${response.status})`,
      ...context,
      status: response.status,
    });
  }
}

function toFailure(
  error: unknown,
  request: TransportRequest,
  context: ErrorContext,
  timeoutMs: number,
): ConversationError {
  if (ConversationError.isInstance(error)) return error;
  if (request.signal?.aborted) return abortError(context, request.signal.reason);
  if (error instanceof Error && error.name === 'TimeoutError') return timeoutError(timeoutMs, context, error);
  return networkError(context, error);
}
