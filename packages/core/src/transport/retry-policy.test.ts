import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { httpError, networkError } from '../errors/error-factories.js';
import { backoffDelay, parseRetryAfter, shouldRetry, sleep } from './retry-policy.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds, including fractions', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
    expect(parseRetryAfter('0', now)).toBe(0);
  });
  it('reads an HTTP-date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Thursday, 01-Jan-26 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Thu Jan  1 00:00:20 2026', now)).toBe(20_000);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    // Lenient Date.parse would read these as dates and retry at once.
    expect(parseRetryAfter('Fri 5', now)).toBeUndefined();
    expect(parseRetryAfter('abc 1', now)).toBeUndefined();
    expect(parseRetryAfter('9'.repeat(400), now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with full jitter under a ceiling', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, { baseDelayMs: 100 }, top)).toBe(99);
    expect(backoffDelay(3, { baseDelayMs: 100 }, top)).toBe(799);
    expect(backoffDelay(10, { baseDelayMs: 100, maxDelayMs: 2_000 }, top)).toBe(1_999);
    expect(backoffDelay(5, { baseDelayMs: 100 }, () => 0)).toBe(0);
    expect(backoffDelay(1, { baseDelayMs: 100 }, () => 0.5)).toBe(100);
  });
});

describe('shouldRetry', () => {
  const refused = networkError({}, Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
  const reset = networkError({}, Object.assign(new Error('x'), { code: 'ECONNRESET' }));
  const timeout = new ConversationError({ code: 'timeout', message: 't' });
  it.each([
    ['GET 503', httpError(503, {}), true, true],
    ['GET 408', httpError(408, {}), true, true],
    ['GET 404', httpError(404, {}), true, false],
    ['GET 410', httpError(410, {}), true, false],
    ['GET reset', reset, true, true],
    ['GET timeout', timeout, true, true],
    ['POST 429', httpError(429, {}), false, true],
    ['POST 500', httpError(500, {}), false, false],
    ['POST 503', httpError(503, {}), false, false],
    ['POST refused', refused, false, true],
    ['POST reset', reset, false, false],
    ['POST timeout', timeout, false, false],
  ])('%s → %s', (_name, error, idempotent, expected) => {
    expect(shouldRetry(error, idempotent)).toBe(expected);
  });
});

describe('sleep', () => {
  it('rejects at once when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
