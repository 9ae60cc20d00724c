import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { median, round } from './stats.js';

/** Cold-start numbers of one variant (medians over fresh processes). */
export interface ColdStartResult {
  variant: string;
  runs: number;
  /** From just before `import()` of the bundle to the client built, inside the fresh process. */
  importAndBuildMs: number;
  /** Spawn to exit of the whole `node` process (Node's own start-up included). */
  processMs: number;
}

const variants: { variant: string; target: string }[] = [
  { variant: '@parley/core + @parley/ultracart (bundle)', target: './bundles/cold-parley-ultracart.mjs' },
  { variant: '@parley/core + @parley/sunshine (bundle)', target: './bundles/cold-parley-sunshine.mjs' },
  { variant: 'sunshine-conversations-client (bundle)', target: './bundles/cold-official.mjs' },
  { variant: 'sunshine-conversations-client (node_modules)', target: 'official-node-modules' },
];

/** A loader that times the import of `target` and prints it: the only code outside the bundle. */
function loader(target: string): string {
  const load =
    target === 'official-node-modules'
      ? `const { createRequire } = await import('node:module');
const sc = createRequire(import.meta.url)('sunshine-conversations-client');
const api = new sc.ApiClient();
api.basePath = 'https://acme.zendesk.com/sc';
api.authentications.basicAuth.username = 'app_key';
api.authentications.basicAuth.password = 'cold-start-secret';
new sc.ConversationsApi(api);`
      : `await import(${JSON.stringify(target)});`;
  return `const started = performance.now();
${load}
const done = performance.now();
process.stdout.write(JSON.stringify({ importAndBuildMs: done - started }));
`;
}

/**
 * Runs every variant `runs` times in fresh `node` processes, interleaved, from the bundles in
 * `dist/bundles` (built JS, no tsx).
 */
export function measureColdStart(distDir: string, runs = 25): ColdStartResult[] {
  const files = variants.map(({ target }, i) => {
    const file = `${distDir}/cold-loader-${i}.mjs`;
    writeFileSync(file, loader(target));
    return file;
  });
  const samples = variants.map(() => ({ inner: [] as number[], process: [] as number[] }));
  for (let run = 0; run < runs + 2; run++) {
    for (const [i, file] of files.entries()) {
      const started = performance.now();
      const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
      const elapsed = performance.now() - started;
      if (child.status !== 0) throw new Error(`${file} failed: ${child.stderr}`);
      // The first two rounds warm the file cache and are not counted.
      if (run < 2) continue;
      const { importAndBuildMs } = JSON.parse(child.stdout) as { importAndBuildMs: number };
      samples[i]?.inner.push(importAndBuildMs);
      samples[i]?.process.push(elapsed);
    }
  }
  return variants.map(({ variant }, i) => ({
    variant,
    runs,
    importAndBuildMs: round(median(samples[i]?.inner ?? []), 2),
    processMs: round(median(samples[i]?.process ?? []), 1),
  }));
}
