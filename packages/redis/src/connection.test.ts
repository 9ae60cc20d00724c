import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { ConversationError } from '@parley/core';
import { createClient, type RedisClientType } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventStore, type RedisEventStore } from './redis-event-store.js';
import { freePort, type RedisServer, startRedisServer } from './testing/redis-server.js';

// Characters that URLs percent-encode, so both the raw and the decoded form are checked.
const password = 'canary-Pw0rd/with:odd@chars';
const wrongPassword = 'wrong-canary-9f3e2b7c';

let server: RedisServer;
let secured: RedisServer;
let admin: RedisClientType;
const stores: RedisEventStore[] = [];
const track = (store: RedisEventStore) => {
  stores.push(store);
  return store;
};
beforeAll(async () => {
  [server, secured] = await Promise.all([startRedisServer(), startRedisServer({ password })]);
  admin = createClient({ url: server.url });
  await admin.connect();
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await admin?.close();
  await Promise.all([server?.stop(), secured?.stop()]);
});

async function failure(promise: Promise<unknown>): Promise<ConversationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ConversationError.isInstance(error))
    throw new Error(`expected a ConversationError, got ${inspect(error)}`);
  return error;
}

/** Everything a log line or a debugger could show of an error. */
function everyView(error: ConversationError): string {
  return [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    String(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(error.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    String((error.cause as Error | undefined)?.stack),
  ].join('\n');
}

/** The connections the server has, by the names given with CLIENT SETNAME, or all. */
async function connectionCount(): Promise<number> {
  const list = await admin.clientList();
  return list.length;
}

describe('a password in the URL', () => {
  const secrets = [password, encodeURIComponent(password), wrongPassword];

  it('never shows in a message, cause, JSON or inspect output when Redis refuses it', async () => {
    const url = `redis://:${encodeURIComponent(wrongPassword)}@127.0.0.1:${secured.port}`;
    const store = track(createRedisEventStore({ url }));
    const error = await failure(store.claim('evt', 'owner', 10_000));
    expect(error.code).toBe('unauthorized');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^redis event store: claim failed \(WRONGPASS/);
    const views = everyView(error);
    for (const secret of secrets) expect(views).not.toContain(secret);
    expect(inspect(store, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      wrongPassword,
    );
  });

  it('never shows when the connection fails, and is not in anything the store writes', async () => {
    const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${secured.port}`;
    const store = track(createRedisEventStore({ url }, { prefix: 'secured:' }));
    expect(await store.claim('evt', 'owner', 10_000)).toBe(true);
    await store.complete('evt', 'owner', 10_000);
    await store.setCheckpoint('acct', '{"since":1}', 10_000);
    expect(await store.acquireLease('acct', 'owner', 10_000)).toBe(true);
    expect(inspect(store, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(password);

    const reader = createClient({ url: secured.url });
    await reader.connect();
    const keys = await reader.keys('secured:*');
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(await reader.get(key)).not.toContain(password);
    await reader.close();

    const down = await freePort();
    const unreachable = track(
      createRedisEventStore({ url: `redis://user:${encodeURIComponent(password)}@127.0.0.1:${down}` }),
    );
    const error = await failure(unreachable.getCheckpoint('acct'));
    expect(error.code).toBe('unavailable');
    const views = everyView(error);
    for (const secret of secrets) expect(views).not.toContain(secret);
  });
});

describe('failures', () => {
  it('maps a refused connection to unavailable, naming redis and the operation', async () => {
    const port = await freePort();
    const store = track(createRedisEventStore({ url: `redis://127.0.0.1:${port}` }));
    const started = Date.now();
    const error = await failure(store.claim('evt', 'owner', 10_000));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({
      code: 'unavailable',
      retryable: true,
      operation: 'eventStore.claim',
      message: 'redis event store: claim failed (connection refused, ECONNREFUSED)',
    });
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
    // The next call tries again rather than keeping the first failure.
    const again = await failure(store.acquireLease('lease', 'owner', 10_000));
    expect(again.message).toBe('redis event store: acquireLease failed (connection refused, ECONNREFUSED)');
  });

  it('maps a server that never answers to unavailable within timeoutMs', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const store = track(createRedisEventStore({ url: `redis://127.0.0.1:${port}` }, { timeoutMs: 300 }));
      const started = Date.now();
      const error = await failure(store.getCheckpoint('acct'));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error.code).toBe('unavailable');
      expect(error.message).toBe('redis event store: getCheckpoint failed (could not connect within 300 ms)');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('applies timeoutMs to each command on a client passed in', async () => {
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      const store = createRedisEventStore({ client }, { timeoutMs: 200, prefix: 'timeout:' });
      // CLIENT PAUSE holds every client's writes, so the claim gets no answer in time.
      await admin.sendCommand(['CLIENT', 'PAUSE', '1000', 'WRITE']);
      const error = await failure(store.claim('evt', 'owner', 10_000));
      expect(error.code).toBe('unavailable');
      expect(error.message).toBe('redis event store: claim failed (no answer within 200 ms)');
    } finally {
      await admin.sendCommand(['CLIENT', 'UNPAUSE']);
      await client.close();
    }
  });

  it('fails fast while the server is down and recovers once it is back', async () => {
    const own = await startRedisServer();
    const store = track(createRedisEventStore({ url: own.url }, { prefix: 'restart:' }));
    expect(await store.claim('before', 'owner', 10_000)).toBe(true);
    await own.stop();
    const error = await failure(store.claim('during', 'owner', 10_000));
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    const back = await startRedisServer({ port: own.port });
    try {
      const deadline = Date.now() + 10_000;
      let claimed: boolean | undefined;
      while (claimed === undefined && Date.now() < deadline) {
        claimed = await store.claim('after', 'owner', 10_000).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
      }
      expect(claimed).toBe(true);
    } finally {
      await store.close();
      await back.stop();
    }
  });
});

describe('close()', () => {
  it('closes the connection the store opened', async () => {
    const before = await connectionCount();
    const store = createRedisEventStore({ url: server.url }, { prefix: 'close:' });
    await store.close(); // never connected: nothing to close
    const used = createRedisEventStore({ url: server.url }, { prefix: 'close:' });
    await Promise.all([used.claim('a', 'o', 10_000), used.claim('b', 'o', 10_000)]);
    expect(await connectionCount()).toBe(before + 1);
    await used.close();
    await used.close();
    await expect.poll(connectionCount).toBe(before);
    const error = await failure(used.claim('c', 'o', 10_000));
    expect(error).toMatchObject({ code: 'unavailable', retryable: false });
    expect(error.message).toBe('redis event store: claim called after close()');
    expect(await connectionCount()).toBe(before);
  });

  it('leaves a client passed in open', async () => {
    const client = createClient({ url: server.url });
    await client.connect();
    const store = createRedisEventStore({ client }, { prefix: 'borrowed:' });
    expect(await store.claim('evt', 'o', 10_000)).toBe(true);
    await store.close();
    expect(client.isOpen).toBe(true);
    expect(await client.get('borrowed:event:evt')).toBe('claimed:o');
    expect((await failure(store.claim('evt2', 'o', 10_000))).retryable).toBe(false);
    await client.close();
  });

  it('maps a client passed in that is not connected to unavailable', async () => {
    const client = createClient({ url: server.url });
    const store = createRedisEventStore({ client });
    const error = await failure(store.getCheckpoint('acct'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe('redis event store: getCheckpoint failed (the client is closed)');
  });
});
