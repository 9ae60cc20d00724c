import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Asserts the module at `file` has no runtime import (static, re-export or `import()`): a module
 * loaded on first use must share no code with what loads at import, or esbuild splits that code
 * into a second chunk loaded at import.
 */
export function expectSelfContained(file: URL): void {
  const source = readFileSync(file, 'utf8');
  expect(source).not.toMatch(/^import (?!type )/m);
  expect(source).not.toMatch(/^export .* from /m);
  expect(source).not.toMatch(/\bimport\(/);
}
