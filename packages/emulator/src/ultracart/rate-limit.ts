import type { Reply } from '../http.js';
import { MERCHANT_ID } from './model.js';
import { withUltraCartRequestId } from './routes.js';

/**
 * UltraCart's rate limit, emulated: "up to 1,000 requests per hour and 10,000 per day by default
 * … implemented as a leaky bucket so there is no fixed reset time" (ultracart.com/api/rate_limiting.html).
 */
export interface UltraCartRateLimitOptions {
  /** The hourly bucket's capacity, drained continuously at this many per hour (default 1,000). */
  readonly perHour?: number;
  /** The daily bucket's capacity, drained continuously at this many per day (default 10,000). */
  readonly perDay?: number;
  /**
   * Emulated time per real time (default 1): with 3600 an emulated hour passes in one real
   * second, so tests can exercise hourly budgets in seconds.
   */
  readonly timeScale?: number;
}

/** The limiter's counters and buckets (`emulator.ultracart.rateLimit`). */
export interface UltraCartRateLimitState {
  /** Whether requests can be refused (counters run either way). */
  readonly enabled: boolean;
  /** The settings in force (defaults filled in); undefined when off. */
  readonly settings: Required<UltraCartRateLimitOptions> | undefined;
  /** UltraCart REST requests let through (the presigned upload `PUT` is not counted). */
  readonly accepted: number;
  /** Requests refused with 429. */
  readonly refused: number;
  /**
   * How full a credential's buckets are now, after draining (default: the emulator's API key).
   * A request is refused when adding it would take either bucket over its capacity.
   */
  level(credential?: string): { readonly hour: number; readonly day: number };
  /** Empties every bucket and zeroes the counters. */
  reset(): void;
}

interface Bucket {
  hour: number;
  day: number;
  at: number;
}

const HOUR_MS = 3_600_000;
// Rounding slack: a bucket drained to exactly one free slot must take the request.
const EPSILON = 1e-9;

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`rateLimit.${name} must be a positive number`);
  return value;
}

/**
 * A leaky bucket per credential (API key or access token; the client address when there is
 * none), like UltraCart's: each request adds one to an hourly and a daily bucket, which drain
 * continuously; a request that would overflow either is refused and adds nothing.
 */
export class UltraCartRateLimiter implements UltraCartRateLimitState {
  readonly settings: Required<UltraCartRateLimitOptions> | undefined;
  accepted = 0;
  refused = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    options: UltraCartRateLimitOptions | boolean | undefined,
    private readonly defaultCredential: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (options === undefined || options === false) {
      this.settings = undefined;
      return;
    }
    const o = options === true ? {} : options;
    this.settings = {
      perHour: positive(o.perHour ?? 1000, 'perHour'),
      perDay: positive(o.perDay ?? 10_000, 'perDay'),
      timeScale: positive(o.timeScale ?? 1, 'timeScale'),
    };
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** Counts one request: `undefined` when it may go on, else the message of the 429. */
  take(credential: string): string | undefined {
    const s = this.settings;
    if (!s) {
      this.accepted++;
      return undefined;
    }
    const bucket = this.drained(credential, s);
    this.buckets.set(credential, bucket);
    if (bucket.day + 1 > s.perDay + EPSILON) {
      this.refused++;
      return `rate of ${s.perDay} per 86400 second(s) exceeded.`;
    }
    if (bucket.hour + 1 > s.perHour + EPSILON) {
      this.refused++;
      return `rate of ${s.perHour} per 3600 second(s) exceeded.`;
    }
    bucket.hour += 1;
    bucket.day += 1;
    this.accepted++;
    return undefined;
  }

  level(credential = this.defaultCredential): { hour: number; day: number } {
    const s = this.settings;
    if (!s) return { hour: 0, day: 0 };
    const { hour, day } = this.drained(credential, s);
    return { hour, day };
  }

  reset(): void {
    this.buckets.clear();
    this.accepted = 0;
    this.refused = 0;
  }

  private drained(credential: string, s: Required<UltraCartRateLimitOptions>): Bucket {
    const now = this.clock();
    const bucket = this.buckets.get(credential);
    if (!bucket) return { hour: 0, day: 0, at: now };
    const hours = (Math.max(0, now - bucket.at) * s.timeScale) / HOUR_MS;
    return {
      hour: Math.max(0, bucket.hour - hours * s.perHour),
      day: Math.max(0, bucket.day - (hours / 24) * s.perDay),
      at: now,
    };
  }
}

/** UltraCart's 429, shaped like the sample in its "REST API Errors" page (no `Retry-After`: none is documented). */
export function rateLimitedReply(message: string): Reply {
  return withUltraCartRequestId({
    status: 429,
    headers: { 'UC-REST-ERROR': message, 'UC-REST-ERROR-MERCHANT-ID': MERCHANT_ID },
    body: { error: { developer_message: message, user_message: message }, metadata: {} },
  });
}
