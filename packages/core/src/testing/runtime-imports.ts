/**
 * The lines of a module's source that import at run time: a static `import` other than
 * `import type`, an `export … from` other than `export type`, or an `import()`. A module loaded on
 * first use (with `import()`) should have none: code it shared with the modules loaded at import
 * would make a code-splitting bundler move that code into one more file every app loads.
 *
 * @example
 * ```ts
 * const source = readFileSync(new URL('./jwt.ts', import.meta.url), 'utf8');
 * expect(runtimeImports(source)).toEqual([]);
 * ```
 */
export function runtimeImports(source: string): string[] {
  return source
    .split('\n')
    .filter(
      (line) =>
        /^import (?!type )|^export (?!type ).* from |\bimport\(/.test(line) && !/^\s*(\/\/|\*)/.test(line),
    );
}
