import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIso } from './map.js';

const two = (n: number) => String(n).padStart(2, '0');

describe('toIso fast path', () => {
  it('gives what new Date(value).toISOString() gives, canonical or not', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom('.000Z', '.999Z', 'Z', '.5Z', '+01:00', '.123+00:00'),
        (year, month, day, hour, tail) => {
          const value = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:59:59${tail}`;
          expect(toIso(value)).toBe(new Date(value).toISOString());
        },
      ),
      { numRuns: 5000 },
    ));

  it('rolls a day past its month over as Date does', () => {
    expect(toIso('2025-02-30T00:00:00.000Z')).toBe('2025-03-02T00:00:00.000Z');
    expect(toIso('2024-02-29T12:00:00.000Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(toIso('2100-02-29T00:00:00.000Z')).toBe('2100-03-01T00:00:00.000Z');
  });
});
