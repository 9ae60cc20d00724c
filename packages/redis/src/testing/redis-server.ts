import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @parley/redis/testing: a throwaway redis-server for tests (Node only: it spawns the binary).

/** A `redis-server` of the test's own, on a free loopback port. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>`, with `:password@` when started with one. */
  url: string;
  /** Stops the server and removes its working directory. */
  stop(): Promise<void>;
}

const install = 'apt-get install -y redis-server';
/** The server binary: `redis-server` on the PATH, or another build named by `REDIS_SERVER`. */
const binary = process.env.REDIS_SERVER ?? 'redis-server';

/** A loopback TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `redis-server --port <free> --save '' --appendonly no` bound to 127.0.0.1 and resolves
 * once it answers PING. Fails (never skips) when `redis-server` is not installed.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * const store = createRedisEventStore({ url: redis.url });
 * // …
 * await store.close();
 * await redis.stop();
 * ```
 */
export async function startRedisServer(
  options: { password?: string; port?: number } = {},
): Promise<RedisServer> {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined)
    throw new Error(
      `${binary} is not installed, and these tests need a real redis-server: ${install} (Debian package)`,
    );
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(port, options.password);
    } catch (error) {
      // Another process may have taken the port between freePort() and the server's bind.
      if (attempt >= 3 || options.port !== undefined) throw error;
    }
  }
}

async function launch(port: number, password: string | undefined): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  args.push('--dir', dir, '--daemonize', 'no');
  if (password !== undefined) args.push('--requirepass', password);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // If the test process ends without stop() (a crash), take the server with it.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', orphan);
      resolve();
    }),
  );
  const stop = async () => {
    await kill(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not start:\n${output.slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const auth = password === undefined ? '' : `:${encodeURIComponent(password)}@`;
  return { port, url: `redis://${auth}127.0.0.1:${port}`, stop };
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Whether a Redis answers PING on the port (`+PONG`, or `-NOAUTH` when it wants a password). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data: Buffer) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}
