import { createClient, type RedisClientType } from '@redis/client';

/**
 * What the store needs of a Redis client: node-redis's `sendCommand`. A connected client from
 * `createClient()` (packages `redis` or `@redis/client`) or a pool from `createClientPool()` fits.
 * The store sends raw commands with its own full key names, so a client's `keyPrefix` does not
 * apply to them: use the store's `prefix`.
 */
export interface RedisCommandClient {
  sendCommand(
    args: string[],
    options?: { timeout?: number; typeMapping?: Record<never, never> },
  ): Promise<unknown>;
}

/** A way to send commands, and to close what the store opened itself. */
export interface Connection {
  send(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

// Named like node-redis's errors of the same meaning, so the error mapping words them the same way.
class ConnectionTimeoutError extends Error {
  constructor() {
    super('Connection timeout');
  }
}
class TimeoutError extends Error {
  constructor() {
    super('Command timeout');
  }
}

/**
 * `promise`, or a rejection with `error()` after `ms`. node-redis's own command `timeout` ends
 * only the wait to be written (an unsent command is then never sent); this bounds the wait for
 * the reply too, e.g. from a server that stopped answering.
 */
async function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(error()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends through the caller's client, which stays theirs: `close()` leaves it open. */
export function borrowedConnection(client: RedisCommandClient, timeoutMs: number): Connection {
  // An empty typeMapping overrides one set on the client, so replies are plain strings and numbers.
  const options = { timeout: timeoutMs, typeMapping: {} };
  return {
    send: (args) => within(client.sendCommand(args, options), timeoutMs, () => new TimeoutError()),
    close: async () => {},
  };
}

/**
 * A connection the store opens from `url` on first use and closes in `close()`. A first connect
 * that fails rejects the operation that asked for it (the next one tries again, on a new client);
 * once connected, the client reconnects by itself with backoff, and commands sent meanwhile fail at
 * once instead of queueing.
 */
export function ownedConnection(url: string, timeoutMs: number): Connection {
  type Client = RedisClientType;
  let connecting: Promise<Client> | undefined;
  let closing: Promise<void> | undefined;

  const open = async (): Promise<Client> => {
    let ready = false;
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: timeoutMs,
        // Before the first ready: give up at once, so the caller learns of it. After: keep trying.
        reconnectStrategy: (retries: number) => (ready ? Math.min(50 * 2 ** retries, 2_000) : false),
      },
    });
    // Failures reach the caller through the commands that fail; an unheard 'error' event would
    // crash the process.
    client.on('error', () => {});
    client.on('ready', () => {
      ready = true;
    });
    try {
      await within(client.connect(), timeoutMs, () => new ConnectionTimeoutError());
      return client;
    } catch (error) {
      client.destroy();
      throw error;
    }
  };

  const connected = (): Promise<Client> => {
    connecting ??= open().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };

  return {
    async send(args) {
      const client = await connected();
      return within(client.sendCommand(args, { timeout: timeoutMs }), timeoutMs, () => new TimeoutError());
    },
    close() {
      closing ??= (async () => {
        const pending = connecting;
        connecting = undefined;
        const client = await pending?.catch(() => undefined);
        if (client === undefined) return;
        // Lets the commands in flight finish, but not for longer than one command may take.
        try {
          await within(client.close(), timeoutMs, () => new TimeoutError());
        } catch {
          client.destroy();
        }
      })();
      return closing;
    },
  };
}
