import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptSignal } from './attempt-signal.js';
import { createNodeSender } from './node-sender.js';
import { fromUrl, joinUrl } from './request-url.js';
import type { SenderResponse } from './sender.js';

const probe = fileURLToPath(new URL('./__fixtures__/builtins-probe.ts', import.meta.url));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': gzipSync('zipped').length });
      res.end(gzipSync('zipped'));
    } else if (req.url === '/x-gzip') {
      res.writeHead(200, ['Content-Encoding', ' X-GZIP ']).end(gzipSync('zipped'));
    } else if (req.url === '/twice') {
      // Two codings: Parley decodes one only, so it passes the bytes on as they came.
      res.writeHead(200, ['Content-Encoding', 'gzip', 'content-encoding', 'gzip']).end('as sent');
    } else if (req.url?.startsWith('/echo')) {
      const seen = { url: req.url, host: req.headers.host, authorization: req.headers.authorization };
      res.writeHead(200, ['Content-Type', 'application/json', 'X-Dup', 'a', 'x-dup', 'b']);
      res.end(JSON.stringify(seen));
    } else res.end('plain');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createNodeSender', () => {
  it('loads no network builtin until the first request, then answers plain and gzip bodies', async () => {
    // A fresh process: vitest itself has loaded every builtin long ago.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', probe, `${base}/plain`, `${base}/gzip`],
      { cwd: fileURLToPath(new URL('.', import.meta.url)) },
    );
    const [afterBuild, afterPlain, afterGzip] = JSON.parse(stdout) as string[][];
    expect(afterBuild).toEqual([]);
    // What else the first request loads is Node's business: WHATWG `Headers` alone loads undici.
    expect(afterPlain).toContain('http');
    expect(afterPlain?.at(-1)).toBe('body:plain');
    expect(afterGzip?.at(-1)).toBe('body:zipped');
  });
});

async function send(url: ReturnType<typeof fromUrl>): Promise<{ response: SenderResponse; body: string }> {
  const response = await createNodeSender()({
    method: 'GET',
    url,
    headers: {},
    body: undefined,
    signal: new AttemptSignal(),
  });
  const chunks: Uint8Array[] = [];
  await response.body?.read((chunk) => chunks.push(chunk) > 0);
  return { response, body: Buffer.concat(chunks).toString() };
}

describe('createNodeSender: URL and headers', () => {
  it('sends the path and query of the URL to its host, with its user and password as Basic', async () => {
    const url = joinUrl(
      fromUrl(new URL(`${base.replace('//', '//us%20er:p%40ss@')}/`)),
      'echo/a%2Fb',
      'q=1+2',
    );
    const { body } = await send(url);
    expect(JSON.parse(body)).toEqual({
      url: '/echo/a%2Fb?q=1+2',
      host: base.slice('http://'.length),
      authorization: `Basic ${Buffer.from('us er:p@ss').toString('base64')}`,
    });
  });

  it('reads one header as Headers.get does (any case received, repeats joined, null when absent), all() the same', async () => {
    const { response } = await send(fromUrl(new URL(`${base}/echo`)));
    expect(response.headers.get('x-dup')).toBe('a, b');
    expect(response.headers.all().get('x-dup')).toBe('a, b');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('drops the coding and length of a body it decoded, from get() and all() alike', async () => {
    const { response, body } = await send(fromUrl(new URL(`${base}/gzip`)));
    expect(body).toBe('zipped');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBeNull();
    expect([...response.headers.all().keys()]).not.toContain('content-encoding');
    expect([...response.headers.all().keys()]).not.toContain('content-length');
    const plain = await send(fromUrl(new URL(`${base}/plain`)));
    expect(plain.response.headers.get('content-length')).toBe('5');
  });

  it('finds the coding in any case and spacing, and leaves a body coded twice as it came', async () => {
    expect((await send(fromUrl(new URL(`${base}/x-gzip`)))).body).toBe('zipped');
    const twice = await send(fromUrl(new URL(`${base}/twice`)));
    expect(twice.body).toBe('as sent');
    expect(twice.response.headers.get('content-encoding')).toBe('gzip, gzip');
  });
});
