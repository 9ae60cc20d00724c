import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { KY_MARKER } from './cold-protocol.js';

/** Bench entries bundled to `dist/<name>.mjs` and run with plain `node`. */
export const benchEntries = [
  'emulator-process',
  'per-call',
  'listing',
  'listing-cold',
  'poller-cost',
  'push-latency',
] as const;

/** Bundles measured for size only: `export *` of core + one adapter, and the official client. */
export const sizeEntries = ['size-core-ultracart', 'size-core-sunshine', 'size-official'] as const;
/** Typical apps (import core + one adapter, build a client), measured for cold start and size. */
export const coldEntries = [
  'cold-parley-ultracart',
  'cold-parley-sunshine',
  'cold-parley-ultracart-fetch',
  'cold-official',
] as const;
/** Parley entries also bundled with code splitting (`dist/split/<name>/`). */
export const splitEntries = [
  'cold-parley-ultracart',
  'cold-parley-sunshine',
  'size-core-ultracart',
  'size-core-sunshine',
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

/** Parley's bundles: ESM all through, no `require` banner (it would only add bytes). */
export const parleyOptions = { ...common, banner: {} } as const;
const parley = parleyOptions;

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
 * The output files Node loads when it imports `entry` (its path in `metafile.outputs`): the entry
 * and, transitively, what it imports statically. Chunks reached only through `import()` are not.
 */
export function loadedOutputs(metafile: Metafile, entry: string): string[] {
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return [...loaded];
}

/**
 * Each of {@link splitEntries} on its own with `splitting: true` (minified): what `import()` reaches
 * only (ky behind the fetch sender) becomes chunks of its own. The entry and the chunks it imports
 * statically, what a Node app loads, are also copied to `dist/split/<name>/loaded/` for size-limit.
 */
async function bundleSplit(benchDir: string): Promise<void> {
  rmSync(`${benchDir}/dist/split`, { recursive: true, force: true });
  for (const name of splitEntries) {
    const outdir = `${benchDir}/dist/split/${name}`;
    const { metafile } = await build({
      ...parley,
      entryPoints: [{ in: `${benchDir}/src/entries/${name}.ts`, out: name }],
      outdir,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      minify: true,
      metafile: true,
    });
    await writeFile(`${outdir}/meta.json`, JSON.stringify(metafile));
    const entry = Object.keys(metafile.outputs).find((file) => file.endsWith(`/${name}.mjs`));
    if (entry === undefined) throw new Error(`no output for ${name}`);
    mkdirSync(`${outdir}/loaded`);
    // Metafile paths are relative to the working directory.
    for (const file of loadedOutputs(metafile, entry))
      copyFileSync(resolve(file), `${outdir}/loaded/${basename(file)}`);
  }
}

/**
 * Minified ESM bundles (platform node) of core + each adapter and of the official client, with every
 * runtime dependency inside, for the size budget and the cold-start runs; and the same Parley
 * entries code-split (`dist/split/`).
 */
export async function bundleSizeEntries(benchDir: string): Promise<void> {
  const entries = [...sizeEntries, ...coldEntries];
  const official = (name: string) => name === 'size-official' || name === 'cold-official';
  const metafiles: Metafile[] = [];
  for (const [options, names] of [
    [parley, entries.filter((name) => !official(name))],
    [common, entries.filter(official)],
  ] as const) {
    const { metafile } = await build({
      ...options,
      entryPoints: names.map((name) => ({ in: `${benchDir}/src/entries/${name}.ts`, out: name })),
      outdir: `${benchDir}/dist/bundles`,
      minify: true,
      metafile: true,
    });
    metafiles.push(metafile);
  }
  // Read by size.ts: what each bundle is made of.
  const outputs = Object.assign({}, ...metafiles.map((m) => m.outputs)) as Metafile['outputs'];
  await writeFile(`${benchDir}/dist/bundles/meta.json`, JSON.stringify({ inputs: {}, outputs }));
  await bundleSplit(benchDir);
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
 * imports Node resolves from the packed packages installed there; and the same entries bundled as in
 * `dist/bundles` (and code-split as in `dist/split`) with ky's modules marked
 * (`dist/probe-bundles/`, `dist/probe-split/`), to see whether a bundle runs ky's code.
 */
export async function bundleColdTools(benchDir: string): Promise<void> {
  await build({
    ...parley,
    entryPoints: ['cold-loader', 'cold-hooks'].map((name) => ({
      in: `${benchDir}/src/${name}.ts`,
      out: name,
    })),
    outdir: `${benchDir}/dist`,
  });
  await build({
    ...parley,
    bundle: false,
    entryPoints: parleyColdEntries.map((name) => ({ in: `${benchDir}/src/entries/${name}.ts`, out: name })),
    // Beside the node_modules that installed.ts fills with the packed packages.
    outdir: `${benchDir}/dist/installed`,
  });
  await build({
    ...parley,
    entryPoints: parleyColdEntries.map((name) => ({ in: `${benchDir}/src/entries/${name}.ts`, out: name })),
    outdir: `${benchDir}/dist/probe-bundles`,
    minify: true,
    plugins: [kyMarker],
  });
  for (const name of splitEntries.filter((entry) => entry.startsWith('cold-')))
    await build({
      ...parley,
      entryPoints: [{ in: `${benchDir}/src/entries/${name}.ts`, out: name }],
      outdir: `${benchDir}/dist/probe-split/${name}`,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      minify: true,
      plugins: [kyMarker],
    });
}
