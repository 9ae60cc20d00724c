const DAY_MS = 86_400_000;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const four = (n: number): string => (n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`);

/**
 * Epoch milliseconds as `new Date(ms).toISOString()` writes them (`2025-10-07T18:50:23.000Z`), for
 * instants in the years 0000–9999. Adapters format every timestamp of every listed item, and this
 * plain arithmetic is about three times cheaper than a `Date` and its `toISOString`.
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
  return `${four(year)}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}.${three(rest - second * 1000)}Z`;
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
