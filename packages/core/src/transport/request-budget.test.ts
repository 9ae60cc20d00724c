import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { createRequestBudget } from './request-budget.js';

const context = { provider: 'ultracart', operation: 'getConversations' };
const HOUR = 3_600_000;

/** A clock that only moves when a wait sleeps, so hours pass in microseconds. */
function fakeClock() {
  const clock = {
    now: 0,
    slept: [] as number[],
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.slept.push(ms);
      clock.now += ms;
    },
  };
  return clock;
}

/** UltraCart's side, written independently: a leaky bucket that answers 429 when it overflows. */
function providerBucket(capacity: number, periodMs: number, now: () => number) {
  let level = 0;
  let last = now();
  return () => {
    level = Math.max(0, level - ((now() - last) * capacity) / periodMs);
    last = now();
    if (level + 1 > capacity + 1e-9) return 429;
    level += 1;
    return 200;
  };
}

describe('createRequestBudget', () => {
  it('admits a burst up to each bucket, then paces at the steady rate', async () => {
    const clock = fakeClock();
    const budget = createRequestBudget(
      { perHour: 10, perDay: 100 },
      { now: () => clock.now, sleep: clock.sleep },
    );
    for (let i = 0; i < 10; i++) await budget.take({ maxWaitMs: HOUR, context });
    expect(clock.slept).toEqual([]);
    await budget.take({ maxWaitMs: HOUR, context });
    expect(clock.slept).toEqual([HOUR / 10]);
    expect(budget.steadyRatePerMs).toBeCloseTo(10 / HOUR);
    expect(budget.limits).toEqual({ perHour: 10, perDay: 100 });
  });

  it('fails at once with rate_limited and retryAfterMs when the wait is over maxWaitMs', async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ perHour: 1 }, { now: () => clock.now, sleep: clock.sleep });
    await budget.take({ maxWaitMs: 0, context });
    const error = await budget.take({ maxWaitMs: 60_000, context }).catch((e: unknown) => e);
    expect(ConversationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: HOUR,
      provider: 'ultracart',
    });
    expect((error as Error).message).toBe(
      'ultracart request budget (1/hour) is spent: getConversations would have to wait 3600000 ms, more than retry.maxRetryAfterMs (60000 ms)',
    );
    // The refused request took nothing: after an hour the next one goes at once.
    clock.now += HOUR;
    await budget.take({ maxWaitMs: 0, context });
    expect(clock.slept).toEqual([]);
  });

  it('paces a long job so that the provider’s own bucket never refuses it', async () => {
    const clock = fakeClock();
    const budget = createRequestBudget(
      { perHour: 1000, perDay: 10_000 },
      { now: () => clock.now, sleep: clock.sleep },
    );
    const hourly = providerBucket(1000, HOUR, () => clock.now);
    const daily = providerBucket(10_000, 24 * HOUR, () => clock.now);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 12_000; i++) {
      await budget.take({ maxWaitMs: 24 * HOUR, context });
      const status = Math.max(hourly(), daily());
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      clock.now += 1; // the request itself
    }
    expect(statuses).toEqual(new Map([[200, 12_000]]));
    // 12,000 requests at 10,000/day cannot all fit in a day.
    expect(clock.now).toBeGreaterThan(24 * HOUR * 0.2);
  });

  it('gives a waiting request’s place back when it is aborted', async () => {
    let now = 0;
    const budget = createRequestBudget({ perHour: 1 }, { now: () => now });
    await budget.take({ maxWaitMs: 0, context });
    const controller = new AbortController();
    const waiting = budget.take({ maxWaitMs: 2 * HOUR, signal: controller.signal, context });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    now += HOUR;
    // Had the aborted request kept its place, this one would wait another hour.
    await budget.take({ maxWaitMs: 0, context });
  });
});
