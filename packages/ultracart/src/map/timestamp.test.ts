import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dtsArbitrary } from '../__fixtures__/arbitraries.js';
import { parseIsoTimestamp } from '../wire/iso-timestamp.js';
import { toIsoUtc } from './timestamp.js';

describe('toIsoUtc', () => {
  it('converts offsets to UTC with milliseconds', () => {
    expect(toIsoUtc('2025-10-07T14:50:23-04:00')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23+05:30')).toBe('2025-10-07T09:20:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23-0400')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23+02')).toBe('2025-10-07T12:50:23.000Z');
    expect(toIsoUtc('2025-10-07T18:50:23Z')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T18:50:23.1234567Z')).toBe('2025-10-07T18:50:23.123Z');
    expect(toIsoUtc('2025-10-07 18:50:23,5+00:00')).toBe('2025-10-07T18:50:23.500Z');
    expect(toIsoUtc('2025-12-31T23:30:00-01:00')).toBe('2026-01-01T00:30:00.000Z');
  });

  it('reads a value without an offset as UTC, and a date alone as midnight UTC', () => {
    expect(toIsoUtc('2025-10-07T18:50:23')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07')).toBe('2025-10-07T00:00:00.000Z');
  });

  it('gives undefined for absent and unreadable values', () => {
    expect(toIsoUtc(undefined)).toBeUndefined();
    expect(toIsoUtc(null)).toBeUndefined();
    expect(toIsoUtc('yesterday')).toBeUndefined();
    expect(toIsoUtc('2025-02-30T00:00:00Z')).toBeUndefined();
    expect(toIsoUtc('2025-13-01T00:00:00Z')).toBeUndefined();
    expect(parseIsoTimestamp('1759863023000')).toBeUndefined();
  });
});

describe('toIsoUtc (fast-check)', () => {
  const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  it('toIsoUtc gives ISO-8601 UTC with milliseconds or undefined, never throws', () =>
    fc.assert(
      fc.property(fc.oneof(dtsArbitrary, fc.string()), (text) => {
        const iso = toIsoUtc(text);
        if (iso !== undefined) expect(iso).toMatch(isoUtc);
        expect(iso === undefined).toBe(parseIsoTimestamp(text) === undefined);
      }),
    ));

  it('toIsoUtc reads back what toISOString wrote', () =>
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
        (date) => {
          fc.pre(!Number.isNaN(date.getTime()));
          expect(toIsoUtc(date.toISOString())).toBe(date.toISOString());
        },
      ),
    ));
});

// Cases the properties found, kept as plain examples.
describe('UltraCart timestamps at the edges', () => {
  it('reads years 0000–0099 as written, not as 1900–1999', () => {
    expect(toIsoUtc('0099-12-31T23:59:59Z')).toBe('0099-12-31T23:59:59.000Z');
    expect(toIsoUtc('0000-02-29T00:00:00Z')).toBe('0000-02-29T00:00:00.000Z');
    expect(toIsoUtc('0001-02-29T00:00:00Z')).toBeUndefined();
  });

  it('refuses an instant that an offset pushes out of the years 0000–9999', () => {
    expect(toIsoUtc('9999-12-31T23:59:00-04:00')).toBeUndefined();
    expect(toIsoUtc('0000-01-01T00:00:00+01:00')).toBeUndefined();
    expect(toIsoUtc('9999-12-31T23:59:00Z')).toBe('9999-12-31T23:59:00.000Z');
  });
});
