import { loadDefaultSender } from '#default-sender';
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
import { parseBody } from './parse-body.js';
import {
  applyCredentials,
  type EncodedBody,
  encodeBody,
  type QueryInit,
  setHeader,
  stripSlash,
  toSearchParams,
} from './prepare-request.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { redactHeaders, scrub, scrubDetails } from './redact.js';
import type { RequestBudget } from './request-budget.js';
import {
  backoffDelay,
  isIdempotent,
  mayHaveBeenApplied,
  parseRetryAfter,
  type RetryOptions,
  shouldRetry,
  sleep,
} from './retry-policy.js';
import type { Sender, SenderResponse } from './sender.js';
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

/** Default of `maxResponseBytes`: 32 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** How to build a provider's transport. */
export interface TransportOptions {
  /** Adapter name, used in errors and hooks. */
  provider: string;
  /** Base URL every relative `path` is resolved against; credentials go only to its origin. */
  baseUrl: string;
  /**
   * The headers that carry credentials, for a request bound for `baseUrl`'s origin (called per
   * attempt, so a short-lived token can be renewed). A value no header can carry is refused as
   * `invalid_config` naming the header.
   */
  authenticate?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Credential values to scrub from any text that reaches an error, a cause or a hook. */
  secrets?: readonly string[];
  /** Headers sent with every request to `baseUrl` (for example an API version). */
  headers?: Record<string, string>;
  /** Deadline of each attempt, connection, headers and whole body; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Largest answer read, counted after decompression; default 32 MiB. */
  maxResponseBytes?: number;
  /** At most this many requests in flight at once (UltraCart: 1). Default unlimited. */
  concurrency?: number;
  /** A request budget every request to `baseUrl`'s origin spends (see `createRequestBudget`). */
  budget?: RequestBudget | undefined;
  /** A custom fetch: requests then go through ky on it instead of the runtime's default sender. */
  fetch?: typeof globalThis.fetch | undefined;
  hooks?: TransportHooks | undefined;
  /** Extracts the provider's code, message and request id from an error answer. */
  parseError?: (response: ErrorResponseInfo) => ProviderErrorDetails;
  /**
   * Reads a 2xx answer of the provider's own API that says it failed (UltraCart `success: false`):
   * its details make the call fail with `provider_error`; undefined lets it succeed.
   */
  parseFailure?: (response: ErrorResponseInfo) => ProviderErrorDetails | undefined;
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
  query?: QueryInit;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Whether repeating the request is harmless; defaults from the method (PUT is, POST is not). */
  idempotent?: boolean;
  /** Overrides the transport's `maxResponseBytes` for this request (a large history, say). */
  maxResponseBytes?: number | undefined;
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
  /** The request budget every request spends, when the transport has one (a poller paces by it). */
  readonly budget?: RequestBudget | undefined;
  request(request: TransportRequest): Promise<TransportResponse>;
}

/** Marks the deadline's abort, to tell it from the caller's. */
class DeadlineReached extends Error {
  override name = 'TimeoutError';
}

