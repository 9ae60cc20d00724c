import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkErrorCode } from '../errors/error-factories.js';
import { createNodeFetch } from './node-fetch.js';

let server: Server;
let base: string;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  '/gzip': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      .end(gzipSync('{"zipped":1}')),
  '/echo': (req, res, body) =>
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ method: req.method, body })),
  '/empty': (_req, res) => res.writeHead(204).end(),
  '/see-other': (_req, res) => res.writeHead(303, { location: '/json' }).end(),
  '/elsewhere': (_req, res) =>
    res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/json` }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/hang': () => {},
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      routes[req.url ?? '']?.(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('createNodeFetch', () => {
  const fetch = createNodeFetch();

  it('answers like fetch: status, headers, JSON body', async () => {
    const response = await fetch(`${base}/json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('sends method, headers and body, from init or a Request', async () => {
    const response = await fetch(
      new Request(`${base}/echo`, { method: 'POST', body: 'hello', headers: { 'x-a': '1' } }),
    );
    expect(await response.json()).toEqual({ method: 'POST', body: 'hello' });
    const last = seen.at(-1);
    expect(last?.headers['x-a']).toBe('1');
    expect(last?.headers['content-length']).toBe('5');
    expect(last?.headers['accept-encoding']).toContain('gzip');
  });

  it('decompresses gzip', async () => {
    const response = await fetch(`${base}/gzip`);
    expect(await response.json()).toEqual({ zipped: 1 });
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('gives a null body for 204', async () => {
    const response = await fetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('follows a 303 as GET and stops redirect loops', async () => {
    const response = await fetch(`${base}/see-other`, { method: 'POST', body: 'x' });
    expect(await response.json()).toEqual({ ok: true });
    expect(seen.at(-1)?.method).toBe('GET');
    await expect(fetch(`${base}/loop`)).rejects.toThrow('fetch failed');
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    await fetch(`${base}/elsewhere`, { headers: { authorization: 'Bearer secret-x' } });
    expect(seen.at(-2)?.headers.authorization).toBe('Bearer secret-x');
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop now')), 20);
    await expect(pending).rejects.toThrow('stop now');
  });

  it('fails like fetch, with the errno code in the cause', async () => {
    const error = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(networkErrorCode(error)).toBe('ECONNREFUSED');
  });
});
