import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('parseRetryAfter (fast-check)', () => {
  it('reads delta-seconds exactly', () =>
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.constantFrom('', ' ', '\t'), (seconds, space) => {
        expect(parseRetryAfter(`${space}${seconds}${space}`, now)).toBe(seconds * 1000);
      }),
    ));

  it('reads an HTTP-date as the wait until it, and a past one as 0', () =>
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (seconds) => {
        const header = new Date(now + seconds * 1000).toUTCString();
        expect(parseRetryAfter(header, now)).toBe(Math.max(0, seconds * 1000));
      }),
    ));

  it('gives undefined or a non-negative number of milliseconds for any header, never throws', () =>
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,400}(\.\d{0,3})?$/)), (header) => {
        const ms = parseRetryAfter(header, now);
        if (ms !== undefined) {
          expect(Number.isNaN(ms)).toBe(false);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
    ));
});

describe('backoffDelay (fast-check)', () => {
  it('stays in [0, min(max, base·2^retry)) for any draw', () =>
    fc.assert(
      fc.property(
        fc.nat({ max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, draw) => {
          const delay = backoffDelay(retry, {}, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(10_000, 500 * 2 ** retry));
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    ));
});
