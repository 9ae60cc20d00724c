// `pnpm bench`: bundles the benchmarks, runs the five of them in fresh `node` processes on built JS,
// and writes bench/results/latest.json and the results table in bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundleBenchEntries, bundleColdTools, bundleSizeEntries } from './bundle.js';
import { measureColdStart } from './cold-start.js';
import { installPacked } from './installed.js';
import type { ListingResult } from './listing.js';
import type { PerCallResult } from './per-call.js';
import type { PollerCostResult } from './poller-cost.js';
import { bundlePrevious, resolveRevision } from './previous.js';
import type { PushLatencyResult } from './push-latency.js';
import { type BenchReport, renderReadme } from './report.js';
import { measureSizes } from './size.js';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${benchDir}dist`;
const results = `${benchDir}results`;
mkdirSync(results, { recursive: true });

function runNode(args: string[], env: Record<string, string> = {}): unknown {
  const out = `${results}/${args[args.length - 1]?.replace(/\W/g, '-')}.tmp`;
  const child = spawnSync(process.execPath, [...args, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}`);
  const data = JSON.parse(readFileSync(out, 'utf8')) as unknown;
  rmSync(out);
  return data;
}

const started = Date.now();
console.log('bundling…');
await bundleBenchEntries(benchDir);
await bundleSizeEntries(benchDir);
await bundleColdTools(benchDir);
// BENCH_PREVIOUS=<git revision> adds Parley at that revision to the per-call runs, same process.
const previousRev = process.env.BENCH_PREVIOUS;
const previous =
  previousRev === undefined || previousRev === '' ? undefined : resolveRevision(repoDir, previousRev);
const previousEnv: Record<string, string> =
  previous === undefined
    ? {}
    : {
        BENCH_PREVIOUS_BUNDLE: await bundlePrevious(benchDir, repoDir, previous),
        BENCH_PREVIOUS_LABEL: previous.slice(0, 7),
      };
console.log('1/5 per-call cost…');
const perCall = runNode([`${dist}/per-call.mjs`], previousEnv) as PerCallResult[];
console.log('2/5 full listing…');
const listing = runNode(['--expose-gc', `${dist}/listing.mjs`]) as {
  results: ListingResult[];
  sunshineLargestUser: number;
};
console.log('3/5 size…');
const size = measureSizes(dist);
console.log('4/5 cold start…');
installPacked(repoDir, benchDir);
const coldStart = await measureColdStart(
  dist,
  Number(process.env.BENCH_COLD_RUNS ?? 25),
  previous?.slice(0, 7),
);
console.log('5/5 live events (poller cost in emulated time, push latency)…');
const poller = runNode([`${dist}/poller-cost.mjs`]) as PollerCostResult;
const push = runNode([`${dist}/push-latency.mjs`]) as PushLatencyResult;

const cpu = cpus()[0]?.model ?? 'unknown';
const report: BenchReport = {
  date: new Date().toISOString(),
  machine: {
    cpu,
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  durationS: Math.round((Date.now() - started) / 1000),
  ...(previous === undefined ? {} : { previous }),
  perCall,
  listing: listing.results,
  sunshineLargestUser: listing.sunshineLargestUser,
  size,
  coldStart,
  poller,
  push,
};
writeFileSync(`${results}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
const readme = `${benchDir}README.md`;
writeFileSync(readme, renderReadme(readFileSync(readme, 'utf8'), report));
console.log(`done in ${report.durationS} s: bench/results/latest.json, bench/README.md`);
