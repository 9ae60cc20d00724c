import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext } from '../errors/error-factories.js';
import { sleep } from './retry-policy.js';

/** Request rates a provider allows one client; each is a leaky bucket of that capacity. */
export interface RequestBudgetLimits {
  /** Requests per hour: the bucket holds this many and drains at this rate. */
  perHour?: number;
  /** Requests per day, likewise. */
  perDay?: number;
}

/** What {@link RequestBudget.take} needs to know about the request it admits. */
export interface BudgetTakeOptions {
  /** Longest wait accepted; past it the request fails at once with `rate_limited`. */
  maxWaitMs: number;
  signal?: AbortSignal | undefined;
  context: ErrorContext;
}

/**
 * A client-side request budget shared by everything one client sends (its calls and its event
 * poller), modelled on a provider's own leaky bucket so that a job paced by it is never refused.
 */
export interface RequestBudget {
  /** The limits, as configured. */
  readonly limits: Readonly<Required<RequestBudgetLimits>>;
  /** The steady rate the budget allows, in requests per millisecond (the smallest bucket's drain). */
  readonly steadyRatePerMs: number;
  /**
   * Admits one request: at once while the buckets have room, after a wait (abortable) when the wait
   * is at most `maxWaitMs`, otherwise rejects at once with `rate_limited` and `retryAfterMs`.
   */
  take(options: BudgetTakeOptions): Promise<void>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Bucket {
  readonly capacity: number;
  /** Requests drained per millisecond. */
  readonly rate: number;
  level: number;
}

/**
 * A {@link RequestBudget} of leaky buckets (UltraCart's algorithm: "no fixed reset time"). A
 * request fills every bucket by one; each drains continuously. Waiting requests reserve their place,
 * so concurrent callers are admitted in turn, and one that aborts gives its place back.
 *
 * @example
 * ```ts
 * const budget = createRequestBudget({ perHour: 1000, perDay: 10_000 });
 * await budget.take({ maxWaitMs: 60_000, context: { provider: 'ultracart', operation: 'getConversations' } });
 * ```
 */
export function createRequestBudget(
  limits: RequestBudgetLimits,
  clock: { now?: () => number; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {},
): RequestBudget {
  const now = clock.now ?? Date.now;
  const wait = clock.sleep ?? sleep;
  const perHour = limits.perHour ?? Number.POSITIVE_INFINITY;
  const perDay = limits.perDay ?? Number.POSITIVE_INFINITY;
  const buckets: Bucket[] = [
    { capacity: perHour, rate: perHour / HOUR, level: 0 },
    { capacity: perDay, rate: perDay / DAY, level: 0 },
  ].filter((bucket) => Number.isFinite(bucket.capacity));
  let drainedAt = now();

  const drain = () => {
    const at = now();
    const elapsed = Math.max(0, at - drainedAt);
    drainedAt = at;
    for (const bucket of buckets) bucket.level = Math.max(0, bucket.level - elapsed * bucket.rate);
  };
  const describe = () =>
    [Number.isFinite(perHour) ? `${perHour}/hour` : '', Number.isFinite(perDay) ? `${perDay}/day` : '']
      .filter(Boolean)
      .join(', ');

  return {
    limits: { perHour, perDay },
    steadyRatePerMs: Math.min(...buckets.map((bucket) => bucket.rate), Number.POSITIVE_INFINITY),
    async take({ maxWaitMs, signal, context }) {
      signal?.throwIfAborted();
      drain();
      const exactMs = Math.max(
        0,
        ...buckets.map((bucket) => (bucket.level + 1 - bucket.capacity) / bucket.rate),
      );
      // Rounded up to whole milliseconds, ignoring the float noise of the division.
      const waitMs = Math.ceil(exactMs - 1e-6);
      if (waitMs > maxWaitMs)
        throw new ConversationError({
          code: 'rate_limited',
          message: `${context.provider ?? 'provider'} request budget (${describe()}) is spent: ${context.operation ?? 'the request'} would have to wait ${waitMs} ms, more than retry.maxRetryAfterMs (${maxWaitMs} ms)`,
          ...context,
          retryable: true,
          retryAfterMs: waitMs,
        });
      for (const bucket of buckets) bucket.level += 1;
      if (waitMs === 0) return;
      try {
        await wait(waitMs, signal);
      } catch (reason) {
        drain();
        for (const bucket of buckets) bucket.level = Math.max(0, bucket.level - 1);
        throw reason;
      }
    },
  };
}
