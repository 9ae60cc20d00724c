#!/usr/bin/env node
// `pnpm check:changesets` (CI runs it from .ci/run): fails when a published package's shipped files
// changed since the merge base with main and no changeset added since then names that package.
//
// A file counts as shipped when it is the package's package.json, README.md, LICENSE, a file under
// bin/, or a file under src/ that its build puts in the tarball: src/ minus what package.json
// "files" leaves out of dist (tests, __fixtures__, the emulator's testing/ helpers). Tests, tsconfig,
// typedoc.json and CHANGELOG.md (written by `changeset version`) do not count.
// An empty changeset (`pnpm changeset --empty`) says "no release needed" for every package.
// The base is $CHANGESET_BASE, else main, else origin/main; on main itself there is nothing to check.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

/** @param {string[]} args */
function git(args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** @param {string} ref */
function refExists(ref) {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** `*` within a path segment, `**` across segments; a pattern also matches everything below it. */
function globToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** Whether `file` (relative to the package) ends up in the package's tarball. */
function isShipped(file, manifest) {
  if (['package.json', 'README.md', 'LICENSE'].includes(file) || file.startsWith('bin/')) return true;
  if (!file.startsWith('src/')) return false;
  const excluded = (manifest.files ?? [])
    .filter((entry) => entry.startsWith('!dist/'))
    .map((entry) => globToRegExp(`src/${entry.slice('!dist/'.length)}`));
  // Tests and fixtures never ship, whatever "files" says (the build leaves them out).
  excluded.push(globToRegExp('src/**/*.test.ts'), globToRegExp('src/**/__fixtures__'));
  return !excluded.some((pattern) => pattern.test(file));
}

/** The package names in a changeset's front matter (`"@parley/core": minor`). */
function namedPackages(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  if (match === null) throw new Error('no front matter');
  return [...match[1].matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch|none)\s*$/gm)].map(
    (m) => m[1],
  );
}

const wanted = process.env.CHANGESET_BASE ?? 'main';
const base = [wanted, `origin/${wanted}`].find(refExists);
if (base === undefined) {
  console.log(`changesets: no ${wanted} branch to compare with; nothing to check`);
  process.exit(0);
}
const mergeBase = git(['merge-base', base, 'HEAD']);
// Committed and uncommitted changes since the merge base, and new files not yet added.
const changed = new Set(
  [
    ...git(['diff', '--name-only', '--no-renames', mergeBase]).split('\n'),
    ...git(['ls-files', '--others', '--exclude-standard']).split('\n'),
  ].filter(Boolean),
);

const covered = new Set();
let empty = false;
for (const file of changed) {
  if (!/^\.changeset\/[^/]+\.md$/.test(file) || file === '.changeset/README.md' || !existsSync(file))
    continue;
  let names;
  try {
    names = namedPackages(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`changesets: ${file}: ${error.message}`);
    process.exit(1);
  }
  if (names.length === 0) empty = true;
  for (const name of names) covered.add(name);
}

const published = readdirSync('packages')
  .filter((dir) => existsSync(join('packages', dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join('packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);
const unknown = [...covered].filter((name) => !published.some(({ manifest }) => manifest.name === name));
if (unknown.length > 0) {
  console.error(`changesets: a changeset names ${unknown.join(', ')}, not a published package here`);
  process.exit(1);
}

const missing = [];
for (const { dir, manifest } of published) {
  const prefix = `packages/${dir}/`;
  const shipped = [...changed].filter(
    (file) => file.startsWith(prefix) && isShipped(file.slice(prefix.length), manifest),
  );
  if (shipped.length > 0 && !covered.has(manifest.name) && !empty) missing.push({ manifest, shipped });
}

const since = `since ${base} (merge base ${mergeBase.slice(0, 10)})`;
if (missing.length > 0) {
  console.error(`changesets: published packages changed ${since} without a changeset naming them:`);
  for (const { manifest, shipped } of missing) {
    console.error(`  ${manifest.name}: ${shipped.slice(0, 5).join(', ')}${shipped.length > 5 ? ', …' : ''}`);
  }
  console.error('Run `pnpm changeset` and commit the file it writes (or `pnpm changeset --empty` if no');
  console.error('release is needed). See "Changesets" in the README.');
  process.exit(1);
}
const note = empty ? ' (an empty changeset: no release needed)' : '';
console.log(`changesets: ok ${since}: ${covered.size} package(s) named in new changesets${note}`);
