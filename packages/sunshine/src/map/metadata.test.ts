import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMetadata } from './metadata.js';

describe('toMetadata (fast-check)', () => {
  it('toMetadata keeps only flat finite values', () =>
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (wire) => {
        for (const value of Object.values(toMetadata(wire)))
          expect(typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)).toBe(
            true,
          );
      }),
    ));
});
