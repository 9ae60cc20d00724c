import { loadDefaultSender } from '#default-sender';
import { ConversationError } from '../errors/conversation-error.js';
import {
  abortError,
  type ErrorContext,
  httpError,
  networkError,
  timeoutError,
} from '../errors/error-factories.js';
import { AttemptSignal } from './attempt-signal.js';
import { Limiter } from './limiter.js';
import { parseBody } from './parse-body.js';
import {
  applyCredentials,
  type EncodedBody,
  encodeBody,
  type HeaderRecord,
  setHeader,
  stripSlash,
  toSearchParams,
} from './prepare-request.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { redactHeaders, scrub, scrubDetails } from './redact.js';
import { fromUrl, joinUrl, parseUrl, type RequestUrl } from './request-url.js';
import {
  backoffDelay,
  isIdempotent,
  mayHaveBeenApplied,
  parseRetryAfter,
  shouldRetry,
  sleep,
} from './retry-policy.js';
import type { Sender, SenderResponse } from './sender.js';
import {
  DeadlineReached,
  MAX_REDIRECTS,
  redirectError,
  reportedFailure,
  tooLargeError,
} from './transport-errors.js';
import type { RequestInfo } from './transport-hooks.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport-types.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

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
  const base = fromUrl(new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`));
  const defaultHeaders: HeaderRecord = {};
  for (const [name, value] of Object.entries(options.headers ?? {}))
    defaultHeaders[name.toLowerCase()] = value;
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
    url: RequestUrl,
    body: EncodedBody,
    context: ErrorContext,
  ): HeaderRecord | Promise<HeaderRecord> {
    const own = request.url === undefined && url.origin === base.origin;
    const headers: HeaderRecord = own ? { ...defaultHeaders } : {};
    if (body.contentType !== undefined) headers['content-type'] = body.contentType;
    if (request.headers !== undefined)
      for (const [name, value] of Object.entries(request.headers))
        setHeader(headers, name, value, context, 'input');
    // A presigned upload (an absolute `url`) carries no credential but its own signature.
    if (!own || options.authenticate === undefined) return headers;
    const applied = applyCredentials(headers, options.authenticate, context);
    return applied instanceof Promise ? applied.then(() => headers) : headers;
  }

  function urlOf(request: TransportRequest): RequestUrl {
    const search = request.query === undefined ? '' : toSearchParams(request.query).toString();
    return request.url === undefined
      ? joinUrl(base, stripSlash(request.path ?? ''), search)
      : parseUrl(request.url, search);
  }

  /** What hooks see of a request: credentials redacted, and a presigned URL without its signature. */
  function infoOf(
    request: TransportRequest,
    url: RequestUrl,
    headers: HeaderRecord,
    attemptNo: number,
  ): RequestInfo {
    return {
      provider,
      operation: request.operation,
      method: request.method,
      url: scrub(request.url === undefined ? url.href : url.origin + url.path.replace(/\?.*/s, ''), secrets),
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
    const signal = new AttemptSignal();
    const onCallerAbort = () => signal.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(
      () => signal.abort(new DeadlineReached(`no answer within ${timeoutMs} ms`)),
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
          await budget.take({ maxWaitMs: maxRetryAfterMs, signal: signal.toAbortSignal(), context });
        signal.throwIfAborted();
        const response = await (loaded ?? (await getSender()))({
          method: request.method,
          url,
          headers,
          body: body.bytes,
          signal,
        });
        const location = response.headers.get('location');
        if (!redirectStatuses.has(response.status) || location === null)
          return await finish(response, request, context, seen.info, started);
        response.cancel();
        const target = new URL(location, url.href);
        const read = request.method === 'GET' || request.method === 'HEAD';
        if (!read || target.origin !== url.origin || redirects >= MAX_REDIRECTS)
          throw redirectError(response.status, target, context, read && target.origin === url.origin);
        url = fromUrl(target);
      }
    } catch (error) {
      throw failure(error, request, signal, context);
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
    const data = parseBody(
      { status: response.status, contentType: response.headers.get('content-type'), text },
      ok,
      context,
    );
    // Getters, so the Node sender builds `Headers` only if a reader asks. They hold the headers
    // alone: holding the answer would keep its whole exchange reachable (bench/README.md, History:
    // round 6).
    const head = response.headers;
    const answer = {
      status: response.status,
      get headers() {
        return head.all();
      },
      body: data,
    };
    const details = ok ? {} : scrubDetails(options.parseError?.(answer) ?? {}, secrets);
    if (info !== undefined)
      hooks?.onResponse?.(info, {
        status: response.status,
        durationMs: performance.now() - started,
        ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      });
    const failed = ok && request.url === undefined ? options.parseFailure?.(answer) : undefined;
    if (failed !== undefined) throw reportedFailure(response.status, context, scrubDetails(failed, secrets));
    if (ok)
      return {
        status: response.status,
        get headers() {
          return head.all();
        },
        data,
      };
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
    signal: AttemptSignal,
    context: ErrorContext,
  ): ConversationError {
    if (ConversationError.isInstance(error)) return error;
    if (request.signal?.aborted) return abortError(context, request.signal.reason);
    if (signal.reason instanceof DeadlineReached)
      return timeoutError(timeoutMs, context, signal.reason, secrets);
    if (error instanceof BodyTooLargeError) return tooLargeError(error.limit, context);
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
