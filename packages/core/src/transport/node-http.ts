// Default imports, read at call time: interceptors such as nock patch `http.request` on the module
// object, which named imports bound before the patch would not see.
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { credentialHeaderNames } from './redact.js';

/** Keep-alive agents for both schemes, shared by every request of one client. */
export interface NodeAgents {
  readonly 'http:': http.Agent;
  readonly 'https:': https.Agent;
}

/** Builds the agents of {@link nodeExchange}. */
export function createNodeAgents(options: { keepAlive?: boolean; maxSockets?: number } = {}): NodeAgents {
  const agentOptions = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 16 };
  return { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
}

/** One HTTP exchange on `node:http`. Header names are lower case. */
export interface NodeExchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** A string is sent as UTF-8. */
  body?: Buffer | string | undefined;
  signal?: AbortSignal | undefined;
  /** Fails the whole exchange (redirects and body included) with a `TimeoutError` after this long. */
  timeoutMs?: number | undefined;
  /** `follow` (default), `manual` (return the 3xx) or `error`. */
  redirect?: RequestRedirect | undefined;
  maxRedirects?: number | undefined;
  /** Header names to drop when a redirect leaves the origin, besides the usual credential headers. */
  credentialHeaders?: readonly string[] | undefined;
}

/** A buffered answer, decompressed. */
export interface NodeAnswer {
  status: number;
  statusText: string;
  /** Raw header pairs, name then value, as received (minus the content coding once decoded). */
  rawHeaders: string[];
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: URL;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** The error a timed-out exchange fails with (named like the one `AbortSignal.timeout` gives). */
function timeoutError(ms: number): Error {
  const error = new Error(`The operation timed out after ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}

/** What cancels an exchange in flight: the caller's signal or the timeout. */
interface Cancellation {
  reason?: unknown;
  /** The request on the wire, destroyed when the exchange is cancelled. */
  current?: ClientRequest | undefined;
}

/**
 * Sends one request on `node:http`/`node:https` and buffers its answer, the way the global fetch
 * would: gzip/deflate/br decoded, redirects followed (credentials dropped when the origin changes,
 * 303 and POST-after-301/302 turned into GET), `AbortSignal` honoured, and network failures thrown as
 * `TypeError('fetch failed')` with the errno error as `cause`. It skips the WHATWG Request/Response
 * objects, which cost more than the exchange itself for small JSON answers on a warm connection.
 */
export async function nodeExchange(exchange: NodeExchange, agents: NodeAgents): Promise<NodeAnswer> {
  const { signal, timeoutMs } = exchange;
  if (signal?.aborted) throw signal.reason;
  const cancellation: Cancellation = {};
  const cancel = (reason: unknown) => {
    cancellation.reason ??= reason;
    cancellation.current?.destroy();
  };
  const onAbort = () => cancel(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined || !Number.isFinite(timeoutMs)
      ? undefined
      : setTimeout(() => cancel(timeoutError(timeoutMs)), timeoutMs);
  try {
    return await follow(exchange, agents, cancellation);
  } catch (error) {
    throw cancellation.reason ?? error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

async function follow(
  exchange: NodeExchange,
  agents: NodeAgents,
  cancellation: Cancellation,
): Promise<NodeAnswer> {
  const maxRedirects = exchange.maxRedirects ?? 5;
  let { method, url, headers, body } = exchange;
  for (let redirects = 0; ; redirects++) {
    const response = await send(url, method, headers, body, cancellation, agents);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!redirectStatuses.has(status) || location === undefined || exchange.redirect === 'manual')
      return read(response, url);
    response.resume();
    if (exchange.redirect === 'error' || redirects >= maxRedirects)
      throw new TypeError('fetch failed', {
        cause: new Error(`too many redirects or redirect refused at ${url.origin}`),
      });
    const next = new URL(location, url);
    headers = { ...headers };
    // Credentials belong to the origin that was asked; never forward them elsewhere.
    if (next.origin !== url.origin)
      for (const name of [...credentialHeaderNames, ...(exchange.credentialHeaders ?? [])])
        delete headers[name];
    if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    url = next;
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
  cancellation: Cancellation,
  agents: NodeAgents,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (cancellation.reason !== undefined) return reject(cancellation.reason);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
      return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
    const sent =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = (secure ? https.request : http.request)(url, {
      method,
      headers: sent,
      agent: agents[secure ? 'https:' : 'http:'],
    });
    cancellation.current = req;
    req.once('response', resolve);
    req.once('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    req.end(body);
  });
}

function read(res: IncomingMessage, url: URL): Promise<NodeAnswer> {
  let rawHeaders = res.rawHeaders;
  let stream: Readable = res;
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  if (stream !== res) {
    // The decoded body no longer matches the coding nor the length the server announced.
    const kept: string[] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i] ?? '';
      if (!/^content-(encoding|length)$/i.test(name)) kept.push(name, rawHeaders[i + 1] ?? '');
    }
    rawHeaders = kept;
    res.once('error', (error) => stream.destroy(error));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const fail = (error: unknown) => reject(new TypeError('fetch failed', { cause: error }));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', fail);
    // A connection cut in the middle of the body closes the response before it is complete.
    res.once('close', () => {
      if (!res.complete) fail(new Error('the connection closed before the answer was complete'));
    });
    stream.once('end', () =>
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        rawHeaders,
        body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        url,
      }),
    );
  });
}
