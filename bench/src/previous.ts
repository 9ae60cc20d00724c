// Parley as it was at a git revision (BENCH_PREVIOUS), bundled next to the working tree's: per call
// both run in one process, so "slower than before?" is a ratio measured under the same load (the
// machine is shared; numbers from two runs differ by up to 30 %); cold start runs its bundles too.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { common, kyMarker, parleyOptions } from './bundle.js';

const packages = ['core', 'ultracart', 'sunshine'] as const;

/**
 * `parleyClient` of src/parley-client.ts, written into the revision's tree. The request budget is
 * raised as there when the revision has one (`withBudget`); revisions before it refuse the key
 * (strict config) and have none to spend.
 */
const previousClient = (withBudget: boolean) => `import { createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

export function parleyClient(info, provider, fetch) {
  return createConversations({
    adapters: [ultracart, sunshine],
    config: {
      provider,
      ultracart: {
        apiKey: info.ultracart.apiKey,
        baseUrl: info.ultracart.baseUrl,
        ${withBudget ? 'budget: { perHour: 1_000_000_000, perDay: 1_000_000_000 },' : ''}
      },
      sunshine: { ...info.sunshine },
    },
    ...(fetch === undefined ? {} : { fetch }),
  });
}
`;

/** The full commit hash of `rev` (a branch, `HEAD`, a hash). */
export function resolveRevision(repoDir: string, rev: string): string {
  return execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], {
    cwd: repoDir,
    encoding: 'utf8',
  }).trim();
}

/**
 * Maps `@parley/*` imported inside the revision's tree to that tree's sources, and its third-party
 * imports (ky, valibot, tsyringe…) to the copies the working tree's packages have installed: only
 * Parley's own code differs between the two contenders.
 */
function previousTree(root: string, repoDir: string): Plugin {
  const inTree = (file: string) => file.startsWith(`${root}/`);
  type Exports = Record<string, string | { default?: string }>;
  // Each package's `exports` at the revision, read once.
  const exportsOf = new Map<string, Exports>();
  const exportMap = (dir: string): Exports => {
    let map = exportsOf.get(dir);
    if (map === undefined) {
      map = (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { exports?: Exports }).exports ?? {};
      exportsOf.set(dir, map);
    }
    return map;
  };
  return {
    name: 'previous-parley',
    setup(b) {
      // Subpaths too (`@parley/core/provider`): the adapters import core's toolkit through them.
      b.onResolve({ filter: /^@parley\/(core|ultracart|sunshine)(\/|$)/ }, (args) => {
        if (!inTree(args.importer)) return undefined;
        const [, name = '', subpath = ''] = /^@parley\/([^/]+)(.*)$/.exec(args.path) ?? [];
        const dir = `${root}/packages/${name}`;
        const target = exportMap(dir)[`.${subpath}`];
        const file = typeof target === 'string' ? target : target?.default;
        if (file === undefined) return { errors: [{ text: `${args.path} is not exported at the revision` }] };
        return { path: `${dir}/${file.replace(/^\.\//, '')}` };
      });
      b.onResolve({ filter: /^[^./#]/ }, async (args) => {
        const builtin = args.path.startsWith('node:');
        if (builtin || !inTree(args.importer) || args.pluginData === 'previous') return undefined;
        const pkg = /\/packages\/([^/]+)\//.exec(args.importer)?.[1] ?? 'core';
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: `${repoDir}/packages/${pkg}`,
          pluginData: 'previous',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.path, external: found.external, namespace: found.namespace };
      });
    },
  };
}

/** The entries of the cold-start runs that are also bundled at the previous revision. */
export const previousColdEntries = ['cold-parley-ultracart', 'cold-parley-sunshine'] as const;

/**
 * Extracts the sources of core and both adapters at `commit` (`git archive`: read-only, no
 * checkout) into `dist/previous/`, and bundles against them: a `parleyClient` like
 * src/parley-client.ts's to `dist/previous/parley-client.mjs` (per-call.mjs imports it when
 * BENCH_PREVIOUS is set; returned), and the cold-start entries to `dist/previous/bundles/` and,
 * ky's modules marked, `dist/previous/probe-bundles/`.
 */
export async function bundlePrevious(benchDir: string, repoDir: string, commit: string): Promise<string> {
  const root = `${benchDir}dist/previous/${commit.slice(0, 12)}`;
  rmSync(`${benchDir}dist/previous`, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const paths = packages.flatMap((name) => [`packages/${name}/src`, `packages/${name}/package.json`]);
  const archive = execFileSync('git', ['archive', '--format=tar', commit, ...paths], {
    cwd: repoDir,
    maxBuffer: 256 * 2 ** 20,
  });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  const plugin = previousTree(root, repoDir.replace(/\/$/, ''));
  // The entries are written into the tree, so their `@parley/*` imports are the revision's.
  const entry = `${root}/parley-client.js`;
  const configFile = `${root}/packages/ultracart/src/config.ts`;
  const ultracartConfig = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  writeFileSync(entry, previousClient(/\bbudget\b/.test(ultracartConfig)));
  const out = `${benchDir}dist/previous/parley-client.mjs`;
  await build({ ...common, entryPoints: [entry], outfile: out, outExtension: {}, plugins: [plugin] });
  // A sanity check that the right tree was bundled: the revision's Parley, and none of the working
  // tree's (esbuild names each module's path in a comment of the unminified bundle).
  const bundled = readFileSync(out, 'utf8');
  if (!bundled.includes(`previous/${commit.slice(0, 12)}/packages/core/src`))
    throw new Error('the previous bundle does not contain the revision’s @parley/core');
  if (/^\/\/ \.\.\/packages\//m.test(bundled))
    throw new Error('the previous bundle contains Parley sources of the working tree');
  mkdirSync(`${root}/entries`);
  for (const name of previousColdEntries)
    copyFileSync(`${benchDir}src/entries/${name}.ts`, `${root}/entries/${name}.ts`);
  const coldEntryPoints = previousColdEntries.map((name) => ({
    in: `${root}/entries/${name}.ts`,
    out: name,
  }));
  await build({
    ...parleyOptions,
    entryPoints: coldEntryPoints,
    outdir: `${benchDir}dist/previous/bundles`,
    minify: true,
    plugins: [plugin],
  });
  await build({
    ...parleyOptions,
    entryPoints: coldEntryPoints,
    outdir: `${benchDir}dist/previous/probe-bundles`,
    minify: true,
    plugins: [plugin, kyMarker],
  });
  return out;
}
