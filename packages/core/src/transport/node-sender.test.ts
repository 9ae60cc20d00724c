import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./__fixtures__/builtins-probe.ts', import.meta.url));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('zipped'));
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
