import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { networkError, networkErrorCode, timeoutError } from './error-factories.js';

const secret = 'canary-key-0c7e1d';

class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(readonly request: Request) {
    super(`Request timed out: ${request.method} ${request.url}`);
  }
}

// Found by the reliability suite's secrets canary: with a custom fetch, a timeout's cause was ky's
// TimeoutError, whose `request` carried the credential header for anyone who looked at error.cause.
describe('the cause of a timeout or network error', () => {
  it('keeps what explains the failure and drops the request it carried', () => {
    const request = new Request('https://api.test/x', { headers: { 'x-api-key': secret } });
    const error = timeoutError(100, { provider: 'acme', operation: 'get' }, new TimeoutError(request));
    expect(error.cause).toBeInstanceOf(TimeoutError);
    expect(error.cause).toMatchObject({
      name: 'TimeoutError',
      message: 'Request timed out: GET https://api.test/x',
    });
    expect((error.cause as { request?: unknown }).request).toBeUndefined();
    expect(inspect(error.cause, { depth: 8, showHidden: true })).not.toContain(secret);
  });

  it('keeps the errno chain that decides retries', () => {
    const socket = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      headers: { auth: secret },
    });
    const error = networkError({ provider: 'acme' }, new TypeError('fetch failed', { cause: socket }));
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(networkErrorCode(error.cause)).toBe('ECONNRESET');
    expect(error.message).toBe('Could not reach acme for the request (ECONNRESET)');
    expect(inspect(error.cause, { depth: 8, showHidden: true })).not.toContain(secret);
  });
});
