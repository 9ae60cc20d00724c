import { build } from 'esbuild';

/** Bench entries bundled to `dist/<name>.mjs` and run with plain `node`. */
export const benchEntries = ['emulator-process', 'per-call', 'listing'] as const;

/** Bundles measured for size (minified, gzipped) and cold start. */
export const sizeEntries = ['size-core-ultracart', 'size-core-sunshine', 'size-official'] as const;
export const coldEntries = ['cold-parley-ultracart', 'cold-parley-sunshine', 'cold-official'] as const;

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
  // The official client is CommonJS and requires Node built-ins: the ESM bundle needs `require`.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
} as const;

/**
 * Bundles the benchmark entries with Parley's sources, so measured code runs as built JS (no tsx).
 * The official client stays external here: it is loaded from node_modules as its users load it.
 */
export async function bundleBenchEntries(benchDir: string): Promise<void> {
  await build({
    ...common,
    entryPoints: benchEntries.map((name) => ({ in: `${benchDir}/src/${name}.ts`, out: name })),
    outdir: `${benchDir}/dist`,
    external: ['sunshine-conversations-client'],
  });
}

/**
 * Minified ESM bundles (platform node) of core + each adapter and of the official client, with every
 * runtime dependency inside, for the size budget and the cold-start runs.
 */
export async function bundleSizeEntries(benchDir: string): Promise<void> {
  await build({
    ...common,
    entryPoints: [...sizeEntries, ...coldEntries].map((name) => ({
      in: `${benchDir}/src/entries/${name}.ts`,
      out: name,
    })),
    outdir: `${benchDir}/dist/bundles`,
    minify: true,
  });
}
