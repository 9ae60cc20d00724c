import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./__fixtures__/retention-probe.ts', import.meta.url));

describe('createTransport on the Node sender: what an answer keeps', () => {
  it('keeps none of its exchange (the IncomingMessage), yet still gives its headers', async () => {
    // A fresh process: --expose-gc, and no other test's sockets or answers.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', probe],
      {
        cwd: fileURLToPath(new URL('.', import.meta.url)),
      },
    );
    const result = JSON.parse(stdout) as { sent: number; alive: number; kept: number; header: string };
    expect(result).toEqual({ sent: 20, alive: 0, kept: 20, header: 'r1' });
  });
});
