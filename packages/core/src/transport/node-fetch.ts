import { createNodeAgents, nodeExchange } from './node-http.js';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /** Keep connections open between requests. Default true. */
  keepAlive?: boolean;
  /** Sockets per host. Default 16. */
  maxSockets?: number;
  /** Redirects followed before failing. Default 5. */
  maxRedirects?: number;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A `fetch`-compatible function on `node:http`/`node:https` with keep-alive agents, for code that
 * wants a fetch-shaped function over Parley's node transport (to wrap it, or to share its agents).
 * It decompresses gzip/deflate/br, follows redirects (dropping credentials when the origin
 * changes), honours `AbortSignal`, and fails like the global fetch (`TypeError` whose `cause` has
 * the errno `code`). Answers are buffered: it is meant for API calls, not downloads.
 *
 * `createConversations` does not need it: without a `fetch` option the client already sends on
 * `node:http` directly, which is faster than any fetch (see `bench/README.md`).
 *
 * @example
 * ```ts
 * const fetch = createNodeFetch({ maxSockets: 4 });
 * const answer = await fetch('https://api.smooch.io/v2/apps/app_1/conversations/c1', { headers });
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof globalThis.fetch {
  const agents = createNodeAgents(options);
  const maxRedirects = options.maxRedirects ?? 5;

  return async function nodeFetch(input, init) {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (init?.headers !== undefined && input instanceof Request)
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const answer = await nodeExchange(
      {
        method: request.method,
        url: new URL(request.url),
        headers,
        body: request.body === null ? undefined : Buffer.from(await request.arrayBuffer()),
        signal: init?.signal ?? request.signal,
        redirect: request.redirect,
        maxRedirects,
      },
      agents,
    );
    const responseHeaders = new Headers();
    for (let i = 0; i < answer.rawHeaders.length; i += 2)
      responseHeaders.append(answer.rawHeaders[i] ?? '', answer.rawHeaders[i + 1] ?? '');
    // Socket chunks are typed ArrayBufferLike; they are always plain ArrayBuffer-backed.
    const bytes = answer.body as Buffer<ArrayBuffer>;
    const response = new Response(nullBodyStatuses.has(answer.status) ? null : bytes, {
      status: answer.status,
      statusText: answer.statusText,
      headers: responseHeaders,
    });
    Object.defineProperty(response, 'url', { value: answer.url.href });
    return response;
  };
}
