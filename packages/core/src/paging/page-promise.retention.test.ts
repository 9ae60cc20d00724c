import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./__fixtures__/retention-probe.ts', import.meta.url));

describe('PagePromise iteration: what a finished page leaves behind', () => {
  it('keeps none of a page the caller has finished while the next one is on its way', async () => {
    // A fresh process: --expose-gc, and no other test's listings.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', probe],
      { cwd: fileURLToPath(new URL('.', import.meta.url)) },
    );
    const result = JSON.parse(stdout) as unknown;
    expect(result).toEqual({ served: 3, tracked: 3, alive: 0, next: { page: 2, index: 0 } });
  });
});
