import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { isKyUrl } from './cold-protocol.js';

/** Size of one bundle. */
export interface SizeResult {
  bundle: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Minified bytes of ky's code inside the bundle (esbuild inlines the lazy import of it). */
  kyMinifiedBytes: number;
}

const bundles = [
  { bundle: '@parley/core + @parley/ultracart', file: 'size-core-ultracart.mjs' },
  { bundle: '@parley/core + @parley/sunshine', file: 'size-core-sunshine.mjs' },
  { bundle: 'sunshine-conversations-client', file: 'size-official.mjs' },
];

/** Minified and gzipped (level 9, as size-limit counts) sizes of the bundles in `dist/bundles`. */
export function measureSizes(distDir: string): SizeResult[] {
  const meta = JSON.parse(readFileSync(`${distDir}/bundles/meta.json`, 'utf8')) as Metafile;
  return bundles.map(({ bundle, file }) => {
    const bytes = readFileSync(`${distDir}/bundles/${file}`);
    const output = Object.entries(meta.outputs).find(([name]) => name.endsWith(`/${file}`))?.[1];
    let kyMinifiedBytes = 0;
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {}))
      if (isKyUrl(`/${input}`)) kyMinifiedBytes += bytesInOutput;
    return {
      bundle,
      minifiedBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      kyMinifiedBytes,
    };
  });
}
