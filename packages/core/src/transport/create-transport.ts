import ky, { type KyInstance } from 'ky';
import { ConversationError } from '../errors/conversation-error.js';
import {
  abortError,
  type ErrorContext,
  httpError,
  networkError,
  type ProviderErrorDetails,
} from '../errors/error-factories.js';
import { Limiter } from './limiter.js';
import { createNodeAgents, type NodeAgents, nodeExchange } from './node-http.js';
import { redactHeaders, scrub } from './redact.js';
import {
  backoffDelay,
  isIdempotent,
  mayHaveBeenApplied,
  parseRetryAfter,
  type RetryOptions,
  shouldRetry,
  sleep,
} from './retry-policy.js';
import type { RequestInfo, TransportHooks } from './transport-hooks.js';
import {
  type Answer,
  hasNodeHttp,
  type Prepared,
  parseBody,
  type QueryInit,
  scrubDetails,
  stripSlash,
  toBytes,
  toFailure,
  toSearchParams,
} from './transport-parts.js';

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
  query?: QueryInit;
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
  const defaultHeaders = Object.entries(options.headers ?? {});
  // Without a caller's fetch, requests go straight to node:http on keep-alive agents: ky and the
  // global fetch cost more than the exchange itself (numbers in bench/README.md). A caller's fetch
  // (proxies, tests, other runtimes) goes through ky.
  const agents = options.fetch === undefined && hasNodeHttp() ? createNodeAgents() : undefined;
  const api: KyInstance = ky.create({
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  /** One attempt; `seen.info` is what hooks were shown of it, for the retry and error hooks. */
  async function attempt(
    request: TransportRequest,
    attemptNo: number,
    seen: { info?: RequestInfo },
  ): Promise<TransportResponse> {
    const context: ErrorContext = { provider, operation: request.operation };
    let answer: Answer;
    let info: RequestInfo | undefined;
    const started = performance.now();
    try {
      const prepared = await prepare(request);
      if (options.hooks !== undefined) {
        info = {
          provider,
          operation: request.operation,
          method: request.method,
          // A presigned URL's query is its signature (a write capability): observers get the
          // location only.
          url: scrub(
            request.url === undefined ? prepared.url.href : prepared.url.origin + prepared.url.pathname,
            secrets,
          ),
          headers: redactHeaders(prepared.headers, secrets),
          attempt: attemptNo,
        };
        seen.info = info;
        options.hooks.onRequest?.(info);
      }
      answer =
        agents !== undefined
          ? await sendNode(prepared, request.signal, agents)
          : await sendFetch(prepared, request.signal);
    } catch (error) {
      throw toFailure(error, request, context, timeoutMs);
    }
    const durationMs = performance.now() - started;
    const ok = answer.status >= 200 && answer.status < 300;
    const body = parseBody(answer, ok, context);
    const details = ok
      ? {}
      : scrubDetails(
          options.parseError?.({ status: answer.status, headers: answer.headers, body }) ?? {},
          secrets,
        );
    if (info !== undefined)
      options.hooks?.onResponse?.(info, {
        status: answer.status,
        durationMs,
        ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      });
    if (ok) return { status: answer.status, headers: answer.headers, data: body };
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
    throw httpError(answer.status, context, {
      ...details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  /** The final URL, headers (credentials included for the provider's origin) and body of a request. */
  async function prepare(request: TransportRequest): Promise<Prepared> {
    const external = request.url !== undefined;
    let href = external ? (request.url ?? '') : base.href + stripSlash(request.path ?? '');
    if (request.query !== undefined) {
      const search = toSearchParams(request.query).toString();
      // Like ky's `searchParams`: the query replaces any the URL had.
      if (search !== '') href = href.replace(/(?:\?.*?)?(?=#|$)/, `?${search}`);
    }
    const url = new URL(href);
    // Filled one by one: an init array or record handed to Headers may be kept and written to by
    // interceptors (nock's records raw headers on it), and these defaults serve every request.
    const headers = new Headers();
    if (!external) for (const [name, value] of defaultHeaders) headers.set(name, value);
    if (request.headers !== undefined)
      for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    let body: BodyInit | undefined = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    let credentials: string[] = [];
    // Credentials only ever go to the provider's own origin, and never with an absolute URL (a
    // presigned upload must carry no other credential than its signature).
    if (options.authenticate !== undefined && !external && url.origin === base.origin) {
      const before = new Map(headers);
      await options.authenticate(headers);
      credentials = [...headers.keys()].filter((name) => headers.get(name) !== before.get(name));
    }
    return { method: request.method, url, headers, body, credentials };
  }

  async function sendFetch(prepared: Prepared, signal: AbortSignal | undefined): Promise<Answer> {
    const response = await api(prepared.url, {
      method: prepared.method,
      headers: prepared.headers,
      ...(prepared.body === undefined ? {} : { body: prepared.body }),
      ...(signal === undefined ? {} : { signal }),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async function sendNode(
    prepared: Prepared,
    signal: AbortSignal | undefined,
    nodeAgents: NodeAgents,
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'node' };
    prepared.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await nodeExchange(
      {
        method: prepared.method,
        url: prepared.url,
        headers,
        body: await toBytes(prepared.body, headers),
        signal,
        timeoutMs,
        credentialHeaders: prepared.credentials,
      },
      nodeAgents,
    );
    const responseHeaders = new Headers();
    const raw = answer.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) responseHeaders.append(raw[i] ?? '', raw[i + 1] ?? '');
    let text = answer.body.toString('utf8');
    // Like Response.text(): a UTF-8 byte order mark is not part of the text.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { status: answer.status, headers: responseHeaders, text };
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    // A stream body is consumed by the first attempt, so it can never be retried.
    const replayable = !(typeof ReadableStream !== 'undefined' && request.body instanceof ReadableStream);
    const idempotent = replayable && (request.idempotent ?? isIdempotent(request.method));
    let earlierMayHaveApplied = false;
    for (let attemptNo = 0; ; attemptNo++) {
      if (request.signal?.aborted)
        throw abortError({ provider, operation: request.operation }, request.signal.reason);
      const seen: { info?: RequestInfo } = {};
      try {
        const run = () => attempt(request, attemptNo, seen);
        return await (limiter ? limiter.run(run) : run());
      } catch (caught) {
        const error = ConversationError.isInstance(caught)
          ? caught
          : networkError({ provider, operation: request.operation }, caught);
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
        const retryable = replayable && attemptNo < retryLimit && shouldRetry(error, idempotent);
        // Waiting less than a Retry-After asks would only earn another refusal: fail now instead.
        if (!retryable || (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs)) {
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
