// `pnpm test:runtimes [node|bun|deno|workerd …] [--keep]`: builds, packs @parley/core,
// @parley/ultracart and @parley/sunshine as they are published, installs the tarballs into a
// scratch project with npm (offline) and runs smoke/smoke.mjs there on each runtime against a fresh
// @parley/emulator. One line per runtime; exit 1 if the build or any runtime failed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@parley/emulator';
import { killAllChildren } from './child-process.js';
import { checkSummary, smokeParams } from './expect.js';
import { buildWorkspace, installScratchProject, packDependencies, packWorkspacePackages } from './prepare.js';
import { type RuntimeName, runCliSmoke, runtimeNames, type SmokeOutcome } from './runtimes.js';
import { runWorkerdSmoke } from './workerd.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageRoot, '..', '..');
// Must match `resultMarker` in smoke/smoke.mjs.
const resultMarker = 'PARLEY_SMOKE_RESULT ';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');

function parseArgs(argv: readonly string[]): { runtimes: RuntimeName[]; keep: boolean } {
  const keep = argv.includes('--keep');
  // pnpm passes a literal `--` through when arguments follow `pnpm test:runtimes --`.
  const named = argv.filter((arg) => arg !== '--keep' && arg !== '--');
  for (const name of named) {
    if (!(runtimeNames as readonly string[]).includes(name)) {
      throw new Error(`unknown runtime "${name}"; choose from ${runtimeNames.join(', ')}`);
    }
  }
  const runtimes = named.length === 0 ? [...runtimeNames] : (named as RuntimeName[]);
  return { runtimes, keep };
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  console.log(`  ${label.padEnd(8)} done   ${seconds(performance.now() - started)}`);
  return value;
}

// What reached the emulator: the user-agent tells which HTTP stack sent it (Bun's and Deno's own
// fetch name themselves; workerd sends none).
function requestSummary(emulator: Emulator): string {
  if (emulator.requests.length === 0) return 'no request reached the emulator';
  const agents = new Set(emulator.requests.map((r) => r.headers['user-agent'] ?? 'none'));
  return `${emulator.requests.length} requests, user-agent ${[...agents].join(' / ')}`;
}

// Each runtime gets its own emulator, so one runtime's writes cannot change another's counts.
async function runOne(name: RuntimeName, scratchDir: string): Promise<SmokeOutcome & { detail: string }> {
  const emulator = await startEmulator({ seed: 7 });
  try {
    const params = smokeParams(emulator);
    const outcome =
      name === 'workerd'
        ? await runWorkerdSmoke(scratchDir, params)
        : await runCliSmoke(name, scratchDir, params, resultMarker);
    const detail = requestSummary(emulator);
    if (!outcome.ok) return { ...outcome, detail };
    const problems = checkSummary(outcome.summary, name, emulator);
    if (problems.length === 0) return { ...outcome, detail };
    return { ok: false, reason: `wrong results:\n${problems.join('\n')}`, ms: outcome.ms, detail };
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<number> {
  const { runtimes, keep } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const tempRoot = mkdtempSync(join(tmpdir(), 'parley-runtimes-'));
  const cleanUp = (): void => {
    killAllChildren();
    if (!keep) rmSync(tempRoot, { recursive: true, force: true });
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx),
    // and a second signal without a listener would kill it in the middle of the clean-up.
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      cleanUp();
      process.exit(130);
    });
  }
  let failed = 0;
  try {
    console.log('▶ runtimes: build, pack, install');
    const buildStarted = performance.now();
    const buildErrors = await buildWorkspace(repoRoot);
    const buildTime = seconds(performance.now() - buildStarted);
    if (buildErrors === undefined) console.log(`  build    done   ${buildTime}`);
    else {
      // Still go on: tsc emits despite errors, and the runtimes' results are worth having meanwhile.
      failed++;
      console.log(
        `  build    FAIL   ${buildTime} tsc -b reported errors; the smoke runs on what it emitted:`,
      );
      console.log(indent(buildErrors));
    }
    const packDir = join(tempRoot, 'packs');
    mkdirSync(packDir);
    const tarballs = await timed('pack', async () => {
      const [ours, theirs] = await Promise.all([
        packWorkspacePackages(repoRoot, packDir),
        packDependencies(repoRoot, packDir),
      ]);
      return [...ours, ...theirs];
    });
    const scratchDir = join(tempRoot, 'project');
    await timed('install', () =>
      installScratchProject(scratchDir, tarballs, join(packageRoot, 'smoke'), join(tempRoot, 'npm-cache')),
    );
    console.log('▶ runtimes: smoke');
    let passed = 0;
    for (const name of runtimes) {
      const outcome = await runOne(name, scratchDir);
      if (outcome.ok) {
        passed++;
        console.log(`  ${name.padEnd(8)} ok     ${seconds(outcome.ms).padEnd(7)} ${outcome.detail}`);
      } else {
        failed++;
        console.log(
          `  ${name.padEnd(8)} FAIL   ${seconds(outcome.ms).padEnd(7)} ${outcome.detail}\n${indent(outcome.reason)}`,
        );
      }
    }
    if (keep) console.log(`  kept ${tempRoot}`);
    console.log(`▶ runtimes: ${seconds(performance.now() - started)} in all`);
    console.log(`runtimes: ${passed} passed, ${runtimes.length - passed} failed`);
  } catch (error) {
    failed++;
    console.log(`  FAIL   ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    cleanUp();
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
