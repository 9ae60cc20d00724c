import { describe, expect, it } from 'vitest';
import { runtimeImports } from './runtime-imports.js';

describe('runtimeImports', () => {
  it('names static imports, re-exports and import(), not type imports or comments', () => {
    const source = [
      "import type { A } from './a.js';",
      "import { b } from './b.js';",
      "export { c } from './c.js';",
      "export type { D } from './d.js';",
      "const e = await import('./e.js');",
      '// import() in a comment',
      ' * import { f } in a doc comment',
    ].join('\n');
    expect(runtimeImports(source)).toEqual([
      "import { b } from './b.js';",
      "export { c } from './c.js';",
      "const e = await import('./e.js');",
    ]);
  });
});
