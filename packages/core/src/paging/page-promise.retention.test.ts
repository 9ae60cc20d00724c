import { describe, expect, it } from 'vitest';
import { runProbe } from '../__fixtures__/run-probe.js';

describe('PagePromise iteration: what a finished page leaves behind', () => {
  it('keeps none of a page the caller has finished while the next one is on its way', async () => {
    const result = await runProbe(new URL('./__fixtures__/retention-probe.ts', import.meta.url));
    expect(result).toEqual({ served: 3, tracked: 3, alive: 0, next: { page: 2, index: 0 } });
  });
});
