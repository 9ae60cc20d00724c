import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from './iso-utc.js';

const MIN = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

describe('isoUtc', () => {
  it('writes what toISOString writes for every instant in 0000–9999', () =>
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    ));

  it('agrees on the edges: year limits, leap days, century years, the epoch', () => {
    const edges = [
      MIN,
      MAX,
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29),
      Date.UTC(1900, 2, 1) - 1,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      -62_162_121_600_000, // 0000-02-29
      1_759_863_023_000,
    ];
    for (const ms of edges) expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves instants outside 0000–9999 and fractions to toISOString', () => {
    expect(isoUtc(MAX + 1)).toBe(new Date(MAX + 1).toISOString());
    expect(isoUtc(MIN - 1)).toBe(new Date(MIN - 1).toISOString());
    expect(isoUtc(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => isoUtc(Number.NaN)).toThrow(RangeError);
  });
});
