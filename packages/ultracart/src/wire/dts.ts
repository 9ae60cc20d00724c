import * as v from 'valibot';
import { isIsoTimestamp } from './iso-timestamp.js';

export { isIsoYearRange, parseIsoTimestamp } from './iso-timestamp.js';

/** UltraCart's `dateTime` format: an ISO-8601 string, checked so a bad one names its field. */
export const dtsSchema = v.pipe(v.string(), v.check(isIsoTimestamp, 'expected an ISO-8601 date-time'));
