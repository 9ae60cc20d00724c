import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { childEnv, runToEnd, tail } from './child-process.js';

/** The packages a user installs, as `pnpm pack` publishes them (publishConfig applied). */
const packedPackages = ['core', 'ultracart', 'sunshine'] as const;

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

// pnpm's own CLI when the runner was started by it (`pnpm test:runtimes`), else the pinned one.
function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(basename(execPath)) && /\.c?js$/.test(execPath)) {
    return { command: process.execPath, args: [execPath] };
  }
  return { command: 'npx', args: ['-y', 'pnpm@10.34.9'] };
}

async function mustRun(what: string, command: string, args: readonly string[], cwd: string): Promise<void> {
  const result = await runToEnd(command, args, { cwd, env: childEnv(), timeoutMs: 120_000 });
  if (result.code !== 0) {
    const output = tail(`${result.stdout}\n${result.stderr}`, 25);
    throw new Error(`${what} failed (exit ${String(result.code ?? result.signal)}):\n${output}`);
  }
}

/**
 * Builds the workspace: `tsc -b` of this package, whose references are the packed packages and the
 * emulator, so the runner is type-checked too. Returns the compiler's errors, or undefined.
 */
export async function buildWorkspace(repoRoot: string): Promise<string | undefined> {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await runToEnd(process.execPath, [tsc, '-b', 'tests/runtimes'], {
    cwd: repoRoot,
    env: childEnv(),
    timeoutMs: 150_000,
  });
  return result.code === 0 ? undefined : tail(`${result.stdout}\n${result.stderr}`, 20);
}

/** Packs each package into `outDir` with `pnpm pack`; returns the tarballs' paths. */
export async function packWorkspacePackages(repoRoot: string, outDir: string): Promise<string[]> {
  const pnpm = pnpmCommand();
  return Promise.all(
    packedPackages.map(async (name) => {
      const dir = join(repoRoot, 'packages', name);
      // One destination per package: parallel packs then cannot pick up each other's tarball.
      const destination = join(outDir, name);
      mkdirSync(destination, { recursive: true });
      await mustRun(
        `pnpm pack of packages/${name}`,
        pnpm.command,
        [...pnpm.args, 'pack', '--pack-destination', destination],
        dir,
      );
      const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
      if (tarball === undefined) throw new Error(`pnpm pack of packages/${name} wrote no tarball`);
      return join(destination, tarball);
    }),
  );
}

// The node_modules folder that holds `packageDir` (pnpm keeps a package's dependencies beside it).
function enclosingNodeModules(packageDir: string, name: string): string {
  return name.startsWith('@') ? dirname(dirname(packageDir)) : dirname(packageDir);
}

function requiredDependencies(pkg: PackageJson): string[] {
  const peers = Object.keys(pkg.peerDependencies ?? {}).filter(
    (peer) => pkg.peerDependenciesMeta?.[peer]?.optional !== true,
  );
  return [...Object.keys(pkg.dependencies ?? {}), ...peers];
}

/**
 * The third-party dependencies of the packed packages (ky, valibot, tsyringe, …), transitively, as
 * the workspace installed them: the same versions the registry serves, without the network.
 */
function workspaceDependencyDirs(repoRoot: string): Map<string, string> {
  const found = new Map<string, string>();
  const queue: { name: string; from: string }[] = [];
  for (const name of packedPackages) {
    const dir = join(repoRoot, 'packages', name);
    for (const dep of requiredDependencies(readPackageJson(dir))) {
      if (!dep.startsWith('@parley/')) queue.push({ name: dep, from: join(dir, 'node_modules') });
    }
  }
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    if (found.has(item.name)) continue;
    let dir: string;
    try {
      dir = realpathSync(join(item.from, item.name));
    } catch {
      throw new Error(`dependency ${item.name} is not installed in the workspace: run pnpm install`);
    }
    found.set(item.name, dir);
    const nodeModules = enclosingNodeModules(dir, item.name);
    for (const dep of requiredDependencies(readPackageJson(dir)))
      queue.push({ name: dep, from: nodeModules });
  }
  return found;
}

/** Packs the workspace's copies of the dependencies into `outDir` (npm pack, scripts off). */
export async function packDependencies(repoRoot: string, outDir: string): Promise<string[]> {
  const staging = join(outDir, 'staging');
  const dirs: string[] = [];
  for (const [name, dir] of workspaceDependencyDirs(repoRoot)) {
    // npm pack refuses a folder inside pnpm's store (it walks the sibling links); a plain copy packs.
    const copy = join(staging, name.replace('/', '__'));
    cpSync(dir, copy, {
      recursive: true,
      dereference: true,
      filter: (source) => basename(source) !== 'node_modules',
    });
    dirs.push(copy);
  }
  if (dirs.length === 0) return [];
  const destination = join(outDir, 'deps');
  mkdirSync(destination, { recursive: true });
  await mustRun(
    'npm pack of the dependencies',
    'npm',
    ['pack', ...dirs, '--ignore-scripts', '--pack-destination', destination, '--loglevel=error'],
    outDir,
  );
  return readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(destination, file));
}

/**
 * Makes a user's project in `projectDir`: npm installs the tarballs offline (its cache is a fresh
 * folder, so nothing can come from elsewhere) and the smoke files are copied beside them.
 */
export async function installScratchProject(
  projectDir: string,
  tarballs: readonly string[],
  smokeDir: string,
  cacheDir: string,
): Promise<void> {
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(
    join(projectDir, 'package.json'),
    `${JSON.stringify({ name: 'parley-runtime-smoke', private: true, type: 'module' }, null, 2)}\n`,
  );
  await mustRun(
    'npm install of the packed packages',
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      '--loglevel=error',
      `--cache=${cacheDir}`,
      ...tarballs,
    ],
    projectDir,
  );
  for (const file of ['smoke.mjs', 'worker.mjs']) cpSync(join(smokeDir, file), join(projectDir, file));
}
