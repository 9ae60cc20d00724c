import { daysInMonth } from '@parley/core/provider';

// What toISOString writes, with every field in range; only the day can still overflow its month.
const CANONICAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** A Sunshine datetime (already checked by the wire schema) as an ISO-8601 UTC string with milliseconds. */
export function toIso(value: string): string {
  // Sunshine already sends toISOString's own form: return it as is rather than build a Date per
  // message (a day past its month's end, which Date rolls over, still goes through Date).
  if (CANONICAL.test(value)) {
    const day = Number(value.slice(8, 10));
    if (day <= 28 || day <= daysInMonth(Number(value.slice(0, 4)), Number(value.slice(5, 7)))) return value;
  }
  return new Date(value).toISOString();
}
