import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../__fixtures__/failure.js';
import { createTransport } from './create-transport.js';
import { encodePathSegment } from './path-segment.js';
import { sleep } from './retry-policy.js';
import type { RequestInfo } from './transport-hooks.js';
import type { TransportOptions } from './transport-types.js';

const BASE = 'https://api.acme.test';
const CANARY = 'canary-secret-4f1d';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function buildTransport(fetchImpl: typeof fetch | undefined, overrides: Partial<TransportOptions> = {}) {
  const delays: number[] = [];
  const t = createTransport({
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
    provider: 'acme',
    baseUrl: `${BASE}/v2`,
    authenticate: () => ({ authorization: `Bearer ${CANARY}` }),
    secrets: [CANARY],
    headers: { 'x-api-version': '2017-03-01' },
    retry: { limit: 2 },
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    parseError: ({ body, headers }) => ({
      providerMessage: (body as { message?: string } | undefined)?.message,
      requestId: headers.get('x-request-id') ?? undefined,
    }),
    ...overrides,
  });
  return { t, delays };
}

// Every test runs on both senders: node:http (the default on Node) and fetch through ky (a caller's
// fetch, and the default on every other runtime). nock intercepts both.
describe.each([
  ['node:http', undefined],
  ['fetch', (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init)],
] as const)('createTransport [%s]', (_sender, fetchImpl) => {
  const transport = (overrides: Partial<TransportOptions> = {}) => buildTransport(fetchImpl, overrides);

  it('sends method, path, query, default headers, auth and JSON body', async () => {
    const scope = nock(BASE, {
      reqheaders: {
        authorization: `Bearer ${CANARY}`,
        'x-api-version': '2017-03-01',
        'content-type': /json/,
      },
    })
      .put('/v2/things/a%2Fb', { name: 'x' })
      .query({ 'page[size]': '10', flag: 'true' })
      .reply(200, { ok: true }, { 'content-type': 'application/json' });
    const { t } = transport();
    const response = await t.request({
      operation: 'putThing',
      method: 'PUT',
      path: `things/${encodePathSegment('a/b')}`,
      query: { 'page[size]': 10, flag: true, skipped: undefined },
      json: { name: 'x' },
    });
    expect(response.data).toEqual({ ok: true });
    expect(scope.isDone()).toBe(true);
  });

  it('sends no credentials nor default headers to another origin', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    nock('https://uploads.other.test')
      .put('/bucket/key?sig=1')
      .reply(function () {
        seen = this.req.headers;
        return [200, ''];
      });
    const { t } = transport();
    await t.request({
      operation: 'upload',
      method: 'PUT',
      url: 'https://uploads.other.test/bucket/key?sig=1',
      body: new Uint8Array([1, 2, 3]),
      headers: { 'content-type': 'image/png' },
    });
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-api-version']).toBeUndefined();
    expect(seen['content-type']).toBe('image/png');
  });

  it('retries an idempotent request on 503 with exponential backoff, then succeeds', async () => {
    nock(BASE).get('/v2/x').times(2).reply(503).get('/v2/x').reply(200, { n: 1 });
    const { t, delays } = transport({ retry: { limit: 2, baseDelayMs: 100 } });
    const response = await t.request({ operation: 'getX', method: 'GET', path: 'x' });
    expect(response.data).toEqual({ n: 1 });
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after the retry limit with the last error', async () => {
    const scope = nock(BASE)
      .get('/v2/x')
      .times(3)
      .reply(502, { message: 'bad gateway' }, { 'x-request-id': 'r-9' });
    const { t, delays } = transport();
    const error = await failure(t.request({ operation: 'getX', method: 'GET', path: 'x' }));
    expect(error).toMatchObject({
      code: 'unavailable',
      status: 502,
      retryable: true,
      requestId: 'r-9',
      providerMessage: 'bad gateway',
      provider: 'acme',
      operation: 'getX',
    });
    expect(delays).toHaveLength(2);
    expect(scope.isDone()).toBe(true);
  });

  it('honours Retry-After in seconds and as an HTTP-date', async () => {
    const date = new Date(Date.now() + 5_000).toUTCString();
    nock(BASE)
      .get('/v2/x')
      .reply(429, '', { 'retry-after': '2' })
      .get('/v2/x')
      .reply(429, '', { 'retry-after': date })
      .get('/v2/x')
      .reply(200, {});
    const { t, delays } = transport();
    await t.request({ operation: 'getX', method: 'GET', path: 'x' });
    expect(delays[0]).toBe(2_000);
    expect(delays[1]).toBeGreaterThan(3_000);
    expect(delays[1]).toBeLessThanOrEqual(5_000);
  });

  it('fails at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const scope = nock(BASE).get('/v2/x').once().reply(429, '', { 'retry-after': '3600' });
    const { t, delays } = transport({ retry: { limit: 2, maxRetryAfterMs: 60_000 } });
    const error = await failure(t.request({ operation: 'getX', method: 'GET', path: 'x' }));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000, retryable: true });
    expect(delays).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('never retries a POST after a 500, but does after a 429', async () => {
    const once = nock(BASE).post('/v2/create').reply(500);
    const { t } = transport();
    expect(
      (await failure(t.request({ operation: 'create', method: 'POST', path: 'create', json: {} }))).code,
    ).toBe('unavailable');
    expect(once.isDone()).toBe(true);
    nock(BASE).post('/v2/create').reply(429).post('/v2/create').reply(201, { id: '1' });
    const response = await t.request({ operation: 'create', method: 'POST', path: 'create', json: {} });
    expect(response.status).toBe(201);
  });

  it('treats a 404 on a retried DELETE as done when the lost attempt may have deleted it', async () => {
    nock(BASE).delete('/v2/things/1').reply(503).delete('/v2/things/1').reply(404);
    const { t } = transport();
    const response = await t.request({ operation: 'deleteThing', method: 'DELETE', path: 'things/1' });
    expect(response).toMatchObject({ status: 404, data: undefined });
    // A first-attempt 404 is still an error.
    nock(BASE).delete('/v2/things/2').reply(404);
    expect(
      (await failure(t.request({ operation: 'deleteThing', method: 'DELETE', path: 'things/2' }))).code,
    ).toBe('not_found');
  });

  it('does not retry a PUT marked non-idempotent', async () => {
    const scope = nock(BASE).put('/v2/start').once().reply(503);
    const { t } = transport();
    await failure(t.request({ operation: 'start', method: 'PUT', path: 'start', idempotent: false }));
    expect(scope.isDone()).toBe(true);
  });

  it('maps a connection reset to network and retries GETs', async () => {
    nock(BASE)
      .get('/v2/x')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .get('/v2/x')
      .reply(200, { ok: 1 });
    const { t } = transport();
    expect((await t.request({ operation: 'getX', method: 'GET', path: 'x' })).data).toEqual({ ok: 1 });
    nock(BASE)
      .post('/v2/y')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await failure(t.request({ operation: 'postY', method: 'POST', path: 'y', json: {} }));
    expect(error.code).toBe('network');
  });

  it('times out each attempt and reports timeout', async () => {
    nock(BASE).get('/v2/slow').delay(500).reply(200, {});
    const { t } = transport({ timeoutMs: 50, retry: { limit: 0 } });
    const error = await failure(t.request({ operation: 'getSlow', method: 'GET', path: 'slow' }));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toContain('50 ms');
  });

  it('stops on abort without another attempt', async () => {
    const controller = new AbortController();
    let calls = 0;
    nock(BASE)
      .get('/v2/x')
      .times(3)
      .reply(() => {
        calls++;
        controller.abort();
        return [503, ''];
      });
    const { t } = transport({ sleep, retry: { limit: 2, baseDelayMs: 10 } });
    const error = await failure(
      t.request({ operation: 'getX', method: 'GET', path: 'x', signal: controller.signal }),
    );
    expect(error.code).toBe('aborted');
    expect(calls).toBe(1);
  });

  it('fails a 2xx that says it failed with provider_error, only for the provider’s own API', async () => {
    nock(BASE)
      .get('/v2/x')
      .reply(200, { success: false, message: `no, ${CANARY}` })
      .put('/bucket/key')
      .reply(200, { success: false });
    const { t } = transport({
      parseFailure: ({ body }) =>
        (body as { success?: boolean }).success === false
          ? { providerMessage: (body as { message?: string }).message }
          : undefined,
    });
    const error = await failure(t.request({ operation: 'getX', method: 'GET', path: 'x' }));
    expect(error).toMatchObject({ code: 'provider_error', status: 200, retryable: false });
    expect(error.message).toBe('acme reported a failure on getX (HTTP 200): no, [redacted]');
    const presigned = await t.request({
      operation: 'put',
      method: 'PUT',
      url: `${BASE}/bucket/key`,
      body: 'x',
    });
    expect(presigned.data).toEqual({ success: false });
  });

  it('turns malformed JSON into invalid_response', async () => {
    nock(BASE).get('/v2/x').reply(200, '{"broken":', { 'content-type': 'application/json' });
    const { t } = transport();
    const error = await failure(t.request({ operation: 'getX', method: 'GET', path: 'x' }));
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('replaces the query an absolute URL had with the one given, and trims header values as Headers does', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const scope = nock('https://uploads.other.test')
      .get('/bucket/key')
      .query({ 'part[no]': '2', note: "it's a b" })
      .reply(function () {
        seen = this.req.headers;
        return [200, ''];
      });
    const { t } = transport();
    await t.request({
      operation: 'getPart',
      method: 'GET',
      url: 'https://uploads.other.test/bucket/key?sig=1',
      query: { 'part[no]': 2, note: "it's a b" },
      headers: { 'X-Part-Tag': ' v1 ' },
    });
    expect(scope.isDone()).toBe(true);
    expect(seen['x-part-tag']).toBe('v1');
  });

  it('lets hooks see every exchange with credentials redacted', async () => {
    nock(BASE)
      .get('/v2/x')
      .reply(503, { message: `key ${CANARY} is bad` })
      .get('/v2/x')
      .reply(200, {});
    const seen: unknown[] = [];
    const { t } = transport({
      hooks: {
        onRequest: (request: RequestInfo) => seen.push(['request', request.attempt, request.headers]),
        onResponse: (_request, response) => seen.push(['response', response.status]),
        onRetry: (_request, retry) => seen.push(['retry', retry.error.providerMessage, retry.delayMs]),
      },
    });
    await t.request({ operation: 'getX', method: 'GET', path: 'x' });
    expect(JSON.stringify(seen)).not.toContain(CANARY);
    expect(seen[0]).toEqual(['request', 0, expect.objectContaining({ authorization: '[redacted]' })]);
    expect(seen.map((entry) => (entry as unknown[])[0])).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
    ]);
    expect(seen[2]).toEqual(['retry', 'key [redacted] is bad', expect.any(Number)]);
  });

  it('sends one request at a time with concurrency 1', async () => {
    let inFlight = 0;
    let peak = 0;
    nock(BASE)
      .get(/\/v2\/n\/\d/)
      .times(4)
      .delay(20)
      .reply(() => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => inFlight--, 5);
        return [200, {}];
      });
    const { t } = transport({ concurrency: 1 });
    await Promise.all([0, 1, 2, 3].map((n) => t.request({ operation: 'n', method: 'GET', path: `n/${n}` })));
    expect(peak).toBe(1);
  });

  it('decodes a gzip answer and sends FormData as multipart', async () => {
    let type = '';
    nock(BASE)
      .get('/v2/zipped')
      .reply(200, gzipSync('{"zipped":true}'), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      })
      .post('/v2/upload')
      .reply(function () {
        type = String(this.req.headers['content-type']);
        return [201, {}];
      });
    const { t } = transport();
    expect((await t.request({ operation: 'zip', method: 'GET', path: 'zipped' })).data).toEqual({
      zipped: true,
    });
    const form = new FormData();
    form.append('source', new Blob([new Uint8Array([1, 2])], { type: 'image/png' }), 'a.png');
    await t.request({ operation: 'upload', method: 'POST', path: 'upload', body: form });
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('sends through ky and the caller’s fetch when one is given', async () => {
    const seen: string[] = [];
    const { t } = transport({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(`${request.method} ${request.url} ${request.headers.get('authorization')}`);
        return new Response('{"via":"fetch"}', { headers: { 'content-type': 'application/json' } });
      },
    });
    const response = await t.request({ operation: 'getX', method: 'GET', path: 'x', query: { a: 1 } });
    expect(response.data).toEqual({ via: 'fetch' });
    expect(seen).toEqual([`GET ${BASE}/v2/x?a=1 Bearer ${CANARY}`]);
  });
});

describe('encodePathSegment', () => {
  it('encodes reserved characters and refuses segments that would climb or break the path', () => {
    expect(encodePathSegment('a?b#c%/d')).toBe('a%3Fb%23c%25%2Fd');
    expect(encodePathSegment('ünï 😀')).toBe('%C3%BCn%C3%AF%20%F0%9F%98%80');
    for (const bad of ['.', '..', '', 'a\uD800b'])
      expect(() => encodePathSegment(bad)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
