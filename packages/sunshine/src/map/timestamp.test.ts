import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { timestampArbitrary } from '../__fixtures__/arbitraries.js';
import { timestampSchema } from '../wire/common.js';
import { isoTimestamp, sinceIso, toIso } from './timestamp.js';

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

/** `text` when the wire schema takes it as a datetime, else undefined. */
function providerTimestamp(text: string): string | undefined {
  const parsed = v.safeParse(timestampSchema, text);
  return parsed.success ? parsed.output : undefined;
}

describe('toIso (fast-check)', () => {
  const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  it('toIso turns any datetime the wire schema accepts into ISO-8601 UTC with milliseconds', () =>
    fc.assert(
      fc.property(fc.oneof(timestampArbitrary, fc.string()), (text) => {
        const parsed = providerTimestamp(text);
        if (parsed !== undefined) expect(toIso(parsed)).toMatch(isoUtc);
      }),
    ));

  // Found by the properties of the provider, kept as a plain example.
  it('the wire schema refuses a datetime outside the years 0000–9999', () => {
    expect(providerTimestamp('+275760-09-13T00:00:00.000Z')).toBeUndefined();
    expect(providerTimestamp('-000001-12-31T23:59:59.999Z')).toBeUndefined();
    expect(providerTimestamp('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });
});

/** The schema's former check and mapping, by `Date` alone: what the fast path must agree with. */
function byDate(text: string): string | undefined {
  const ms = Date.parse(text);
  return ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999 ? new Date(ms).toISOString() : undefined;
}

/** Strings near a datetime: one character of an ISO-8601 string replaced by any other. */
const nearlyIso = fc
  .tuple(timestampArbitrary, fc.nat(), fc.constantFrom(...'0123456789-:.TZ+ xz/'))
  .map(([text, at, char]) => {
    const i = at % Math.max(1, text.length);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe('isoTimestamp (fast-check)', () => {
  it('takes exactly what Date.parse takes in the years 0000–9999, and maps it as Date does', () =>
    fc.assert(
      fc.property(fc.oneof(timestampArbitrary, nearlyIso, fc.string()), (text) => {
        expect(isoTimestamp(text)).toBe(byDate(text));
      }),
      { numRuns: 5000 },
    ));

  it('compares with sinceIso as the instants compare', () =>
    fc.assert(
      fc.property(
        timestampArbitrary,
        fc.oneof(
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.double({ min: -1e14, max: 3e14, noNaN: true }),
        ),
        (text, since) => {
          const iso = isoTimestamp(text);
          if (iso !== undefined) expect(iso > sinceIso(since)).toBe(Date.parse(iso) > since);
        },
      ),
      { numRuns: 2000 },
    ));
});
