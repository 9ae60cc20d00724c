import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ColdSample, KyProbe } from './cold-protocol.js';
import { median, round } from './stats.js';

/** Cold-start numbers of one variant (medians over fresh processes). */
export interface ColdStartResult {
  variant: string;
  runs: number;
  /** From just before `import()` of the entry to the client built, inside the fresh process. */
  importAndBuildMs: number;
  /** Spawn to exit of the whole `node` process (Node's own start-up included). */
  processMs: number;
  /** Whether ky was loaded after the build and after one request (Parley variants only). */
  ky?: KyProbe;
}

interface Variant {
  variant: string;
  /** The file the loader imports (or `official-node-modules`), relative to `dist/`. */
  entry: string;
  /** The same client with ky's modules marked (bundles), for the ky probe; none for the official client. */
  probe?: string;
  /** Parley from the packed packages in dist/installed/node_modules: the probe records every module. */
  installed?: boolean;
}

const baseVariants: Variant[] = [
  {
    variant: '@parley/core + @parley/ultracart (bundle)',
    entry: 'bundles/cold-parley-ultracart.mjs',
    probe: 'probe-bundles/cold-parley-ultracart.mjs',
  },
  {
    variant: '@parley/core + @parley/sunshine (bundle)',
    entry: 'bundles/cold-parley-sunshine.mjs',
    probe: 'probe-bundles/cold-parley-sunshine.mjs',
  },
  {
    variant: '@parley/core + @parley/ultracart, `fetch` passed (bundle)',
    entry: 'bundles/cold-parley-ultracart-fetch.mjs',
    probe: 'probe-bundles/cold-parley-ultracart-fetch.mjs',
  },
  // The same apps code-split: ky's chunk stays on disk unless `fetch` is passed.
  ...(['ultracart', 'sunshine'] as const).map((adapter) => ({
    variant: `@parley/core + @parley/${adapter} (split bundle)`,
    entry: `split/cold-parley-${adapter}/cold-parley-${adapter}.mjs`,
    probe: `probe-split/cold-parley-${adapter}/cold-parley-${adapter}.mjs`,
  })),
  { variant: 'sunshine-conversations-client (bundle)', entry: 'bundles/cold-official.mjs' },
  {
    variant: '@parley/core + @parley/ultracart (node_modules)',
    entry: 'installed/cold-parley-ultracart.mjs',
    probe: 'installed/cold-parley-ultracart.mjs',
    installed: true,
  },
  {
    variant: '@parley/core + @parley/sunshine (node_modules)',
    entry: 'installed/cold-parley-sunshine.mjs',
    probe: 'installed/cold-parley-sunshine.mjs',
    installed: true,
  },
  {
    variant: '@parley/core + @parley/ultracart, `fetch` passed (node_modules)',
    entry: 'installed/cold-parley-ultracart-fetch.mjs',
    probe: 'installed/cold-parley-ultracart-fetch.mjs',
    installed: true,
  },
  { variant: 'sunshine-conversations-client (node_modules)', entry: 'official-node-modules' },
];

/** The cold-start bundles of Parley at the previous revision (BENCH_PREVIOUS), for comparison. */
function previousVariants(label: string): Variant[] {
  return (['ultracart', 'sunshine'] as const).map((adapter) => ({
    variant: `@parley/core + @parley/${adapter} @ ${label} (bundle)`,
    entry: `previous/bundles/cold-parley-${adapter}.mjs`,
    probe: `previous/probe-bundles/cold-parley-${adapter}.mjs`,
  }));
}

function loaderArgs(distDir: string, variant: Variant, file: string, mode: 'time' | 'probe'): string[] {
  const target = file === 'official-node-modules' ? file : `${distDir}/${file}`;
  return [
    `${distDir}/cold-loader.mjs`,
    target,
    mode,
    ...(mode === 'probe' && variant.installed === true ? [`${distDir}/cold-hooks.mjs`] : []),
  ];
}

/** Runs one probe process against a stub server that answers every request with a JSON 404. */
async function probe(distDir: string, variant: Variant, file: string): Promise<KyProbe> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"cold probe"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const child = spawn(process.execPath, loaderArgs(distDir, variant, file, 'probe'), {
      env: { ...process.env, BENCH_BASE_URL: `http://127.0.0.1:${port}/api` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`ky probe of ${variant.variant} failed: ${err}`);
    const result = (JSON.parse(out) as ColdSample).probe;
    // The probe only means something if the client's request really went out.
    if (result === undefined || requests === 0)
      throw new Error(`ky probe of ${variant.variant} sent no request (${out})`);
    return result;
  } finally {
    server.close();
  }
}

/**
 * Runs every variant `runs` times in fresh `node` processes, interleaved (built JS, no tsx), then
 * probes once per Parley variant whether ky was loaded after the build and after one request. With
 * `previousLabel`, the bundles of the previous revision (src/previous.ts) run too.
 */
export async function measureColdStart(
  distDir: string,
  runs = 25,
  previousLabel?: string,
): Promise<ColdStartResult[]> {
  const variants = [...baseVariants, ...(previousLabel === undefined ? [] : previousVariants(previousLabel))];
  const samples = variants.map(() => ({ inner: [] as number[], process: [] as number[] }));
  for (let run = 0; run < runs + 2; run++) {
    for (const [i, variant] of variants.entries()) {
      const started = performance.now();
      const child = spawnSync(process.execPath, loaderArgs(distDir, variant, variant.entry, 'time'), {
        encoding: 'utf8',
      });
      const elapsed = performance.now() - started;
      if (child.status !== 0) throw new Error(`${variant.variant} failed: ${child.stderr}`);
      // The first two rounds warm the file cache and are not counted.
      if (run < 2) continue;
      const { importAndBuildMs } = JSON.parse(child.stdout) as ColdSample;
      samples[i]?.inner.push(importAndBuildMs);
      samples[i]?.process.push(elapsed);
    }
  }
  const results: ColdStartResult[] = [];
  for (const [i, variant] of variants.entries()) {
    results.push({
      variant: variant.variant,
      runs,
      importAndBuildMs: round(median(samples[i]?.inner ?? []), 2),
      processMs: round(median(samples[i]?.process ?? []), 1),
      ...(variant.probe === undefined ? {} : { ky: await probe(distDir, variant, variant.probe) }),
    });
  }
  return results;
}
