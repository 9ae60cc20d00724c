import { ConversationError } from '@parley/core';
import { eventStoreContract } from '@parley/core/conformance';
import { createClient, RESP_TYPES, type RedisClientType } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventStore, type RedisEventStore } from './redis-event-store.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

let server: RedisServer;
let admin: RedisClientType;
beforeAll(async () => {
  server = await startRedisServer();
  admin = createClient({ url: server.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.close();
  await server?.stop();
});

let run = 0;
/** A prefix no other test uses, so each test starts from empty state on the shared server. */
const freshPrefix = (name: string) => `test-${++run}-${name}:`;

/** Every key under `prefix`, with its remaining TTL in ms (-1: none, -2: gone). */
async function keysWithTtl(prefix: string): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 }))
    for (const key of batch) keys.set(key, await admin.pTTL(key));
  return keys;
}

// Two replicas: two stores, each on its own connection opened from the URL.
eventStoreContract({
  name: 'redis ({ url }, two connections)',
  createStores: async () => {
    const prefix = freshPrefix('contract-url');
    const a = createRedisEventStore({ url: server.url }, { prefix });
    const b = createRedisEventStore({ url: server.url }, { prefix });
    return { stores: [a, b], close: async () => void (await Promise.all([a.close(), b.close()])) };
  },
});

// The same with clients the caller connected, one of them speaking RESP2.
eventStoreContract({
  name: 'redis ({ client }, RESP3 and RESP2 clients)',
  createStores: async () => {
    const prefix = freshPrefix('contract-client');
    const resp3 = createClient({ url: server.url });
    const resp2 = createClient({ url: server.url, RESP: 2 });
    await Promise.all([resp3.connect(), resp2.connect()]);
    return {
      stores: [
        createRedisEventStore({ client: resp3 }, { prefix }),
        createRedisEventStore({ client: resp2 }, { prefix }),
      ],
      close: async () => void (await Promise.all([resp3.close(), resp2.close()])),
    };
  },
});

