import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/parley-emulator.js', import.meta.url));

/** The slice of @parley/core and the adapters this test uses. */
interface Parley {
  configFromEnv(env: Record<string, string>, adapters: readonly unknown[]): { provider: string };
  createConversations(options: { adapters: readonly unknown[]; config: unknown }): {
    provider: string;
    conversations: { list(params: object): PromiseLike<{ items: { id: string }[] }> };
  };
  adapters: readonly unknown[];
}

// The adapters dev-depend on this package (their tests run on it), so importing them here would
// make a project-reference cycle: their sources are loaded at run time instead.
async function loadParley(): Promise<Parley> {
  const load = (path: string) =>
    import(/* @vite-ignore */ fileURLToPath(new URL(path, import.meta.url))) as Promise<
      Record<string, unknown>
    >;
  const [core, ultracart, sunshine] = await Promise.all([
    load('../../core/src/index.ts'),
    load('../../ultracart/src/index.ts'),
    load('../../sunshine/src/index.ts'),
  ]);
  return { ...core, adapters: [ultracart.ultracart, sunshine.sunshine] } as unknown as Parley;
}

/** What a POSIX shell has in its environment after running the CLI's banner (comments and exports). */
function shellEnvironment(banner: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const shell = spawn('/bin/sh', ['-c', `${banner}\nexec env`], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    shell.on('error', reject);
    shell.on('exit', (code) => {
      if (code !== 0) reject(new Error(`sh exited with ${code}`));
      const env: Record<string, string> = {};
      for (const line of out.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0) env[line.slice(0, at)] = line.slice(at + 1);
      }
      resolve(env);
    });
  });
}

/** Runs the CLI to its exit. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Starts the CLI and resolves with what it printed once it is ready. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Press Ctrl+C')) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
  return { child, ready };
}

describe('parley-emulator CLI', () => {
  it('prints base URLs and credentials, serves, and stops on SIGINT', async () => {
    const { child, ready } = startCli(['--port', '0', '--seed', '42', '--conversations', '20']);
    const out = await ready;
    const base = /^export ULTRACART_BASE_URL=(\S+)/m.exec(out)?.[1];
    const key = /^export ULTRACART_API_KEY=(\S+)/m.exec(out)?.[1];
    expect(out).toMatch(/^export SUNSHINE_KEY_SECRET=\S+/m);
    const res = await fetch(`${base}/conversation/conversations?_limit=5`, {
      headers: { 'x-ultracart-simple-key': key ?? '', 'X-UltraCart-Api-Version': '2017-03-01' },
    });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('makes --activity happen and enforces --rate-limit', async () => {
    const { child, ready } = startCli(['--port', '0', '--activity', '6000/min', '--rate-limit', '3/100']);
    try {
      const out = await ready;
      expect(out).toContain('# Activity: 6000/min per provider');
      expect(out).toContain('# Rate limit: UltraCart 3/hour and 100/day per key');
      const value = (name: string) => new RegExp(`${name}=(\\S+)`).exec(out)?.[1] ?? '';
      const get = () =>
        fetch(`${value('ULTRACART_BASE_URL')}/conversation/conversations?_limit=1`, {
          headers: {
            'x-ultracart-simple-key': value('ULTRACART_API_KEY'),
            'X-UltraCart-Api-Version': '2017-03-01',
          },
        });
      const startedAt = Date.now();
      await new Promise((r) => setTimeout(r, 300));
      const first = await get();
      expect(first.status).toBe(200);
      const newest = ((await first.json()) as { conversations: { last_message_dts: string }[] })
        .conversations[0];
      // Seeded history ends in 2025; the newest conversation moved just now.
      expect(Date.parse(newest?.last_message_dts ?? '')).toBeGreaterThanOrEqual(
        Math.floor(startedAt / 1000) * 1000,
      );
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('uc-rest-error')).toBe('rate of 3 per 3600 second(s) exceeded.');
    } finally {
      child.kill('SIGINT');
    }
  });

  it('sends Sunshine webhooks to a --webhook target with the given secret', async () => {
    const received: { key: string | undefined; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push({ key: req.headers['x-api-key'] as string | undefined, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const { child, ready } = startCli(['--port', '0', '--webhook', target, '--webhook-secret', 'cli-secret']);
    try {
      const out = await ready;
      expect(out).toContain(`# Webhook: ${target}`);
      expect(out).toMatch(/^export SUNSHINE_WEBHOOK_SECRET=cli-secret /m);
      const value = (name: string) => new RegExp(`${name}=(\\S+)`).exec(out)?.[1] ?? '';
      const auth = Buffer.from(`${value('SUNSHINE_KEY_ID')}:${value('SUNSHINE_KEY_SECRET')}`).toString(
        'base64',
      );
      const created = await fetch(
        `${value('SUNSHINE_BASE_URL')}/v2/apps/${value('SUNSHINE_APP_ID')}/conversations`,
        {
          method: 'POST',
          headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'sdkGroup', displayName: 'From the CLI test' }),
        },
      );
      expect(created.status).toBe(201);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received[0]?.key).toBe('cli-secret');
      expect(JSON.parse(received[0]?.body ?? '{}').events[0].type).toBe('conversation:create');
    } finally {
      child.kill('SIGINT');
      receiver.close();
    }
  });

  it('prints exports a shell takes and configFromEnv accepts for either provider', async () => {
    const { child, ready } = startCli(['--port', '0', '--conversations', '20']);
    try {
      const banner = await ready;
      const env = await shellEnvironment(banner);
      // Exactly one UltraCart credential: configFromEnv refuses both.
      expect(env.ULTRACART_API_KEY).toBeTruthy();
      expect(env.ULTRACART_ACCESS_TOKEN).toBeUndefined();
      expect(env.SUNSHINE_WEBHOOK_SECRET).toMatch(/^[\w-]{20,}$/);
      expect(env.PARLEY_PROVIDER).toBe('ultracart');
      const parley = await loadParley();
      for (const provider of ['ultracart', 'sunshine']) {
        const config = parley.configFromEnv({ ...env, PARLEY_PROVIDER: provider }, parley.adapters);
        const client = parley.createConversations({ adapters: parley.adapters, config });
        expect(client.provider).toBe(provider);
        // Sunshine lists one user's conversations: the printed SUNSHINE_USER_ID is that user.
        const page = await client.conversations.list({
          limit: 5,
          ...(provider === 'sunshine' ? { userId: env.SUNSHINE_USER_ID } : {}),
        });
        expect(page.items).toHaveLength(5);
      }
      // Nothing else in the banner is a command: every other line is a comment or blank.
      const commands = banner.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      expect(commands.every((line) => line.startsWith('export '))).toBe(true);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('quotes a webhook secret the shell would otherwise split', async () => {
    const { child, ready } = startCli(['--port', '0', '--webhook-secret', "it's a secret"]);
    try {
      const env = await shellEnvironment(await ready);
      expect(env.SUNSHINE_WEBHOOK_SECRET).toBe("it's a secret");
    } finally {
      child.kill('SIGINT');
    }
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray'], "Unexpected argument 'stray'"],
    [['--port', 'x'], '--port must be a non-negative integer'],
  ])('refuses %j with the usage and a non-zero exit', async (args, reason) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toContain('Usage: parley-emulator');
  });
});
