import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator, type UltraCartRateLimitOptions } from '../index.js';
import { obj, sc, uc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';
import { UltraCartRateLimiter } from './rate-limit.js';

const spec = specValidator('ultracart');
const HOUR = 3_600_000;

describe('UltraCart leaky bucket (clock in hand)', () => {
  function limiter(options: ConstructorParameters<typeof UltraCartRateLimiter>[0]) {
    const clock = { now: 0 };
    return { clock, limiter: new UltraCartRateLimiter(options, 'key', () => clock.now) };
  }

  it('refuses exactly the request that would overflow, adds nothing for it, and drains continuously', () => {
    const { clock, limiter: l } = limiter({ perHour: 3, perDay: 1000 });
    expect([l.take('key'), l.take('key'), l.take('key')]).toEqual([undefined, undefined, undefined]);
    expect(l.level()).toEqual({ hour: 3, day: 3 });
    expect(l.take('key')).toBe('rate of 3 per 3600 second(s) exceeded.');
    expect(l.take('key')).toBeDefined();
    expect(l.level().hour).toBe(3);
    // A third of an hour drains one request's worth: one more fits, the next does not.
    clock.now += HOUR / 3 - 1;
    expect(l.take('key')).toBeDefined();
    clock.now += 1;
    expect(l.take('key')).toBeUndefined();
    expect(l.take('key')).toBeDefined();
    // After an hour it is empty again.
    clock.now += HOUR;
    expect(l.level().hour).toBe(0);
    expect(l.accepted).toBe(4);
    expect(l.refused).toBe(4);
    // Other credentials have their own buckets.
    expect(l.take('other')).toBeUndefined();
    expect(l.level('other').hour).toBe(1);
  });

  it('has a daily bucket too, with the daily message', () => {
    const { clock, limiter: l } = limiter({ perHour: 100, perDay: 5 });
    for (let i = 0; i < 5; i++) expect(l.take('key')).toBeUndefined();
    expect(l.take('key')).toBe('rate of 5 per 86400 second(s) exceeded.');
    clock.now += 5 * HOUR; // empties the hourly bucket but drains only 25/24 daily
    expect(l.take('key')).toBeUndefined();
    expect(l.take('key')).toBeDefined();
  });

  it('runs emulated time `timeScale` times faster', () => {
    const { clock, limiter: l } = limiter({ perHour: 2, timeScale: 3600 });
    expect(l.settings).toEqual({ perHour: 2, perDay: 10_000, timeScale: 3600 });
    l.take('key');
    l.take('key');
    expect(l.take('key')).toBeDefined();
    clock.now += 500; // half an emulated hour: one slot
    expect(l.take('key')).toBeUndefined();
    expect(l.take('key')).toBeDefined();
  });

  it('defaults to UltraCart’s 1,000 per hour and 10,000 per day; off counts without refusing', () => {
    expect(new UltraCartRateLimiter(true, 'k').settings).toEqual({
      perHour: 1000,
      perDay: 10_000,
      timeScale: 1,
    });
    const off = new UltraCartRateLimiter(undefined, 'k');
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 5; i++) expect(off.take('k')).toBeUndefined();
    expect(off.accepted).toBe(5);
    expect(() => new UltraCartRateLimiter({ perHour: 0 }, 'k')).toThrow(RangeError);
    expect(() => new UltraCartRateLimiter({ timeScale: Number.NaN }, 'k')).toThrow(RangeError);
  });
});

