import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /** Keep connections open between requests. Default true. */
  keepAlive?: boolean;
  /** Sockets per host. Default 16. */
  maxSockets?: number;
  /** Redirects followed before failing. Default 5. */
  maxRedirects?: number;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A `fetch`-compatible function on `node:http`/`node:https` with keep-alive agents: on loopback and
 * for the small JSON answers of conversation APIs it costs a fraction of the global fetch (see
 * `bench/`). It decompresses gzip/deflate/br, follows redirects (dropping credentials when the
 * origin changes), honours `AbortSignal`, and fails like the global fetch (`TypeError` whose
 * `cause` has the errno `code`). Answers are buffered: it is meant for API calls, not downloads.
 *
 * @example
 * ```ts
 * const client = createConversations({ adapters: [sunshine], config, fetch: createNodeFetch() });
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof globalThis.fetch {
  const agentOptions = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 16 };
  const agents = { 'http:': new HttpAgent(agentOptions), 'https:': new HttpsAgent(agentOptions) };
  const maxRedirects = options.maxRedirects ?? 5;

  return async function nodeFetch(input, init) {
    const request = input instanceof Request ? input : new Request(input, init);
    const signal = init?.signal ?? request.signal;
    const headers = new Headers(request.headers);
    if (init?.headers !== undefined && input instanceof Request)
      for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br');
    let body: Buffer | undefined =
      request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    let method = request.method;
    let url = new URL(request.url);
    for (let redirects = 0; ; redirects++) {
      const response = await send(url, method, headers, body, signal ?? undefined, agents);
      const location = response.headers.location;
      if (
        !redirectStatuses.has(response.statusCode ?? 0) ||
        location === undefined ||
        request.redirect === 'manual'
      )
        return toResponse(response, url);
      response.resume();
      if (request.redirect === 'error' || redirects >= maxRedirects)
        throw new TypeError('fetch failed', {
          cause: new Error(`too many redirects or redirect refused at ${url.origin}`),
        });
      const next = new URL(location, url);
      // Credentials belong to the origin that was asked; never forward them elsewhere.
      if (next.origin !== url.origin)
        for (const name of ['authorization', 'cookie', 'x-ultracart-simple-key']) headers.delete(name);
      if (
        response.statusCode === 303 ||
        ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      url = next;
    }
  };
}

function send(
  url: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
  agents: { 'http:': HttpAgent; 'https:': HttpsAgent },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const plain: Record<string, string> = {};
    headers.forEach((value, name) => {
      plain[name] = value;
    });
    if (body !== undefined) plain['content-length'] = String(body.byteLength);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
      return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method,
      headers: plain,
      agent: agents[secure ? 'https:' : 'http:'],
    });
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    req.end(body);
  });
}

async function toResponse(res: IncomingMessage, url: URL): Promise<Response> {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '');
  let stream: Readable = res;
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  if (stream !== res) {
    headers.delete('content-encoding');
    headers.delete('content-length');
    res.on('error', (error) => stream.destroy(error));
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new TypeError('fetch failed', { cause: error });
  }
  const bytes = Buffer.concat(chunks);
  const response = new Response(nullBodyStatuses.has(status) ? null : bytes, {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
