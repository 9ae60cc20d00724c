import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AbortOutcome } from './abort-scenarios.js';

const script = fileURLToPath(new URL('./abort-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface ChildRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  exitedAt: number;
  stdout: string;
  stderr: string;
}

/** Runs the child and waits for it to exit; kills it after `limitMs` so a hang fails, not stalls. */
function runChild(limitMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => {
      clearTimeout(killer);
      resolve({ exitCode, signal, exitedAt: Date.now(), stdout, stderr });
    });
  });
}

describe('abort and cancellation', () => {
  it('aborting stops within one request, rejects with aborted, and leaves nothing that keeps the process alive', async () => {
    // The clients in the child keep a 30 s timeout and a 20 s Retry-After wait: a timer or socket
    // left behind would hold the process far past the 3 s allowed here.
    const run = await runChild(15_000);
    expect({ exitCode: run.exitCode, signal: run.signal, stderr: run.stderr }).toEqual({
      exitCode: 0,
      signal: null,
      stderr: '',
    });
    const { outcomes, closedAt } = JSON.parse(run.stdout) as { outcomes: AbortOutcome[]; closedAt: number };
    expect(run.exitedAt - closedAt).toBeLessThan(3_000);

    const expected = (scenario: string, items: number) =>
      (['ultracart', 'sunshine'] as const).map((provider) => ({
        scenario,
        provider,
        code: 'aborted',
        items,
      }));
    expect(
      outcomes.map(({ scenario, provider, code, items }) => ({ scenario, provider, code, items })),
    ).toEqual(
      [
        ['mid-listing, request in flight', 10],
        ['between pages', 5],
        ['during a Retry-After wait', 0],
        ['request held by the server', 0],
      ]
        .flatMap(([scenario, items]) => expected(scenario as string, items as number))
        .sort((a, b) => (a.provider === b.provider ? 0 : a.provider === 'ultracart' ? -1 : 1)),
    );
    for (const outcome of outcomes) {
      // Every request was sent before the abort: the one in flight is the last.
      expect({ ...outcome, sentAfterAbort: outcome.requestsAfter - outcome.requestsAtAbort }).toMatchObject({
        sentAfterAbort: 0,
      });
      expect(outcome.requestsAtAbort).toBeGreaterThan(0);
      expect(outcome.arrived).toBeLessThanOrEqual(outcome.requestsAtAbort);
      // The rejection follows the abort at once (the between-pages caller itself waits 60 ms).
      expect(outcome.settleMs).toBeLessThan(outcome.scenario === 'between pages' ? 500 : 250);
    }
    // Mid-listing, the abort came while the third page was in flight: exactly three requests.
    for (const outcome of outcomes.filter((o) => o.scenario.startsWith('mid-listing')))
      expect(outcome.requestsAtAbort).toBe(3);
  }, 30_000);
});
