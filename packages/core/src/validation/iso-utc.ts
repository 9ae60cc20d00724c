const DAY_MS = 86_400_000;

const ZERO = 48;

/**
 * Epoch milliseconds as `new Date(ms).toISOString()` writes them (`2025-10-07T18:50:23.000Z`), for
 * instants in the years 0000–9999. Adapters format every timestamp of every listed item: written
 * from its digits, with no `Date` and no string but the result, reading and mapping an UltraCart
 * page of 200 takes 1.3 ms, against 1.8 ms through `toISOString` (bench/README.md).
 *
 * @example
 * ```ts
 * isoUtc(1759863023000); // '2025-10-07T18:50:23.000Z'
 * ```
 */
export function isoUtc(ms: number): string {
  // Outside 0000–9999 (or not an integer) toISOString's own rules apply: six-digit years, RangeError.
  if (!(ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999) || !Number.isInteger(ms))
    return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`, proleptic Gregorian).
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  // One string from its 24 character codes: concatenating parts allocated three times as much.
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000),
    ZERO + (Math.floor(year / 100) % 10),
    ZERO + (Math.floor(year / 10) % 10),
    ZERO + (year % 10),
    45, // -
    ZERO + Math.floor(month / 10),
    ZERO + (month % 10),
    45, // -
    ZERO + Math.floor(day / 10),
    ZERO + (day % 10),
    84, // T
    ZERO + Math.floor(hour / 10),
    ZERO + (hour % 10),
    58, // :
    ZERO + Math.floor(minute / 10),
    ZERO + (minute % 10),
    58, // :
    ZERO + Math.floor(second / 10),
    ZERO + (second % 10),
    46, // .
    ZERO + Math.floor(milli / 100),
    ZERO + (Math.floor(milli / 10) % 10),
    ZERO + (milli % 10),
    90, // Z
  );
}

/**
 * Days in `month` (1–12) of `year`, proleptic Gregorian: what a timestamp check needs to refuse
 * `2025-02-30` that `Date.parse` would roll over into March.
 *
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
