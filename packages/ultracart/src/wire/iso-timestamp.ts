import { daysInMonth } from '@parley/core/provider';

// Calendar date, optional time (`T` or a space), optional fraction (`.` or `,`), optional offset
// (`Z`, `±hh`, `±hhmm`, `±hh:mm`). UltraCart documents ISO-8601 with an offset and no fraction
// (`2025-10-07T14:50:23-04:00`) but publishes no conversation sample, so the parser accepts the
// common ISO-8601 variants rather than one fixed pattern.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

// The documented shape with every field in range (hour 24, second 60, a comma, long fractions,
// `±hhmm` or `±hh` offsets and lower-case `z` take the general path). Only the day can still
// overflow its month.
const STRICT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const ZERO = 48;

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whether `text` has the strict shape with a day its month has (the fast path applies). */
function isStrictDate(text: string): boolean {
  if (!STRICT.test(text)) return false;
  const day = digits(text, 8, 2);
  return day <= 28 || day <= daysInMonth(digits(text, 0, 4), digits(text, 5, 2));
}

/** Epoch milliseconds of a string {@link isStrictDate} accepted, from its digits. */
function strictInstant(text: string): number {
  const days = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  let ms =
    ((days * 24 + digits(text, 11, 2)) * 60 + digits(text, 14, 2)) * 60_000 + digits(text, 17, 2) * 1000;
  let zone = 19;
  if (text.charCodeAt(19) === 46 /* . */) {
    zone = 20;
    let scale = 100;
    while (text.charCodeAt(zone) >= ZERO && text.charCodeAt(zone) <= ZERO + 9) {
      ms += (text.charCodeAt(zone) - ZERO) * scale;
      scale /= 10;
      zone++;
    }
  }
  if (text.length === zone + 1) return ms; // `Z`
  const offset = digits(text, zone + 1, 2) * 60 + digits(text, zone + 4, 2);
  return text.charCodeAt(zone) === 45 /* - */ ? ms + offset * 60_000 : ms - offset * 60_000;
}

/**
 * Epoch milliseconds of an ISO-8601 date-time, or undefined when `text` is not one. A value without
 * an offset is read as UTC; fractions finer than a millisecond are truncated.
 *
 * @example
 * ```ts
 * parseIsoTimestamp('2025-10-07T14:50:23-04:00'); // 1759863023000
 * ```
 */
export function parseIsoTimestamp(text: string): number | undefined {
  // Every timestamp of every listed item passes here: the documented strict form is read from its
  // digits, without the general parser's regex groups and Date objects.
  if (!isStrictDate(text)) return parseIsoGeneral(text);
  const instant = strictInstant(text);
  return isIsoYearRange(instant) ? instant : undefined;
}

/**
 * Whether {@link parseIsoTimestamp} reads `text`. The wire check runs before mapping parses the
 * value, so for the strict form it only checks the shape: an offset can leave 0000–9999 only from
 * year 0000 or 9999, and only then is the instant computed.
 */
export function isIsoTimestamp(text: string): boolean {
  if (!isStrictDate(text)) return parseIsoGeneral(text) !== undefined;
  const year = digits(text, 0, 4);
  return (year !== 0 && year !== 9999) || isIsoYearRange(strictInstant(text));
}

/** {@link parseIsoTimestamp} without the fast path: every accepted variant (exported for tests). */
export function parseIsoGeneral(text: string): number | undefined {
  const match = ISO_8601.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = utc(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 February over into March: refuse dates that do not exist.
  if (new Date(utc(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const instant = local - offsetMinutes(zone) * 60_000;
  return isIsoYearRange(instant) ? instant : undefined;
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as given.
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, month, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

/**
 * Whether epoch milliseconds fall in the years 0000–9999, the instants a neutral timestamp
 * (`toISOString`, four-digit year) can hold. An offset can push `9999-12-31T23:59-04:00` past them.
 */
export function isIsoYearRange(ms: number): boolean {
  return ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}
