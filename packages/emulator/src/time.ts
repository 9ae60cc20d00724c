/** Where seeded history ends: fixed so the same seed gives the same timestamps on every run. */
export const SEED_ANCHOR_MS = Date.UTC(2025, 9, 7, 18, 50, 23, 0);

function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

// US Eastern offset in hours: UltraCart answers in the merchant's zone, so the offset changes with DST.
function easternOffsetHours(ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const dstStart = Date.UTC(year, 2, nthSunday(year, 2, 2), 7);
  const dstEnd = Date.UTC(year, 10, nthSunday(year, 10, 1), 6);
  return ms >= dstStart && ms < dstEnd ? -4 : -5;
}

/** ISO-8601 with a US Eastern offset and no fraction, as UltraCart sends (`2025-10-07T14:50:23-04:00`). */
export function ultracartDate(ms: number): string {
  const offset = easternOffsetHours(ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 3_600_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
}

/** ISO-8601 UTC with milliseconds, as Sunshine sends (`2019-03-21T18:48:52.760Z`). */
export function sunshineDate(ms: number): string {
  return new Date(ms).toISOString();
}
