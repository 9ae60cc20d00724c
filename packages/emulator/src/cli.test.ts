import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('parley-emulator CLI', () => {
  it('prints base URLs and credentials, serves, and stops on SIGINT', async () => {
    const bin = fileURLToPath(new URL('../bin/parley-emulator.js', import.meta.url));
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '42', '--conversations', '20'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Press Ctrl+C')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
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
});
