import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a loopback server received. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on a free loopback port, recording every request it gets. */
export interface Loopback {
  url: string;
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

/** Starts a server whose `handle` answers each request once its body has been read. */
export async function startLoopback(
  handle: (request: Received, response: ServerResponse) => unknown,
): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(request);
    await handle(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v2`,
    origin,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The two senders, by name: no `fetch` is node:http on Node; a `fetch` goes through ky. */
export const senders = [
  ['node:http', undefined],
  ['fetch', (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init)],
] as const;
