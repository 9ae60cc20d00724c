import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Runs the probe script at `probe` in a fresh `node --expose-gc --import tsx` (no other test's
 * sockets, listings or garbage) and returns the JSON line it prints.
 */
export async function runProbe(probe: URL): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(probe)],
    { cwd: fileURLToPath(new URL('.', probe)) },
  );
  return JSON.parse(stdout) as unknown;
}
