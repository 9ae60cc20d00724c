#!/usr/bin/env node
// `prepack` of every published package: `pnpm pack` and `pnpm publish` (so `changeset publish`)
// run it in the package's folder. It makes `dist` exactly what the tarball should hold, from src:
// - without source maps: the tarball ships no src/ for them to point at;
// - without files left over from sources that were deleted or renamed since the last build;
// - on a fresh clone, and after `rm -rf packages/*/dist` (tsc -b trusts its .tsbuildinfo and would
//   not rebuild a project whose outputs are gone).
// Files are moved into dist one by one (rename is atomic), so packages packed in parallel, which
// read each other's declarations, never see a half-written file.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const packageDir = process.cwd();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** @param {string} projectDir */
function readTsconfig(projectDir) {
  return JSON.parse(readFileSync(join(projectDir, 'tsconfig.json'), 'utf8'));
}

/** The folders of the projects `projectDir` references, transitively (dependencies first). */
function referencedProjects(projectDir, seen = new Set()) {
  for (const reference of readTsconfig(projectDir).references ?? []) {
    const dir = resolve(projectDir, reference.path);
    if (seen.has(dir)) continue;
    referencedProjects(dir, seen);
    seen.add(dir);
  }
  return seen;
}

/** @param {string} dir @returns {string[]} paths relative to `dir` */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Removes the empty folders under `dir` (not `dir` itself). */
function removeEmptyDirs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    removeEmptyDirs(path);
    if (readdirSync(path).length === 0) rmdirSync(path);
  }
}

const own = readTsconfig(packageDir);
const outDir = resolve(packageDir, own.compilerOptions?.outDir ?? 'dist');
const rootDir = resolve(packageDir, own.compilerOptions?.rootDir ?? 'src');

// 1. The referenced packages' declarations, which this build reads.
const references = [...referencedProjects(packageDir)];
for (const dir of references) {
  const options = readTsconfig(dir).compilerOptions ?? {};
  const buildInfo = resolve(dir, options.tsBuildInfoFile ?? 'tsconfig.tsbuildinfo');
  if (!existsSync(resolve(dir, options.outDir ?? 'dist'))) rmSync(buildInfo, { force: true });
}
if (references.length > 0) execFileSync(process.execPath, [tsc, '-b', ...references], { stdio: 'inherit' });

// 2. This package, from scratch, into a staging folder beside it.
// One folder per process: two packs of one package at once do not share it.
const staging = join(packageDir, 'node_modules', '.cache', `parley-pack-build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const buildConfig = join(staging, 'tsconfig.json');
writeFileSync(
  buildConfig,
  JSON.stringify({
    extends: join(packageDir, 'tsconfig.json'),
    compilerOptions: {
      rootDir,
      outDir: join(staging, 'dist'),
      composite: false,
      incremental: false,
      declaration: true,
      sourceMap: false,
      declarationMap: false,
    },
    include: [rootDir],
    exclude: [join(rootDir, '**/*.test.ts'), join(rootDir, '**/__fixtures__')],
    references: (own.references ?? []).map((reference) => ({ path: resolve(packageDir, reference.path) })),
  }),
);
execFileSync(process.execPath, [tsc, '-p', buildConfig], { stdio: 'inherit' });

// 3. Into dist: the new files replace the old ones; whatever the build did not write goes.
const built = listFiles(join(staging, 'dist'));
const keep = new Set(built);
for (const file of built) {
  mkdirSync(dirname(join(outDir, file)), { recursive: true });
  renameSync(join(staging, 'dist', file), join(outDir, file));
}
for (const file of listFiles(outDir)) if (!keep.has(file)) rmSync(join(outDir, file));
removeEmptyDirs(outDir);
rmSync(staging, { recursive: true, force: true });
console.log(
  `pack-build: ${relative(process.cwd(), outDir) || '.'} holds ${built.length} files, no source maps`,
);
