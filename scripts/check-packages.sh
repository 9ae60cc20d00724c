#!/usr/bin/env bash
# Package quality gates: pack every public package as pnpm publishes it (its prepack builds dist from
# src, publishConfig applied), check what the tarball holds (LICENSE, CHANGELOG.md, README.md, the
# build, no source maps, no tests), then lint the packed package.json and files with publint and the
# types with @arethetypeswrong/cli (esm-only profile).
set -euo pipefail
cd "$(dirname "$0")/.."
# pnpm's own CLI when pnpm runs this script (npx inside a pnpm script warns about pnpm's settings).
if [[ "${npm_execpath:-}" == *pnpm* ]]; then PNPM="node $npm_execpath"; else PNPM="npx -y pnpm@10.34.9"; fi
bin="$PWD/node_modules/.bin"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

fail() {
  echo "✗ $1" >&2
  exit 1
}

for dir in packages/*/; do
  [ "$(node -p "require('./${dir}package.json').private === true")" = true ] && continue
  name="$(node -p "require('./${dir}package.json').name")"
  echo "▶ $name"
  (cd "$dir" && $PNPM pack --pack-destination "$out" >/dev/null)
  tarball="$(ls -t "$out"/*.tgz | head -1)"
  unpacked="$out/${name//\//_}"
  mkdir -p "$unpacked" && tar xzf "$tarball" -C "$unpacked"
  files="$(tar tzf "$tarball" | sed 's#^package/##')"
  for required in package.json README.md LICENSE CHANGELOG.md dist/index.js dist/index.d.ts; do
    grep -qx "$required" <<<"$files" || fail "$name: the tarball has no $required"
  done
  if grep -E '\.map$|\.test\.|__fixtures__|^src/' <<<"$files"; then
    fail "$name: the tarball ships the files above (source maps, tests or sources)"
  fi
  if grep -rl 'sourceMappingURL' "$unpacked/package/dist"; then
    fail "$name: the files above point at source maps that are not shipped"
  fi
  if node -e 'process.exit(JSON.stringify(require(process.argv[1]).devDependencies ?? {}).includes(process.argv[2]) ? 0 : 1)' \
    "$unpacked/package/package.json" "\"$name\""; then
    fail "$name: its published package.json lists itself in devDependencies"
  fi
  "$bin/publint" "$unpacked/package" --strict --pack false
  "$bin/attw" "$tarball" --profile esm-only --format table-flipped
  rm "$tarball"
done
