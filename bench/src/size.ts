import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { loadedOutputs } from './bundle.js';
import { isKyUrl } from './cold-protocol.js';

/** Size of one bundle: what a Node app loads when it imports it, and what stays behind `import()`. */
export interface SizeResult {
  bundle: string;
  /** `typical`: import core + one adapter and build a client; `export *`: the whole public surface. */
  app: 'typical' | 'export *' | 'official';
  /** One file (esbuild inlines `import()`), or code-split (`splitting: true`). */
  split: boolean;
  /** Files loaded at import: the entry and the chunks it imports statically. */
  loadedFiles: number;
  minifiedBytes: number;
  /** Sum of each loaded file gzipped (level 9), as size-limit counts. */
  gzipBytes: number;
  /** Chunks only `import()` reaches (split builds): loaded on first use, if ever. */
  lazyMinifiedBytes: number;
  lazyGzipBytes: number;
  /** Minified bytes of ky's code among the loaded files. */
  kyMinifiedBytes: number;
  /** Minified bytes per package among the loaded files, and in the lazy chunks. */
  loadedParts: Record<string, number>;
  lazyParts: Record<string, number>;
}

interface SizeCase {
  bundle: string;
  app: SizeResult['app'];
  /** Entry name (src/entries/<name>.ts). */
  name: string;
  split: boolean;
}

const cases: SizeCase[] = [
  ...(['ultracart', 'sunshine'] as const)
    .flatMap((adapter) => [
      { bundle: `typical app, core + ${adapter}`, app: 'typical' as const, name: `cold-parley-${adapter}` },
      { bundle: `export * of core + ${adapter}`, app: 'export *' as const, name: `size-core-${adapter}` },
    ])
    .flatMap((c) => [
      { ...c, split: false },
      { ...c, split: true },
    ]),
  { bundle: 'sunshine-conversations-client', app: 'official', name: 'size-official', split: false },
];

/** The package an esbuild input path belongs to (pnpm: the last `node_modules/<name>`). */
export function packageOf(input: string): string {
  const modules = input.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = input.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const own = /packages\/([^/]+)\//.exec(input);
  if (own !== null) return `@parley/${own[1]}`;
  return input.includes('bench/src/') || input.startsWith('src/') ? '(entry)' : '(other)';
}

function addParts(into: Record<string, number>, output: Metafile['outputs'][string] | undefined): void {
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    into[name] = (into[name] ?? 0) + bytesInOutput;
  }
}

function measure(c: SizeCase, metafile: Metafile): SizeResult {
  const outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs'));
  const entry = outputs.find((file) => basename(file) === `${c.name}.mjs`);
  if (entry === undefined) throw new Error(`no output for ${c.name}`);
  const loaded = new Set(c.split ? loadedOutputs(metafile, entry) : [entry]);
  const lazy = c.split ? outputs.filter((file) => !loaded.has(file)) : [];
  const sizes = (files: Iterable<string>) => {
    let minified = 0;
    let gzip = 0;
    for (const file of files) {
      // Metafile paths are relative to the working directory.
      const bytes = readFileSync(resolve(file));
      minified += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { minified, gzip };
  };
  const loadedParts: Record<string, number> = {};
  const lazyParts: Record<string, number> = {};
  for (const file of loaded) addParts(loadedParts, metafile.outputs[file]);
  for (const file of lazy) addParts(lazyParts, metafile.outputs[file]);
  let kyMinifiedBytes = 0;
  for (const file of loaded)
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {}))
      if (isKyUrl(`/${input}`)) kyMinifiedBytes += bytesInOutput;
  const inLoaded = sizes(loaded);
  const inLazy = sizes(lazy);
  return {
    bundle: c.bundle,
    app: c.app,
    split: c.split,
    loadedFiles: loaded.size,
    minifiedBytes: inLoaded.minified,
    gzipBytes: inLoaded.gzip,
    lazyMinifiedBytes: inLazy.minified,
    lazyGzipBytes: inLazy.gzip,
    kyMinifiedBytes,
    loadedParts,
    lazyParts,
  };
}

/**
 * Sizes of the one-file bundles in `dist/bundles` and the code-split ones in `dist/split/<name>`:
 * minified, and gzipped (level 9) file by file as size-limit counts.
 */
export function measureSizes(distDir: string): SizeResult[] {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Metafile;
  const single = read(`${distDir}/bundles/meta.json`);
  return cases.map((c) => measure(c, c.split ? read(`${distDir}/split/${c.name}/meta.json`) : single));
}
