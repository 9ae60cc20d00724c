import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookHandler } from './webhook-handler.js';

/** A `node:http` request listener. */
export type NodeRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

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
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

/**
 * Serves a fetch-style handler (such as {@link createWebhookHandler}'s) from `node:http`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 *
 * createServer(toNodeListener(createWebhookHandler({ secret, onEvent }))).listen(3000);
 * ```
 */
export function toNodeListener(handler: WebhookHandler): NodeRequestListener {
  return (req, res) => {
    void (async () => {
      try {
        const response = await handler(toRequest(req));
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
      } catch {
        if (res.headersSent) res.destroy();
        else {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end('{"error":"handler_failed"}');
        }
      }
    })();
  };
}