describe('createRedisEventStore', () => {
  const stores: RedisEventStore[] = [];
  const store = (...args: Parameters<typeof createRedisEventStore>) => {
    const created = createRedisEventStore(...args);
    stores.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('keeps stores with different prefixes apart', async () => {
    const left = store({ url: server.url }, { prefix: freshPrefix('left') });
    const right = store({ url: server.url }, { prefix: freshPrefix('right') });
    expect(await left.claim('evt_1', 'l', 10_000)).toBe(true);
    expect(await right.claim('evt_1', 'r', 10_000)).toBe(true);
    expect(await left.acquireLease('poller', 'l', 10_000)).toBe(true);
    expect(await right.acquireLease('poller', 'r', 10_000)).toBe(true);
    await left.setCheckpoint('acct', 'left-value', 10_000);
    expect(await right.getCheckpoint('acct')).toBeUndefined();
    expect(await left.getCheckpoint('acct')).toBe('left-value');
  });

  it('writes every key under the prefix, parley: by default', async () => {
    const id = `evt-default-${Date.now()}`;
    const defaults = store({ url: server.url });
    expect(await defaults.claim(id, 'owner', 10_000)).toBe(true);
    expect(await admin.get(`parley:event:${id}`)).toBe('claimed:owner');
    await admin.del(`parley:event:${id}`);

    const prefix = freshPrefix('layout');
    const prefixed = store({ url: server.url }, { prefix });
    await prefixed.claim('sunshine:app_1:evt_9', 'replica-a', 10_000);
    await prefixed.claim('sunshine:app_1:evt_10', 'replica-a', 10_000);
    await prefixed.complete('sunshine:app_1:evt_10', 'replica-a', 10_000);
    await prefixed.setCheckpoint('ultracart:acct', '{"since":1}', 10_000);
    await prefixed.acquireLease('ultracart:acct', 'replica-a', 10_000);
    const keys = await keysWithTtl(prefix);
    expect([...keys.keys()].sort()).toEqual(
      [
        `${prefix}checkpoint:ultracart:acct`,
        `${prefix}event:sunshine:app_1:evt_10`,
        `${prefix}event:sunshine:app_1:evt_9`,
        `${prefix}lease:ultracart:acct`,
      ].sort(),
    );
    expect(await admin.get(`${prefix}event:sunshine:app_1:evt_9`)).toBe('claimed:replica-a');
    expect(await admin.get(`${prefix}event:sunshine:app_1:evt_10`)).toBe('done');
    expect(await admin.get(`${prefix}lease:ultracart:acct`)).toBe('replica-a');
  });

  it('sets a TTL on every key it writes, and renews or replaces it as asked', async () => {
    const prefix = freshPrefix('ttl');
    const s = store({ url: server.url }, { prefix });
    await s.claim('claimed', 'o', 30_000);
    await s.claim('completed', 'o', 30_000);
    await s.complete('completed', 'o', 120_000);
    await s.complete('completed-unclaimed', 'o', 120_000);
    await s.setCheckpoint('checkpoint', 'v', 60_000);
    await s.acquireLease('lease', 'o', 5_000);
    await s.acquireLease('lease', 'o', 90_000); // renewal
    const keys = await keysWithTtl(prefix);
    expect(keys.size).toBe(5);
    for (const [key, pttl] of keys) expect(pttl, key).toBeGreaterThan(0);
    expect(keys.get(`${prefix}event:claimed`)).toBeLessThanOrEqual(30_000);
    expect(keys.get(`${prefix}event:completed`)).toBeGreaterThan(30_000);
    expect(keys.get(`${prefix}event:completed-unclaimed`)).toBeGreaterThan(30_000);
    expect(keys.get(`${prefix}checkpoint:checkpoint`)).toBeLessThanOrEqual(60_000);
    expect(keys.get(`${prefix}lease:lease`)).toBeGreaterThan(5_000);
    expect(keys.get(`${prefix}lease:lease`)).toBeLessThanOrEqual(90_000);
  });

  it('does not extend a lease another owner holds', async () => {
    const prefix = freshPrefix('lease-ttl');
    const s = store({ url: server.url }, { prefix });
    expect(await s.acquireLease('lease', 'holder', 5_000)).toBe(true);
    expect(await s.acquireLease('lease', 'other', 90_000)).toBe(false);
    const pttl = await admin.pTTL(`${prefix}lease:lease`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
    expect(await admin.get(`${prefix}lease:lease`)).toBe('holder');
  });

  it('reloads its scripts when the server lost them (NOSCRIPT)', async () => {
    const s = store({ url: server.url }, { prefix: freshPrefix('noscript') });
    expect(await s.acquireLease('lease', 'o', 10_000)).toBe(true);
    await admin.scriptFlush();
    expect(await s.acquireLease('lease', 'o', 10_000)).toBe(true);
    await admin.scriptFlush();
    await s.releaseLease('lease', 'o');
    expect(await s.acquireLease('lease', 'p', 10_000)).toBe(true);
  });

  it('reads strings from a client passed in that maps replies to Buffers', async () => {
    const client = createClient({ url: server.url }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    await client.connect();
    try {
      const s = createRedisEventStore({ client }, { prefix: freshPrefix('buffers') });
      await s.setCheckpoint('acct', '{"since":42}', 10_000);
      expect(await s.getCheckpoint('acct')).toBe('{"since":42}');
      expect(await s.acquireLease('lease', 'o', 10_000)).toBe(true);
      expect(await s.acquireLease('lease', 'p', 10_000)).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('refuses a TTL Redis cannot take, before sending anything', async () => {
    const s = store({ url: server.url }, { prefix: freshPrefix('bad-ttl') });
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await s.claim('evt', 'o', bad).catch((e: unknown) => e);
      expect(ConversationError.isInstance(error) && error.code).toBe('invalid_request');
    }
    // A fraction of a millisecond rounds up rather than failing.
    expect(await s.claim('evt', 'o', 0.5)).toBe(true);
  });

  it('refuses a bad connection or option when created', () => {
    const codeOf = (create: () => unknown) => {
      try {
        create();
      } catch (error) {
        return ConversationError.isInstance(error) ? error.code : error;
      }
    };
    expect(codeOf(() => createRedisEventStore({ url: 'http://127.0.0.1:6379' }))).toBe('invalid_config');
    expect(codeOf(() => createRedisEventStore({ url: 'not a url' }))).toBe('invalid_config');
    expect(codeOf(() => createRedisEventStore({ client: {} as never }))).toBe('invalid_config');
    expect(codeOf(() => createRedisEventStore({ url: server.url }, { timeoutMs: 0 }))).toBe('invalid_config');
  });
});
