// The packages as an npm user installs them, for the cold-start runs that load Parley from
// node_modules: built (`tsc -b`), packed (`pnpm pack`, publishConfig applied: exports and
// `#default-sender` point at dist/), unpacked into `dist/installed/node_modules/@parley/*`, with
// their dependencies linked to the workspace's own install (same versions, nothing downloaded).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';

const packed = ['core', 'ultracart', 'sunshine'] as const;

// pnpm's own CLI when `pnpm bench` started us, else the pinned one through npx.
function pnpm(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(basename(execPath)) && /\.c?js$/.test(execPath))
    return { command: process.execPath, args: [execPath] };
  return { command: 'npx', args: ['-y', 'pnpm@10.34.9'] };
}

/**
 * `tsc -b` of core and both adapters (what `pnpm build` does for them): the packs hold dist/. A
 * type error elsewhere in the tree (tsc still emits) is reported, not fatal; `pnpm pack` then
 * packs what was emitted.
 */
function buildPackages(repoDir: string): void {
  const tsc = join(repoDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-b', ...packed.map((name) => `packages/${name}`)], {
    cwd: repoDir,
    encoding: 'utf8',
  });
  if (built.status !== 0) console.warn(`tsc -b reported errors:\n${built.stdout}`);
}

/**
 * Builds, packs and installs core, ultracart and sunshine into `<benchDir>/dist/installed`; returns
 * that folder (entries placed in it import `@parley/*` from its node_modules).
 */
export function installPacked(repoDir: string, benchDir: string): string {
  buildPackages(repoDir);
  const root = join(benchDir, 'dist', 'installed');
  const modules = join(root, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(join(modules, '@parley'), { recursive: true });
  const tool = pnpm();
  const dependencies = new Map<string, string>();
  for (const name of packed) {
    const source = join(repoDir, 'packages', name);
    const packs = join(root, 'packs', name);
    rmSync(packs, { recursive: true, force: true });
    mkdirSync(packs, { recursive: true });
    execFileSync(tool.command, [...tool.args, 'pack', '--pack-destination', packs], {
      cwd: source,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(packs).find((file) => file.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`pnpm pack of packages/${name} wrote no tarball`);
    const target = join(modules, '@parley', name);
    mkdirSync(target);
    execFileSync('tar', ['-xzf', join(packs, tarball), '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      if (!dep.startsWith('@parley/')) dependencies.set(dep, realpathSync(join(source, 'node_modules', dep)));
  }
  // A dependency's own dependencies sit beside it in pnpm's store, where Node finds them once it
  // has followed the link (it resolves from the real path).
  for (const [dep, dir] of dependencies) {
    if (dep.includes('/')) mkdirSync(join(modules, dep.split('/')[0] ?? ''), { recursive: true });
    symlinkSync(dir, join(modules, dep), 'dir');
  }
  return root;
}
