import { ConversationError, type EventStore } from '@parley/core';
import {
  borrowedConnection,
  type Connection,
  ownedConnection,
  type RedisCommandClient,
} from './connection.js';
import { closedError, invalidArgument, storeError } from './redis-error.js';
import { acquireOrRenew, deleteIfHolds, runScript } from './scripts.js';

/** Where the store's Redis is: a URL it connects to itself, or a client of the caller's. */
export type RedisConnectionInput =
  | {
      /**
       * `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). The store opens one
       * connection on first use and closes it in `close()`.
       */
      url: string;
    }
  | {
      /** A connected node-redis client or pool; the caller connects and closes it. */
      client: RedisCommandClient;
    };

/** Options of {@link createRedisEventStore}. */
export interface RedisEventStoreOptions {
  /** Put before every key the store writes. Default `parley:`. */
  prefix?: string;
  /** Longest wait for the connection and for each command, in ms. Default 5,000. */
  timeoutMs?: number;
}

/** An {@link EventStore} on Redis, with `close()` for the connection it opened itself. */
export interface RedisEventStore extends EventStore {
  /**
   * Closes the connection the store opened from `url`, after the commands in flight; a client
   * passed in stays open (it is the caller's). Either way the store refuses calls afterwards.
   */
  close(): Promise<void>;
}

const claimedBy = (owner: string) => `claimed:${owner}`;
const DONE = 'done';

/**
 * An {@link EventStore} on Redis, shared by every replica that uses the same server and prefix:
 * each event is handled once across them, pull subscriptions resume from the shared checkpoint,
 * and one process at a time holds a provider account's poller lease.
 *
 * Every operation is one atomic command: a claim is `SET NX PX`, a completion or checkpoint
 * `SET PX`, a release, lease renewal and lease release a short Lua script that compares the owner
 * first. Every key written expires. Failures reject with `ConversationError` code `unavailable`
 * (retryable; `unauthorized` when Redis refuses the credentials), and never show the password.
 *
 * @example
 * ```ts
 * const store = createRedisEventStore({ url: process.env.REDIS_URL! });
 * const subscription = client.events.subscribe(onEvent, { store });
 * // on shutdown
 * await subscription.close();
 * await store.close();
 * ```
 */
export function createRedisEventStore(
  connection: RedisConnectionInput,
  options: RedisEventStoreOptions = {},
): RedisEventStore {
  const prefix = options.prefix ?? 'parley:';
  if (typeof prefix !== 'string') throw invalidConfig('prefix must be a string');
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw invalidConfig('timeoutMs must be a positive number');
  let secrets: string[] = [];
  let link: Connection;
  if ('url' in connection) {
    secrets = urlSecrets(connection.url);
    link = ownedConnection(connection.url, timeoutMs);
  } else if (typeof connection.client?.sendCommand === 'function') {
    link = borrowedConnection(connection.client, timeoutMs);
  } else {
    throw invalidConfig('pass { url } or { client } with a node-redis client');
  }

  let closed = false;
  const run = async <T>(
    operation: string,
    body: (send: (args: string[]) => Promise<unknown>) => Promise<T>,
  ) => {
    const send = (args: string[]) => (closed ? Promise.reject(closedError(operation)) : link.send(args));
    try {
      return await body(send);
    } catch (error) {
      throw storeError(error, { operation, secrets, timeoutMs });
    }
  };
  const event = (id: string) => `${prefix}event:${id}`;
  const checkpoint = (key: string) => `${prefix}checkpoint:${key}`;
  const lease = (key: string) => `${prefix}lease:${key}`;

  return {
    claim: (id, owner, ttlMs) =>
      run('claim', async (send) => {
        const reply = await send(['SET', event(id), claimedBy(owner), 'NX', 'PX', ttl('claim', ttlMs)]);
        return reply !== null;
      }),
    complete: (id, _owner, ttlMs) =>
      run('complete', async (send) => {
        await send(['SET', event(id), DONE, 'PX', ttl('complete', ttlMs)]);
      }),
    release: (id, owner) =>
      run('release', async (send) => {
        await runScript(send, deleteIfHolds, event(id), [claimedBy(owner)]);
      }),
    getCheckpoint: (key) =>
      run('getCheckpoint', async (send) => {
        const reply = await send(['GET', checkpoint(key)]);
        return reply === null || reply === undefined ? undefined : String(reply);
      }),
    setCheckpoint: (key, value, ttlMs) =>
      run('setCheckpoint', async (send) => {
        await send(['SET', checkpoint(key), value, 'PX', ttl('setCheckpoint', ttlMs)]);
      }),
    acquireLease: (key, owner, ttlMs) =>
      run('acquireLease', async (send) => {
        const reply = await runScript(send, acquireOrRenew, lease(key), [owner, ttl('acquireLease', ttlMs)]);
        return Number(reply) === 1;
      }),
    releaseLease: (key, owner) =>
      run('releaseLease', async (send) => {
        await runScript(send, deleteIfHolds, lease(key), [owner]);
      }),
    close: async () => {
      closed = true;
      await link.close();
    },
  };
}

/** A TTL as Redis's PX wants it: a whole number of milliseconds, at least 1. */
function ttl(operation: string, ttlMs: number): string {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw invalidArgument(operation, `ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  return String(Math.ceil(ttlMs));
}

/** The strings of a Redis URL that must never appear in a message: the URL, its user and password. */
function urlSecrets(url: unknown): string[] {
  let parsed: URL | undefined;
  try {
    if (typeof url === 'string') parsed = new URL(url);
  } catch {
    // Reported below, without the URL.
  }
  if (parsed === undefined || !['redis:', 'rediss:'].includes(parsed.protocol))
    throw invalidConfig('url must be a redis:// or rediss:// URL');
  const secrets = [url as string];
  for (const part of [parsed.password, parsed.username]) {
    if (part === '') continue;
    secrets.push(part);
    try {
      secrets.push(decodeURIComponent(part));
    } catch {
      // Not percent-encoded: the raw part is the secret.
    }
  }
  return secrets;
}

function invalidConfig(problem: string): ConversationError {
  return new ConversationError({ code: 'invalid_config', message: `createRedisEventStore: ${problem}` });
}
