#!/usr/bin/env bash
# Package quality gates: build, pack every public package as pnpm publishes it (publishConfig
# applied), then lint the packed package.json and files with publint and the types with
# @arethetypeswrong/cli (esm-only profile).
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM="npx -y pnpm@10.34.9"
bin="$PWD/node_modules/.bin"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

$PNPM build >/dev/null
for dir in packages/*/; do
  name="$(node -p "require('./${dir}package.json').name")"
  (cd "$dir" && $PNPM pack --pack-destination "$out" >/dev/null)
  tarball="$(ls -t "$out"/*.tgz | head -1)"
  mkdir -p "$out/${name//\//_}" && tar xzf "$tarball" -C "$out/${name//\//_}"
  echo "▶ $name"
  "$bin/publint" "$out/${name//\//_}/package" --strict --pack false
  "$bin/attw" "$tarball" --profile esm-only --format table-flipped
  rm "$tarball"
done