/**
 * Builds the transport an adapter sends every request through: prepare (URL, query, headers, body,
 * credentials for the provider's origin only) → a minimal sender that only moves bytes → one body
 * reader with a byte cap → error mapping → retry policy. Every protection sits above the sender, so
 * it holds on `node:http` (the default on Node) and on fetch through ky (elsewhere, or when `fetch`
 * is passed): a per-attempt deadline covering the body, `AbortSignal` at every wait, redirects
 * followed only for a read on the same origin, a request budget, retries that never repeat a write
 * the provider may have applied, and no credential in any error, cause or hook.
 *
 * @example
 * ```ts
 * const transport = createTransport({
 *   provider: 'acme',
 *   baseUrl: 'https://api.acme.test/v1',
 *   authenticate: () => ({ authorization: `Bearer ${token}` }),
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
  const hooks = options.hooks;
  const limiter = options.concurrency === undefined ? undefined : new Limiter(options.concurrency);
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const defaultHeaders = Object.entries(options.headers ?? {});
  const customFetch = options.fetch;
  // ky is imported only when a fetch sender is used: a Node app that passes no fetch never loads it.
  let sender: Promise<Sender> | undefined;
  let loaded: Sender | undefined;
  const getSender = async (): Promise<Sender> => {
    sender ??=
      customFetch === undefined
        ? loadDefaultSender()
        : import('./fetch-sender.js').then(({ createFetchSender }) => createFetchSender(customFetch));
    loaded = await sender;
    return loaded;
  };

  /** The headers of a request to `url`: defaults and credentials only on the provider's own origin. */
  function headersFor(
    request: TransportRequest,
    url: URL,
    body: EncodedBody,
    context: ErrorContext,
  ): Headers | Promise<Headers> {
    const headers = new Headers();
    const own = request.url === undefined && url.origin === base.origin;
    if (own) for (const [name, value] of defaultHeaders) headers.set(name, value);
    if (body.contentType !== undefined) headers.set('content-type', body.contentType);
    if (request.headers !== undefined)
      for (const [name, value] of Object.entries(request.headers))
        setHeader(headers, name, value, context, 'input');
    // A presigned upload (an absolute `url`) carries no credential but its own signature.
    if (!own || options.authenticate === undefined) return headers;
    const applied = applyCredentials(headers, options.authenticate, context);
    return applied instanceof Promise ? applied.then(() => headers) : headers;
  }

  function urlOf(request: TransportRequest): URL {
    let href = request.url ?? base.href + stripSlash(request.path ?? '');
    if (request.query !== undefined) {
      const search = toSearchParams(request.query).toString();
      // The query replaces any the URL had, like ky's `searchParams`.
      if (search !== '') href = href.replace(/(?:\?.*?)?(?=#|$)/, `?${search}`);
    }
    return new URL(href);
  }

  /** What hooks see of a request: credentials redacted, and a presigned URL without its signature. */
  function infoOf(request: TransportRequest, url: URL, headers: Headers, attemptNo: number): RequestInfo {
    return {
      provider,
      operation: request.operation,
      method: request.method,
      url: scrub(request.url === undefined ? url.href : url.origin + url.pathname, secrets),
      headers: redactHeaders(headers, secrets),
      attempt: attemptNo,
    };
  }

  /** One attempt, redirects included, under one deadline. */
  async function attempt(
    request: TransportRequest,
    body: EncodedBody,
    attemptNo: number,
    seen: { info?: RequestInfo },
  ): Promise<TransportResponse> {
    const context: ErrorContext = { provider, operation: request.operation };
    // Requests to the provider's own API spend its budget (a presigned upload goes elsewhere). The
    // wait is the client's own, not the provider's time: it comes before the deadline starts.
    const budget = request.url === undefined ? options.budget : undefined;
    if (budget !== undefined)
      await budget.take({ maxWaitMs: maxRetryAfterMs, signal: request.signal, context });
    const deadline = new AbortController();
    const onCallerAbort = () => deadline.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(
      () => deadline.abort(new DeadlineReached(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const started = performance.now();
    try {
      let url = urlOf(request);
      for (let redirects = 0; ; redirects++) {
        const prepared = headersFor(request, url, body, context);
        const headers = prepared instanceof Promise ? await prepared : prepared;
        if (redirects === 0 && hooks !== undefined) {
          seen.info = infoOf(request, url, headers, attemptNo);
          hooks.onRequest?.(seen.info);
        }
        // A followed redirect is one more request on the same origin.
        if (redirects > 0 && budget !== undefined)
          await budget.take({ maxWaitMs: maxRetryAfterMs, signal: deadline.signal, context });
        deadline.signal.throwIfAborted();
        const response = await (loaded ?? (await getSender()))({
          method: request.method,
          url,
          headers,
          body: body.bytes,
          signal: deadline.signal,
        });
        const location = response.headers.get('location');
        if (!redirectStatuses.has(response.status) || location === null)
          return await finish(response, request, context, seen.info, started);
        response.cancel();
        const target = new URL(location, url);
        const read = request.method === 'GET' || request.method === 'HEAD';
        if (!read || target.origin !== url.origin || redirects >= MAX_REDIRECTS)
          throw redirectError(response.status, target, context, read && target.origin === url.origin);
        url = target;
      }
    } catch (error) {
      throw failure(error, request, deadline.signal, context);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function finish(
    response: SenderResponse,
    request: TransportRequest,
    context: ErrorContext,
    info: RequestInfo | undefined,
    started: number,
  ): Promise<TransportResponse> {
    const maxBytes = request.maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const text = await readBody(response, maxBytes);
    const ok = response.status >= 200 && response.status < 300;
    const answer = { status: response.status, headers: response.headers, text };
    const data = parseBody(answer, ok, context);
    const details = ok
      ? {}
      : scrubDetails(
          options.parseError?.({ status: response.status, headers: response.headers, body: data }) ?? {},
          secrets,
        );
    if (info !== undefined)
      hooks?.onResponse?.(info, {
        status: response.status,
        durationMs: performance.now() - started,
        ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      });
    const failed =
      ok && request.url === undefined
        ? options.parseFailure?.({ status: response.status, headers: response.headers, body: data })
        : undefined;
    if (failed !== undefined) throw reportedFailure(response.status, context, scrubDetails(failed, secrets));
    if (ok) return { status: response.status, headers: response.headers, data };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw httpError(response.status, context, {
      ...details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  /** Any failure of an attempt as a ConversationError, its cause scrubbed of every secret. */
  function failure(
    error: unknown,
    request: TransportRequest,
    signal: AbortSignal,
    context: ErrorContext,
  ): ConversationError {
    if (ConversationError.isInstance(error)) return error;
    if (request.signal?.aborted) return abortError(context, request.signal.reason);
    if (signal.reason instanceof DeadlineReached)
      return timeoutError(timeoutMs, context, signal.reason, secrets);
    if (error instanceof BodyTooLargeError)
      return new ConversationError({
        code: 'invalid_response',
        message: `${provider} answered ${request.operation} with more than ${error.limit} bytes (maxResponseBytes); raise maxResponseBytes, for the client or for this call, if such answers are expected`,
        ...context,
      });
    return networkError(context, error, secrets);
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    const context = { provider, operation: request.operation };
    let body: EncodedBody;
    try {
      const encoded = encodeBody(request.body, request.json);
      body = encoded instanceof Promise ? await encoded : encoded;
    } catch (error) {
      if (request.signal?.aborted) throw abortError(context, request.signal.reason);
      throw new ConversationError({
        code: 'invalid_request',
        message: `The body of ${request.operation} could not be read`,
        ...context,
        cause: error,
      });
    }
    const idempotent = request.idempotent ?? isIdempotent(request.method);
    let earlierMayHaveApplied = false;
    for (let attemptNo = 0; ; attemptNo++) {
      const seen: { info?: RequestInfo } = {};
      try {
        if (request.signal?.aborted) throw abortError(context, request.signal.reason);
        const run = () => attempt(request, body, attemptNo, seen);
        return await (limiter === undefined ? run() : limiter.run(run, request.signal));
      } catch (caught) {
        const error = ConversationError.isInstance(caught)
          ? caught
          : request.signal?.aborted
            ? abortError(context, request.signal.reason)
            : networkError(context, caught, secrets);
        // A retried DELETE that finds nothing: the attempt whose answer was lost did the deleting.
        if (request.method === 'DELETE' && earlierMayHaveApplied && error.status === 404)
          return { status: 404, headers: new Headers(), data: undefined };
        earlierMayHaveApplied ||= mayHaveBeenApplied(error);
        // Without hooks (or when the request failed before it was built) there is no URL to show.
        const info = seen.info ?? {
          provider,
          operation: request.operation,
          method: request.method,
          url: '',
          headers: {},
          attempt: attemptNo,
        };
        const fromBudget = error.code === 'rate_limited' && error.status === undefined;
        const retryable = !fromBudget && attemptNo < retryLimit && shouldRetry(error, idempotent);
        // Waiting less than a Retry-After asks would only earn another refusal: fail now instead.
        if (!retryable || (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs)) {
          hooks?.onError?.(info, error);
          throw error;
        }
        const delayMs = error.retryAfterMs ?? backoffDelay(attemptNo, options.retry ?? {}, random);
        hooks?.onRetry?.(info, { error, delayMs });
        try {
          await wait(delayMs, request.signal);
        } catch (reason) {
          throw abortError(context, reason);
        }
      }
    }
  }

  return { provider, budget: options.budget, request: send };
}

/** A 2xx whose body says the call failed. */
function reportedFailure(
  status: number,
  context: ErrorContext,
  details: ProviderErrorDetails,
): ConversationError {
  const said = details.providerMessage === undefined ? '' : `: ${details.providerMessage}`;
  return new ConversationError({
    code: 'provider_error',
    message: `${context.provider} reported a failure on ${context.operation} (HTTP ${status})${said}`,
    ...context,
    status,
    ...details,
  });
}

/** A redirect the transport will not follow, naming where it pointed so a wrong base URL is fixed once. */
function redirectError(
  status: number,
  target: URL,
  context: ErrorContext,
  tooMany: boolean,
): ConversationError {
  const where = `${target.origin}${target.pathname}`;
  const message = tooMany
    ? `${context.provider} redirected ${context.operation} more than ${MAX_REDIRECTS} times (last to ${where})`
    : `${context.provider} answered ${status} to ${where} for ${context.operation}; only reads are redirected, and only on the same origin: if that is the right host, set baseUrl to it`;
  return new ConversationError({ code: 'provider_error', message, ...context, status });
}
