import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './index.js';
import { list, obj, sc, uc } from './testing/http-helpers.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: 3 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.clearFaults();
  emu.clearRequests();
});

const createBody = () => ({ type: 'sdkGroup', displayName: 'Fault test' });
const groupCount = async (): Promise<number> => {
  const user = emu.facts.sunshine.users[0];
  const body = obj((await sc(emu, 'GET', `/conversations?filter[userId]=${user?.id}&page[size]=100`)).body);
  return list(body.conversations).length;
};

describe('fault injection', () => {
  it('answers 429 with Retry-After (or without) and 503 in each provider’s error shape', async () => {
    emu.failNext({ kind: '429', retryAfterSeconds: 2, match: { provider: 'ultracart' } });
    const limited = await uc(emu, 'GET', '/conversation/conversations');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('uc-rest-error')).toMatch(/rate/);
    emu.failNext('429-no-retry-after');
    const bare = await sc(emu, 'GET', `/conversations/${emu.facts.sunshine.defaultConversationId}`);
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect(list(obj(bare.body).errors)[0]?.code).toBe('too_many_requests');
    emu.failNext('503', 2);
    expect((await uc(emu, 'GET', '/conversation/agent/keepalive')).status).toBe(503);
    expect((await uc(emu, 'GET', '/conversation/agent/keepalive')).status).toBe(503);
    expect((await uc(emu, 'GET', '/conversation/agent/keepalive')).status).toBe(204);
    expect(emu.requests.map((r) => r.fault ?? null)).toEqual([
      '429',
      '429-no-retry-after',
      '503',
      '503',
      null,
    ]);
  });

  it('matches failNext rules by method and path', async () => {
    emu.failNext({ kind: '500', match: { method: 'POST', path: /\/messages$/ } });
    const id = emu.facts.sunshine.deletableConversationId;
    expect((await sc(emu, 'GET', `/conversations/${id}/messages`)).status).toBe(200);
    const post = () =>
      sc(emu, 'POST', `/conversations/${id}/messages`, {
        author: { type: 'business' },
        content: { type: 'text', text: 'x' },
      });
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(201);
  });

  it('a "before" fault does not apply the write; an "after" fault does, exactly once', async () => {
    const start = await groupCount();
    emu.failNext({ kind: 'reset', match: { method: 'POST' } });
    await expect(sc(emu, 'POST', '/conversations', createBody())).rejects.toThrow();
    expect(await groupCount()).toBe(start);
    emu.failNext({ kind: '500-after', match: { method: 'POST' } });
    expect(
      (
        await sc(emu, 'POST', '/conversations', {
          ...createBody(),
          participants: [{ userId: emu.facts.sunshine.users[0]?.id, subscribeSDKClient: true }],
        })
      ).status,
    ).toBe(500);
    expect(await groupCount()).toBe(start + 1);
    const posts = emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/conversations'));
    expect(posts.map((r) => [r.fault, r.status, r.appliedStatus])).toEqual([
      ['reset', 0, undefined],
      ['500-after', 500, 201],
    ]);
  });

  it('holds the socket on timeout until the client gives up', async () => {
    emu.failNext('timeout');
    const res = fetch(`${emu.ultracart.baseUrl}/conversation/agent/keepalive`, {
      headers: { 'x-ultracart-simple-key': emu.ultracart.apiKey, 'X-UltraCart-Api-Version': '2017-03-01' },
      signal: AbortSignal.timeout(300),
    });
    await expect(res).rejects.toThrow(/abort|timeout/i);
    expect(emu.requests.at(-1)).toMatchObject({ fault: 'timeout', status: 0 });
  });

  it('sends truncated JSON for malformed-json', async () => {
    const res = await uc(emu, 'GET', '/conversation/conversations', undefined, {
      'x-emulator-fault': 'malformed-json',
    });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('x-emulator-fault-once fails only the first request with a token', async () => {
    const headers = { 'x-emulator-fault-once': 'retry-1:503' };
    expect((await uc(emu, 'GET', '/conversation/agent/keepalive', undefined, headers)).status).toBe(503);
    expect((await uc(emu, 'GET', '/conversation/agent/keepalive', undefined, headers)).status).toBe(204);
    expect(
      (await uc(emu, 'GET', '/conversation/agent/keepalive', undefined, { 'x-emulator-fault': 'bogus' }))
        .status,
    ).toBe(400);
  });

  it('a seeded random plan fails the same requests every time', async () => {
    const run = async (): Promise<number[]> => {
      emu.setFaults({ rate: 0.3, kinds: ['429', '503'], seed: 5 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await uc(emu, 'GET', '/conversation/agent/keepalive')).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s !== 204).length).toBeGreaterThan(3);
    expect(first.filter((s) => s !== 204).length).toBeLessThan(20);
    expect(await run()).toEqual(first);
  });
});

describe('UltraCart concurrency', () => {
  it('can refuse overlapping requests with 429 like UltraCart', async () => {
    const strict = await startEmulator({ ultracartConcurrency: 'reject', latencyMs: 50 });
    try {
      const results = await Promise.all(
        [1, 2, 3].map(() => uc(strict, 'GET', '/conversation/agent/keepalive')),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 429, 429]);
    } finally {
      await strict.close();
    }
  });
});
