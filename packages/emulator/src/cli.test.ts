import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/parley-emulator.js', import.meta.url));

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
    const base = /ULTRACART_BASE_URL=(\S+)/.exec(out)?.[1];
    const key = /ULTRACART_API_KEY=(\S+)/.exec(out)?.[1];
    expect(out).toMatch(/SUNSHINE_KEY_SECRET=\S+/);
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
      expect(out).toContain('Activity    6000/min per provider');
      expect(out).toContain('Rate limit  UltraCart 3/hour and 100/day per key');
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
      expect(out).toContain(`Webhook     ${target}  SUNSHINE_WEBHOOK_SECRET=cli-secret`);
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
});