describe('UltraCart rate limiting over HTTP', () => {
  const emulators: Emulator[] = [];
  afterEach(async () => {
    for (const emu of emulators.splice(0)) await emu.close();
  });
  async function start(rateLimit: UltraCartRateLimitOptions) {
    const emu = await startEmulator({ conversations: 20, ultracart: { rateLimit } });
    emulators.push(emu);
    return emu;
  }
  const keepalive = (emu: Emulator, headers?: Record<string, string | undefined>) =>
    uc(emu, 'GET', '/conversation/agent/keepalive', undefined, headers);

  it('answers 429 with UltraCart’s error body when the bucket overflows, and drains back with the time scale', async () => {
    // 4 per emulated hour, an emulated hour every 2 real seconds: one slot frees every 0.5 s.
    const emu = await start({ perHour: 4, timeScale: 1800 });
    for (let i = 0; i < 4; i++) expect((await keepalive(emu)).status).toBe(204);
    const refused = await keepalive(emu);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('uc-rest-error')).toBe('rate of 4 per 3600 second(s) exceeded.');
    expect(refused.headers.get('x-ultracart-request-id')).toMatch(/^[0-9A-F]{31}$/);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.body).toEqual({
      error: {
        developer_message: 'rate of 4 per 3600 second(s) exceeded.',
        user_message: 'rate of 4 per 3600 second(s) exceeded.',
      },
      metadata: {},
    });
    expect(spec.response('GET', '/rest/v2/conversation/agent/keepalive', 429, refused.body)).toEqual([]);
    expect(emu.requests.at(-1)?.status).toBe(429);
    expect(emu.ultracart.rateLimit).toMatchObject({ enabled: true, accepted: 4, refused: 1 });
    // A refused request added nothing: after 0.6 s one slot is free, and only one.
    await new Promise((r) => setTimeout(r, 600));
    expect((await keepalive(emu)).status).toBe(204);
    expect((await keepalive(emu)).status).toBe(429);
    expect(emu.ultracart.rateLimit).toMatchObject({ accepted: 5, refused: 2 });
    // The bucket drains completely in an emulated hour.
    await new Promise((r) => setTimeout(r, 2_100));
    expect(emu.ultracart.rateLimit.level().hour).toBe(0);
    for (let i = 0; i < 4; i++) expect((await keepalive(emu)).status).toBe(204);
  });

  it('keeps a bucket per credential, counts every UltraCart REST request but not uploads or Sunshine', async () => {
    const emu = await start({ perHour: 2, timeScale: 1 });
    const listed = await uc(emu, 'GET', '/conversation/upload_url/png');
    expect(listed.status).toBe(200);
    const url = String(obj(obj(listed.body).conversation_multimedia_upload_url).url);
    // The presigned PUT and Sunshine calls are not UltraCart REST requests.
    expect((await fetch(url, { method: 'PUT', body: 'bytes' })).status).toBe(200);
    expect((await sc(emu, 'GET', `/conversations/${emu.facts.sunshine.groupConversationId}`)).status).toBe(
      200,
    );
    // A failing request counts too.
    expect((await uc(emu, 'GET', '/conversation/conversations/nope')).status).toBe(404);
    expect((await keepalive(emu)).status).toBe(429);
    expect(emu.ultracart.rateLimit.level().hour).toBeCloseTo(2, 2);
    // The access token and a wrong key have buckets of their own.
    const bearer = {
      'x-ultracart-simple-key': undefined,
      authorization: `Bearer ${emu.ultracart.accessToken}`,
    };
    expect((await keepalive(emu, bearer)).status).toBe(204);
    expect(emu.ultracart.rateLimit.level(emu.ultracart.accessToken).hour).toBeCloseTo(1, 2);
    expect((await keepalive(emu, { 'x-ultracart-simple-key': 'wrong' })).status).toBe(401);
    expect(emu.ultracart.rateLimit).toMatchObject({ accepted: 4, refused: 1 });
    emu.ultracart.rateLimit.reset();
    expect(emu.ultracart.rateLimit).toMatchObject({ accepted: 0, refused: 0 });
    expect((await keepalive(emu)).status).toBe(204);
  });

  it('is off by default but still counts, and stays out of `{ ...emulator.ultracart }`', async () => {
    const emu = await startEmulator({ conversations: 12 });
    emulators.push(emu);
    for (let i = 0; i < 3; i++) expect((await keepalive(emu)).status).toBe(204);
    expect(emu.ultracart.rateLimit).toMatchObject({ enabled: false, accepted: 3, refused: 0 });
    expect(Object.keys({ ...emu.ultracart }).sort()).toEqual(['accessToken', 'apiKey', 'baseUrl']);
    expect(Object.keys({ ...emu.sunshine }).sort()).toEqual(['appId', 'baseUrl', 'keyId', 'keySecret']);
    await expect(startEmulator({ ultracart: { rateLimit: { perDay: -1 } } })).rejects.toThrow(RangeError);
  });
});
