import type { ConversationError } from '../errors/conversation-error.js';
import { networkErrorCode } from '../errors/error-factories.js';

/** How a transport retries. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** Longest `Retry-After` honoured; a longer one fails at once with `retryAfterMs` set. Default 60 s. */
  maxRetryAfterMs?: number;
  /** First backoff ceiling; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 10 s. */
  maxDelayMs?: number;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
// The connection was never made, so the provider cannot have acted on the request.
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether a method may be repeated without changing the outcome. */
export function isIdempotent(method: string): boolean {
  return idempotentMethods.has(method.toUpperCase());
}

/**
 * Whether a failed attempt may be retried. Idempotent requests retry on 408/429/5xx, timeouts and
 * network errors; others only on 429 (refused, not acted on) or a connection that was never made,
 * so a write is never applied twice.
 */
export function shouldRetry(error: ConversationError, idempotent: boolean): boolean {
  if (error.code === 'aborted') return false;
  if (error.status !== undefined)
    return idempotent ? retryableStatuses.has(error.status) : error.status === 429;
  if (error.code === 'network') {
    const code = networkErrorCode(error.cause);
    return idempotent || (code !== undefined && notSentCodes.has(code));
  }
  return idempotent && error.code === 'timeout';
}

const httpDate = new RegExp(
  [
    '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$', // IMF-fixdate
    '^[A-Z][a-z]+day, \\d{2}-[A-Z][a-z]{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT$', // RFC 850
    '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}$', // asctime
  ].join('|'),
);

/**
 * Whether a failed attempt may still have been applied by the provider: the request was sent and
 * the answer was a 5xx, never came (timeout) or was cut off (a reset after connecting).
 */
export function mayHaveBeenApplied(error: ConversationError): boolean {
  if (error.status !== undefined) return error.status >= 500;
  if (error.code === 'timeout') return true;
  if (error.code !== 'network') return false;
  const code = networkErrorCode(error.cause);
  return code === undefined || !notSentCodes.has(code);
}

/**
 * `Retry-After` in milliseconds: delta-seconds (`120`, `1.5`) or an HTTP-date; undefined when absent
 * or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only the three HTTP-date forms (RFC 9110 §5.6.7): Date.parse alone accepts junk like 'Fri 5'.
  if (!httpDate.test(trimmed)) return undefined;
  // asctime carries no zone but is GMT by definition; Date.parse would read it as local time.
  const date = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base · 2^retry)). */
export function backoffDelay(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs ?? 10_000, (options.baseDelayMs ?? 500) * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
