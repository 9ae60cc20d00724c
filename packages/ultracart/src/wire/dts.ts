import * as v from 'valibot';

// Calendar date, optional time (`T` or a space), optional fraction (`.` or `,`), optional offset
// (`Z`, `±hh`, `±hhmm`, `±hh:mm`). UltraCart documents ISO-8601 with an offset and no fraction
// (`2025-10-07T14:50:23-04:00`) but publishes no conversation sample, so the parser accepts the
// common ISO-8601 variants rather than one fixed pattern (inferred from the notes, §1).
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

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

/** UltraCart's `dateTime` format: an ISO-8601 string, checked so a bad one names its field. */
export const dtsSchema = v.pipe(
  v.string(),
  v.check((text) => parseIsoTimestamp(text) !== undefined, 'expected an ISO-8601 date-time'),
);
