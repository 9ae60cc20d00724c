import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchHandler } from './event-subscription.js';
import { toNodeListener } from './node-listener.js';

let server: Server | undefined;

async function serve(handler: FetchHandler): Promise<string> {
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('toNodeListener', () => {
  it('hands method, path, headers and body to the handler and sends its answer back', async () => {
    let seen: { method: string; url: string; key: string | null; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: new URL(request.url).pathname,
        key: request.headers.get('x-api-key'),
        body: await request.text(),
      };
      return new Response('{"ok":true}', { status: 201, headers: { 'x-custom': 'yes' } });
    });
    const response = await fetch(`${url}/hooks/sunshine?x=1`, {
      method: 'POST',
      headers: { 'X-API-Key': 'k' },
      body: 'hello',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toEqual({ method: 'POST', url: '/hooks/sunshine', key: 'k', body: 'hello' });
  });

  it('answers 500 when the handler throws', async () => {
    const url = await serve(() => Promise.reject(new Error('boom')));
    const response = await fetch(url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'handler_failed' });
  });

  it('streams a large binary body through and answers bytes unchanged', async () => {
    const sent = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31 + 7) % 256);
    const url = await serve(async (request) => {
      const received = new Uint8Array(await request.arrayBuffer());
      // Answer the bytes reversed, so the answer cannot be the request echoed by accident.
      return new Response(received.reverse(), { headers: { 'content-type': 'application/octet-stream' } });
    });
    const response = await fetch(url, { method: 'POST', body: sent });
    const answer = new Uint8Array(await response.arrayBuffer());
    expect(answer.length).toBe(sent.length);
    expect(Buffer.compare(answer, sent.slice().reverse())).toBe(0);
  });

  it('needs no Node stream: a request that is only an async iterable of chunks is enough', async () => {
    async function* chunks() {
      yield new TextEncoder().encode('{"a":');
      yield 'é'; // a string chunk, as after setEncoding
      yield new Uint8Array([0x7d]);
    }
    const req = Object.assign(chunks(), {
      method: 'POST',
      url: '/hooks?x=1',
      headers: { host: 'example.test', 'x-api-key': ['k'] },
    });
    let seen = '';
    const written: { status?: number; headers?: unknown; body?: unknown } = {};
    const done = new Promise<void>((resolve) => {
      const res = {
        headersSent: false,
        writeHead(status: number, headers: unknown) {
          written.status = status;
          written.headers = headers;
        },
        end(body: unknown) {
          written.body = body;
          resolve();
        },
        destroy() {},
      };
      toNodeListener(async (request) => {
        seen = `${request.method} ${request.url} ${request.headers.get('x-api-key')} ${await request.text()}`;
        return new Response('ok', { status: 202 });
      })(req as never, res as never);
    });
    await done;
    expect(seen).toBe('POST http://example.test/hooks?x=1 k {"a":é}');
    expect(written.status).toBe(202);
    expect(written.body).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(written.body)).toBe(false);
    expect(new TextDecoder().decode(written.body as Uint8Array)).toBe('ok');
  });
});
