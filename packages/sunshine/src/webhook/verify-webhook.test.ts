import { ConversationError } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, verifyWebhook } from './verify-webhook.js';

const secret = 'whsec-5f4eab2c7e2a3d000c2c1b2a';

/** The `invalid_config` error `run` throws; anything else fails the test. */
function configError(run: () => unknown): ConversationError {
  try {
    run();
  } catch (error) {
    if (ConversationError.isInstance(error) && error.code === 'invalid_config') return error;
    throw error;
  }
  throw new Error('the secret was accepted');
}

describe('verifyWebhook', () => {
  it('accepts the right X-API-Key, whatever the header case or container', () => {
    expect(verifyWebhook({ headers: new Headers({ 'X-API-Key': secret }) }, secret)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': secret } }, secret)).toBe(true);
    expect(
      verifyWebhook({ headers: { 'X-Api-Key': secret, 'content-type': 'application/json' } }, secret),
    ).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': [secret] }, body: '{}' }, secret)).toBe(true);
  });

  it.each([
    ['wrong in the last character', 'whsec-5f4eab2c7e2a3d000c2c1b2b'],
    ['wrong in the first character', 'Whsec-5f4eab2c7e2a3d000c2c1b2a'],
    ['a prefix of it', secret.slice(0, -1)],
    ['a one-character prefix', 'w'],
    ['longer', `${secret}x`],
    ['the secret twice', `${secret}${secret}`],
    ['empty', ''],
    ['non-ASCII', `${secret.slice(0, -1)}é`],
    ['non-ASCII of the same UTF-16 length', 'whsec-5f4eab2c7e2a3d000c2c1b2\u00e1'],
    ['with a NUL', `${secret}\u0000`],
  ])('refuses a header value that is %s', (_why, given) => {
    expect(verifyWebhook({ headers: { 'x-api-key': given } }, secret)).toBe(false);
  });

  it('refuses a missing header or the secret under another name', () => {
    expect(verifyWebhook({ headers: {} }, secret)).toBe(false);
    expect(verifyWebhook({ headers: new Headers() }, secret)).toBe(false);
    expect(verifyWebhook({ headers: new Headers({ 'x-api-key': '' }) }, secret)).toBe(false);
    expect(verifyWebhook({ headers: { 'x-api-key': undefined } }, secret)).toBe(false);
    expect(verifyWebhook({ headers: { authorization: secret } }, secret)).toBe(false);
  });

  it('refuses a repeated secret header', () => {
    expect(verifyWebhook({ headers: { 'x-api-key': [secret, 'other'] } }, secret)).toBe(false);
    expect(verifyWebhook({ headers: { 'x-api-key': [] } }, secret)).toBe(false);
  });

  it('accepts any of several secrets, and only those', () => {
    const secrets = ['old-secret', secret, 'third-secret'];
    expect(verifyWebhook({ headers: { 'x-api-key': secret } }, secrets)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': 'old-secret' } }, secrets)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': 'third-secret' } }, secrets)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': 'nope' } }, secrets)).toBe(false);
    expect(verifyWebhook({ headers: { 'x-api-key': 'third-secre' } }, secrets)).toBe(false);
  });

  it('trims surrounding whitespace of a configured secret, as the header loses it too', () => {
    expect(verifyWebhook({ headers: { 'x-api-key': secret } }, `${secret}\n`)).toBe(true);
  });

  it.each([
    ['empty', '', 'secret: must not be empty'],
    ['a NUL', `${secret}\u0000`, 'secret: must be visible ASCII'],
    ['a BEL', `a\u0007${secret}`, 'secret: must be visible ASCII'],
    ['a space', `${secret} x`, 'secret: must be visible ASCII'],
    ['U+200B', `${secret}\u200b`, 'secret: must be visible ASCII'],
    ['non-ASCII', `sécret-${secret}`, 'secret: must be visible ASCII'],
  ])('refuses a secret that is %s as invalid_config, without its value', (_why, bad, message) => {
    const error = configError(() => verifyWebhook({ headers: { 'x-api-key': bad } }, bad));
    expect(error.message).toContain(message);
    expect(error).toMatchObject({ provider: 'sunshine', operation: 'webhook.verify' });
    if (bad !== '') expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret);
  });

  it('names which of several secrets is bad, and refuses an empty list', () => {
    const error = configError(() => verifyWebhook({ headers: {} }, ['ok-secret', `${secret}\u0007`]));
    expect(error.message).toBe(
      'Invalid Sunshine webhook secret[1]: must be visible ASCII (no spaces or control characters)',
    );
    expect(configError(() => verifyWebhook({ headers: {} }, [])).message).toContain('secret');
    expect(configError(() => verifyWebhook({ headers: {} }, 42 as never)).code).toBe('invalid_config');
  });
});

describe('constantTimeEqual', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('is true only for equal byte strings', () => {
    expect(constantTimeEqual(bytes('abc'), bytes('abc'))).toBe(true);
    for (const given of ['abd', 'ab', 'abcabc', 'abca', '', 'Abc', 'abç'])
      expect(constantTimeEqual(bytes(given), bytes('abc'))).toBe(false);
  });

  /**
   * Median times in ms of 200 calls of `a` and of `b`, sampled alternately so a change in machine
   * load weighs on both alike.
   */
  function medians(a: () => boolean, b: () => boolean, runs = 21): [number, number] {
    const samples: [number[], number[]] = [[], []];
    const time = (check: () => boolean) => {
      const start = performance.now();
      for (let j = 0; j < 200; j++) check();
      return performance.now() - start;
    };
    // Let the JIT settle first.
    for (let i = 0; i < 3; i++) {
      time(a);
      time(b);
    }
    for (let i = 0; i < runs; i++) {
      samples[0].push(time(a));
      samples[1].push(time(b));
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(runs / 2)] ?? 0;
    return [median(samples[0]), median(samples[1])];
  }

  const secret = new Uint8Array(4096).map((_, i) => 0x21 + ((i * 7) % 90));
  const flip = (at: number) => {
    const copy = secret.slice();
    copy[at] = (copy[at] ?? 0) ^ 1;
    return copy;
  };

  // An early-exit comparison is ~4,000 times faster when the first byte differs than when the last
  // does; a factor of 4 either way is noise.
  it('takes as long whether the first or the last byte differs', () => {
    const firstWrong = flip(0);
    const lastWrong = flip(4095);
    const [first, last] = medians(
      () => constantTimeEqual(firstWrong, secret),
      () => constantTimeEqual(lastWrong, secret),
    );
    expect(first / last).toBeGreaterThan(0.25);
    expect(first / last).toBeLessThan(4);
  });

  // One that stops at a length mismatch answers a 1-byte secret at once, and so tells its length.
  it('takes as long for a 1-byte secret as for one as long as the header', () => {
    const given = flip(4095);
    const short = secret.slice(0, 1);
    const [shortTime, longTime] = medians(
      () => constantTimeEqual(given, short),
      () => constantTimeEqual(given, secret),
    );
    expect(shortTime / longTime).toBeGreaterThan(0.25);
    expect(shortTime / longTime).toBeLessThan(4);
  });
});
