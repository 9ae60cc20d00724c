import { inspect } from 'node:util';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../__fixtures__/failure.js';
import type { ConversationError } from '../errors/conversation-error.js';
import { type Loopback, senders, startLoopback } from './__fixtures__/loopback.js';
import { createTransport } from './create-transport.js';
import { createRequestBudget } from './request-budget.js';
import type { TransportOptions } from './transport-types.js';

const CANARY = 'canary-credential-7c2e';
const MiB = 1024 * 1024;
let servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(handle: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
  const server = await startLoopback(handle);
  servers.push(server);
  return server;
}

/** Streams `total` bytes of `{"x":"aaa…` in 64 KiB chunks, stopping when the client goes away. */
function stream(
  total: number,
  res: import('node:http').ServerResponse,
  headers: Record<string, string> = {},
) {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.write('{"x":"');
  pump();
}

/** Peak growth of the resident set while `run` runs, in bytes. */
async function peakGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

describe.each(senders)('transport protections [%s]', (_sender, fetchImpl) => {
  const transport = (baseUrl: string, overrides: Partial<TransportOptions> = {}) =>
    createTransport({
      provider: 'acme',
      baseUrl,
      authenticate: () => ({ 'x-acme-key': CANARY }),
      secrets: [CANARY],
      retry: { limit: 0 },
      ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
      ...overrides,
    });

  it('follows a read redirected on the same origin, keeping its credentials', async () => {
    const server = await serve((request, res) => {
      if (request.url === '/v2/old') res.writeHead(301, { location: '/v2/new' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"moved":true}');
    });
    const answer = await transport(server.url).request({ operation: 'getOld', method: 'GET', path: 'old' });
    expect(answer.data).toEqual({ moved: true });
    expect(server.received.map((r) => [r.url, r.headers['x-acme-key']])).toEqual([
      ['/v2/old', CANARY],
      ['/v2/new', CANARY],
    ]);
  });

  it.each([301, 302, 307, 308])(
    'never follows a %i to another origin: no credential, no body leaves',
    async (status) => {
      const elsewhere = await serve((_request, res) => res.writeHead(200).end('{}'));
      const server = await serve((_request, res) =>
        res.writeHead(status, { location: `${elsewhere.origin}/steal?x=1` }).end(),
      );
      const t = transport(server.url);
      for (const method of ['GET', 'POST'] as const) {
        const error = await failure(
          t.request({
            operation: 'sendThing',
            method,
            path: 'things',
            ...(method === 'POST' ? { json: { text: 'private' } } : {}),
          }),
        );
        expect(error).toMatchObject({ code: 'provider_error', status, retryable: false });
        expect(error.message).toBe(
          `acme answered ${status} to ${elsewhere.origin}/steal for sendThing; only reads are redirected, and only on the same origin: if that is the right host, set baseUrl to it`,
        );
      }
      expect(elsewhere.received).toEqual([]);
      expect(server.received).toHaveLength(2);
    },
  );

  it('refuses a write redirected on its own origin instead of turning it into a GET', async () => {
    const server = await serve((_request, res) => res.writeHead(302, { location: '/v2/other' }).end());
    const error = await failure(
      transport(server.url).request({ operation: 'send', method: 'POST', path: 'm', json: { a: 1 } }),
    );
    expect(error).toMatchObject({ code: 'provider_error', status: 302 });
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v2/m']);
  });

  it('stops after five redirects', async () => {
    const server = await serve((request, res) => res.writeHead(302, { location: `${request.url}x` }).end());
    const error = await failure(
      transport(server.url).request({ operation: 'loop', method: 'GET', path: 'a' }),
    );
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('more than 5 times');
    expect(server.received).toHaveLength(6);
  });

  it('fails a 200 MB streamed answer at maxResponseBytes with bounded memory', async () => {
    const server = await serve((_request, res) => stream(200 * MiB, res));
    let error: ConversationError | undefined;
    const growth = await peakGrowth(async () => {
      error = await failure(
        transport(server.url).request({ operation: 'getHuge', method: 'GET', path: 'huge' }),
      );
    });
    expect(error).toMatchObject({ code: 'invalid_response', operation: 'getHuge' });
    expect(error?.message).toContain(`more than ${32 * MiB} bytes (maxResponseBytes)`);
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('fails a gzip bomb on its decompressed size with bounded memory', async () => {
    const bomb = await gzipOfZeros(200 * MiB);
    expect(bomb.length).toBeLessThan(1 * MiB);
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
    });
    let error: ConversationError | undefined;
    const growth = await peakGrowth(async () => {
      error = await failure(
        transport(server.url).request({ operation: 'getBomb', method: 'GET', path: 'bomb' }),
      );
    });
    expect(error?.code).toBe('invalid_response');
    expect(error?.message).toContain('(maxResponseBytes)');
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('refuses at once an answer whose content-length is over the limit, and honours a per-call limit', async () => {
    const server = await serve((request, res) => {
      if (request.url === '/v2/claims') res.writeHead(200, { 'content-length': String(64 * MiB) }).write('{');
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ text: 'x'.repeat(500) }));
    });
    const t = transport(server.url);
    const claims = await failure(t.request({ operation: 'claims', method: 'GET', path: 'claims' }));
    expect(claims.code).toBe('invalid_response');
    const small = await failure(
      t.request({ operation: 'small', method: 'GET', path: 'small', maxResponseBytes: 100 }),
    );
    expect(small.message).toContain('more than 100 bytes');
    expect((await t.request({ operation: 'small', method: 'GET', path: 'small' })).data).toEqual({
      text: 'x'.repeat(500),
    });
  });

  it('times out a trickling body within timeoutMs + 200 ms', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.once('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const error = await failure(
      transport(server.url, { timeoutMs: 400 }).request({
        operation: 'getSlow',
        method: 'GET',
        path: 'slow',
      }),
    );
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('rejects a call aborted while queued at once, and never sends it', async () => {
    let release = () => {};
    const server = await serve((_request, res) => {
      release = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const t = transport(server.url, { concurrency: 1 });
    const first = t.request({ operation: 'first', method: 'GET', path: 'first' });
    await until(() => server.received.length === 1);
    const controller = new AbortController();
    const second = failure(
      t.request({ operation: 'second', method: 'GET', path: 'second', signal: controller.signal }),
    );
    const abortedAt = performance.now();
    controller.abort();
    const error = await second;
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(error.code).toBe('aborted');
    release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received.map((r) => r.url)).toEqual(['/v2/first']);
  });

  it('rejects a call aborted while sleeping before a retry at once, with no request after', async () => {
    const server = await serve((_request, res) => res.writeHead(503).end());
    const controller = new AbortController();
    const t = transport(server.url, {
      retry: { limit: 3, baseDelayMs: 5_000 },
      random: () => 0.99,
      hooks: { onRetry: () => setTimeout(() => controller.abort(), 10) },
    });
    const started = performance.now();
    const error = await failure(
      t.request({ operation: 'get', method: 'GET', path: 'x', signal: controller.signal }),
    );
    expect(error.code).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received).toHaveLength(1);
  });

  it('rejects a call aborted while waiting on the budget at once, and never sends it', async () => {
    const server = await serve((_request, res) => res.writeHead(204).end());
    const t = transport(server.url, {
      budget: createRequestBudget({ perHour: 1 }),
      retry: { limit: 0, maxRetryAfterMs: 2 * 3_600_000 },
    });
    await t.request({ operation: 'first', method: 'GET', path: 'first' });
    const controller = new AbortController();
    const waiting = failure(
      t.request({ operation: 'second', method: 'GET', path: 'second', signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const abortedAt = performance.now();
    controller.abort();
    expect((await waiting).code).toBe('aborted');
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(server.received.map((r) => r.url)).toEqual(['/v2/first']);
  });

  it.each(['\0', '\u0007', '\u200b', 'a\r\nx: y'])(
    'refuses a credential holding %j before any request, never echoing it',
    async (bad) => {
      const server = await serve((_request, res) => res.writeHead(200).end());
      const secret = `${CANARY}${bad}`;
      const t = transport(server.url, { authenticate: () => ({ 'x-acme-key': secret }), secrets: [secret] });
      const error = await failure(t.request({ operation: 'get', method: 'GET', path: 'x' }));
      expect(error).toMatchObject({ code: 'invalid_config', provider: 'acme' });
      expect(error.message).toContain('x-acme-key');
      expect(inspect(error, { depth: 10 })).not.toContain(CANARY);
      expect(server.received).toEqual([]);
    },
  );

  it('refuses a header value (an upload content type) holding control characters', async () => {
    const server = await serve((_request, res) => res.writeHead(200).end());
    const error = await failure(
      transport(server.url).request({
        operation: 'upload',
        method: 'POST',
        path: 'u',
        body: 'x',
        headers: { 'content-type': 'image/png\0' },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(error.message).toContain('content-type');
    expect(server.received).toEqual([]);
  });

  it('keeps the credential out of every error, cause, stack and hook payload', async () => {
    const server = await serve((request, res) => {
      // A reset after the request arrived, then an answer echoing the key.
      if (server.received.length === 1) return void res.socket?.destroy();
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `bad key ${CANARY}`, got: request.headers }));
    });
    const payloads: unknown[] = [];
    const t = transport(server.url, {
      retry: { limit: 1, baseDelayMs: 1 },
      hooks: {
        onRequest: (info) => payloads.push(info),
        onResponse: (info, response) => payloads.push(info, response),
        onRetry: (info, retry) => payloads.push(info, retry, retry.error.cause),
        onError: (info, error) => payloads.push(info, error, error.cause),
      },
      parseError: ({ body }) => ({ providerMessage: JSON.stringify(body) }),
    });
    const error = await failure(t.request({ operation: 'get', method: 'GET', path: 'x' }));
    expect(error.code).toBe('unauthorized');
    const seen = [error, ...payloads].map(
      (value) => `${inspect(value, { depth: 20, showHidden: true })} ${JSON.stringify(value)}`,
    );
    for (const text of seen) expect(text).not.toContain(CANARY);
    expect(error.providerMessage).toContain('[redacted]');
  });

  it('spends the request budget and fails at once when the wait would exceed maxRetryAfterMs', async () => {
    const server = await serve((_request, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    );
    const t = transport(server.url, {
      budget: createRequestBudget({ perHour: 2 }),
      retry: { limit: 2, maxRetryAfterMs: 1_000 },
    });
    await t.request({ operation: 'a', method: 'GET', path: 'a' });
    await t.request({ operation: 'b', method: 'GET', path: 'b' });
    const error = await failure(t.request({ operation: 'c', method: 'GET', path: 'c' }));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, operation: 'c' });
    expect(error.retryAfterMs).toBeGreaterThan(1_700_000);
    expect(error.message).toContain('request budget (2/hour)');
    expect(server.received.map((r) => r.url)).toEqual(['/v2/a', '/v2/b']);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Gzip of `size` zero bytes, built in 1 MiB steps so the test itself stays small. */
function gzipOfZeros(size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    gzip.once('end', () => resolve(Buffer.concat(parts)));
    gzip.once('error', reject);
    const zeros = Buffer.alloc(MiB);
    let written = 0;
    const pump = () => {
      while (written < size) {
        written += MiB;
        if (!gzip.write(zeros)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    pump();
  });
}
