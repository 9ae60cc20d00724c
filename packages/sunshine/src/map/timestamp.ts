import { daysInMonth } from '@parley/core/provider';

// What toISOString writes, with every field in range; only the day can still overflow its month.
const CANONICAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: toISOString writes any instant outside
// them with a signed six-digit year, which is not a neutral timestamp.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/**
 * A Sunshine datetime as an ISO-8601 UTC string with milliseconds, or undefined when it is not
 * one: `Date.parse` refuses it, or it falls outside the years 0000–9999. The wire schema's check
 * and the readers both call it, so a datetime is parsed once, by the same code that maps it.
 *
 * @example
 * ```ts
 * isoTimestamp('2025-02-03T18:33:47+02:00'); // '2025-02-03T16:33:47.000Z'
 * isoTimestamp('10000-01-01'); // undefined
 * ```
 */
export function isoTimestamp(value: string): string | undefined {
  // Sunshine sends toISOString's own form: return it as is rather than build a Date per message.
  // Every such string parses and lies in range; a day past its month's end, which Date rolls
  // over, still goes through Date.
  if (CANONICAL.test(value)) {
    const day = Number(value.slice(8, 10));
    if (day <= 28 || day <= daysInMonth(Number(value.slice(0, 4)), Number(value.slice(5, 7)))) return value;
  }
  // Rare (Sunshine writes the form above), so Date's own formatting rather than a bigger bundle.
  const ms = Date.parse(value);
  return ms >= MIN_MS && ms <= MAX_MS ? new Date(ms).toISOString() : undefined;
}

/** A Sunshine datetime already checked by the wire schema, as an ISO-8601 UTC string with milliseconds. */
export function toIso(value: string): string {
  return isoTimestamp(value) ?? new Date(value).toISOString();
}

/**
 * The ISO-8601 UTC string that epoch milliseconds `ms` would have, for comparing with the strings
 * {@link isoTimestamp} gives: those have a fixed width, so their order is the order in time, and
 * `iso > sinceIso(ms)` says the same as `Date.parse(iso) > ms`.
 */
export function sinceIso(ms: number): string {
  // Below the years 0000–9999 every datetime is later (the empty string sorts first); above them,
  // none is (a string past every ISO-8601 one).
  if (ms < MIN_MS) return '';
  if (ms > MAX_MS) return '\u{10FFFF}';
  // An instant is later than a fractional `ms` exactly when it is later than its floor.
  return new Date(Math.floor(ms)).toISOString();
}
