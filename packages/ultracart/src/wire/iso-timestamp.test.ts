import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoTimestamp, parseIsoGeneral, parseIsoTimestamp } from './iso-timestamp.js';

const two = (n: number) => String(n).padStart(2, '0');

/** Strings in (and just outside) the strict shape the fast path takes: every field at its limits. */
const nearStrict = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 99, 100, 1900, 2000, 2024, 9999)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom('', '.', '.5', '.05', '.123', '.1234', ',5'),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '', '+00:00', '-00:00', '+24:00', '-0400', '+02', '+23:60'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
    ),
    separator: fc.constantFrom('T', 'T', ' '),
  })
  .map(
    (f) =>
      `${String(f.year).padStart(4, '0')}-${two(f.month)}-${two(f.day)}${f.separator}${two(f.hour)}:${two(f.minute)}:${two(f.second)}${f.fraction}${f.zone}`,
  );

describe('parseIsoTimestamp fast path', () => {
  it('reads every string exactly as the general parser does', () =>
    fc.assert(
      fc.property(fc.oneof(nearStrict, fc.string()), (text) => {
        expect(parseIsoTimestamp(text)).toBe(parseIsoGeneral(text));
        expect(isIsoTimestamp(text)).toBe(parseIsoGeneral(text) !== undefined);
      }),
      { numRuns: 20_000 },
    ));

  it('agrees on the edges: month lengths, leap years, offsets past the year range', () => {
    const samples = [
      '2025-10-07T14:50:23-04:00',
      '2025-10-07T14:50:23.5+05:30',
      '2025-02-29T00:00:00Z',
      '2024-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '0000-02-29T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-12-31T23:59:59.999-23:59',
      '9999-12-31T23:59:59Z',
      '9999-12-31T23:59:00-04:00',
      '0000-01-01T00:00:00+01:00',
      '0000-01-01T00:00:00-00:00',
      '0099-12-31T23:59:59Z',
    ];
    for (const text of samples) {
      expect([text, parseIsoTimestamp(text)]).toEqual([text, parseIsoGeneral(text)]);
      expect([text, isIsoTimestamp(text)]).toEqual([text, parseIsoGeneral(text) !== undefined]);
    }
    expect(parseIsoTimestamp('2025-10-07T14:50:23-04:00')).toBe(1759863023000);
    expect(parseIsoTimestamp('2025-04-31T00:00:00Z')).toBeUndefined();
    expect(parseIsoTimestamp('9999-12-31T23:59:00-04:00')).toBeUndefined();
  });
});
