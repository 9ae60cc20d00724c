#!/usr/bin/env node
// Runs the published build when there is one; in the repository (no dist) it loads the TypeScript
// sources through tsx, a root devDependency.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
const src = new URL('../src/cli.ts', import.meta.url);
let cli;
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(src.href);
} else {
  cli = await import(dist.href);
}
try {
  await cli.main(process.argv.slice(2));
} catch (error) {
  console.error(`parley-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
