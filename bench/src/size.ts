import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Size of one bundle. */
export interface SizeResult {
  bundle: string;
  minifiedBytes: number;
  gzipBytes: number;
}

const bundles = [
  { bundle: '@parley/core + @parley/ultracart', file: 'size-core-ultracart.mjs' },
  { bundle: '@parley/core + @parley/sunshine', file: 'size-core-sunshine.mjs' },
  { bundle: 'sunshine-conversations-client', file: 'size-official.mjs' },
];

/** Minified and gzipped (level 9, as size-limit counts) sizes of the bundles in `dist/bundles`. */
export function measureSizes(distDir: string): SizeResult[] {
  return bundles.map(({ bundle, file }) => {
    const bytes = readFileSync(`${distDir}/bundles/${file}`);
    return { bundle, minifiedBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}
