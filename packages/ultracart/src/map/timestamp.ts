import { isoUtc } from '@parley/core/provider';
import { parseIsoTimestamp } from '../wire/iso-timestamp.js';

/**
 * An UltraCart `*_dts` value (ISO-8601 with an offset, e.g. `2025-10-07T14:50:23-04:00`) as a UTC
 * ISO-8601 string with milliseconds (`2025-10-07T18:50:23.000Z`); undefined when absent or
 * unreadable (the wire schemas already refuse unreadable ones).
 *
 * @example
 * ```ts
 * toIsoUtc('2025-10-07T14:50:23-04:00'); // '2025-10-07T18:50:23.000Z'
 * ```
 */
export function toIsoUtc(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = parseIsoTimestamp(value);
  return ms === undefined ? undefined : isoUtc(ms);
}
