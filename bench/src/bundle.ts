import { readFile, writeFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';
import { KY_MARKER } from './cold-protocol.js';

/** Bench entries bundled to `dist/<name>.mjs` and run with plain `node`. */
export const benchEntries = ['emulator-process', 'per-call', 'listing'] as const;

/** Bundles measured for size (minified, gzipped) and cold start. */
export const sizeEntries = ['size-core-ultracart', 'size-core-sunshine', 'size-official'] as const;
export const coldEntries = [
  'cold-parley-ultracart',
  'cold-parley-sunshine',
  'cold-parley-ultracart-fetch',
  'cold-official',
] as const;

/** esbuild options every bench bundle shares. */
export const common = {
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
  const { metafile } = await build({
    ...common,
    entryPoints: [...sizeEntries, ...coldEntries].map((name) => ({
      in: `${benchDir}/src/entries/${name}.ts`,
      out: name,
    })),
    outdir: `${benchDir}/dist/bundles`,
    minify: true,
    metafile: true,
  });
  // Read by size.ts: how many of each bundle's bytes are ky's.
  await writeFile(`${benchDir}/dist/bundles/meta.json`, JSON.stringify(metafile));
}

/** Prepends to each of ky's modules a line that sets {@link KY_MARKER}: it runs only if ky's code does. */
export const kyMarker: Plugin = {
  name: 'ky-marker',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ky[\\/].*\.js$/ }, async (args) => ({
      contents: `globalThis.${KY_MARKER} = true;\n${await readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

const parleyColdEntries = coldEntries.filter((name) => name !== 'cold-official');

/**
 * What the cold-start runs need besides the bundles: the per-process loader and module hooks
 * (`dist/cold-*.mjs`); the Parley entries compiled alone (`dist/installed/`), whose `@parley/*`
 * imports Node resolves from the packed packages installed there; and the same entries bundled as in `dist/bundles` with
 * ky's modules marked (`dist/probe-bundles/`), to see whether a bundle runs ky's code.
 */
export async function bundleColdTools(benchDir: string): Promise<void> {
  await build({
    ...common,
    banner: {},
    entryPoints: ['cold-loader', 'cold-hooks'].map((name) => ({
      in: `${benchDir}/src/${name}.ts`,
      out: name,
    })),
    outdir: `${benchDir}/dist`,
  });
  await build({
    ...common,
    bundle: false,
    banner: {},
    entryPoints: parleyColdEntries.map((name) => ({ in: `${benchDir}/src/entries/${name}.ts`, out: name })),
    // Beside the node_modules that installed.ts fills with the packed packages.
    outdir: `${benchDir}/dist/installed`,
  });
  await build({
    ...common,
    entryPoints: parleyColdEntries.map((name) => ({ in: `${benchDir}/src/entries/${name}.ts`, out: name })),
    outdir: `${benchDir}/dist/probe-bundles`,
    minify: true,
    plugins: [kyMarker],
  });
}
