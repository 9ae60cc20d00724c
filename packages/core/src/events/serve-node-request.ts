// Loaded by node-listener.ts with the first request it serves: a process that only builds its
// listener (or never receives a webhook) does not load this.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from './event-subscription.js';

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  // The host only fills the URL's origin; nothing here routes on it.
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
  });
}

// The request body as a web stream, read by async iteration (pulled one chunk at a time, so a slow
// handler applies backpressure); cancelling the stream ends the iteration and releases the socket.
function bodyStream(req: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(toBytes(value));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

// Node yields Buffers (Uint8Array subclasses), or strings once `setEncoding` was called.
function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (chunk instanceof Uint8Array) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('the request body yielded a chunk that is neither bytes nor text');
}

/** Answers one `node:http` request with `handler`; a handler that throws answers 500. */
export async function serveNodeRequest(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const response = await handler(toRequest(req));
    const body = new Uint8Array(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
  } catch {
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"handler_failed"}');
    }
  }
}
