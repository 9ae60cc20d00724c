import { ConversationError } from '@parley/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyWebhook } from './verify-webhook.js';

// Wrap the real timingSafeEqual so the tests can see how the secret is compared.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const { timingSafeEqual } = await import('node:crypto');
const spy = vi.mocked(timingSafeEqual);

const secret = 'whsec-5f4eab2c7e2a3d000c2c1b2a';

afterEach(() => {
  spy.mockClear();
});

describe('verifyWebhook', () => {
  it('accepts the right X-API-Key, whatever the header case or container', () => {
    expect(verifyWebhook({ headers: new Headers({ 'X-API-Key': secret }) }, secret)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': secret } }, secret)).toBe(true);
    expect(
      verifyWebhook({ headers: { 'X-Api-Key': secret, 'content-type': 'application/json' } }, secret),
    ).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': [secret] }, body: '{}' }, secret)).toBe(true);
  });

  it('refuses a wrong, longer, shorter, empty or missing secret', () => {
    for (const given of ['whsec-5f4eab2c7e2a3d000c2c1b2b', `${secret}x`, secret.slice(0, -1), 'a', ''])
      expect(verifyWebhook({ headers: { 'x-api-key': given } }, secret)).toBe(false);
    expect(verifyWebhook({ headers: {} }, secret)).toBe(false);
    expect(verifyWebhook({ headers: new Headers() }, secret)).toBe(false);
    expect(verifyWebhook({ headers: { 'x-api-key': undefined } }, secret)).toBe(false);
    // The secret under another header name is not the secret header.
    expect(verifyWebhook({ headers: { authorization: secret } }, secret)).toBe(false);
  });

  it('refuses a repeated secret header', () => {
    expect(verifyWebhook({ headers: { 'x-api-key': [secret, 'other'] } }, secret)).toBe(false);
  });

  it('accepts any of several secrets and compares against all of them', () => {
    const secrets = ['old-secret', secret, 'third-secret'];
    expect(verifyWebhook({ headers: { 'x-api-key': secret } }, secrets)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
    expect(verifyWebhook({ headers: { 'x-api-key': 'third-secret' } }, secrets)).toBe(true);
    expect(verifyWebhook({ headers: { 'x-api-key': 'nope' } }, secrets)).toBe(false);
  });

  it('compares with crypto.timingSafeEqual over equal-length digests, so length does not leak', () => {
    for (const given of ['a', `${secret}-and-much-longer-than-the-secret`, undefined]) {
      spy.mockClear();
      const headers: Record<string, string> = given === undefined ? {} : { 'x-api-key': given };
      expect(verifyWebhook({ headers }, secret)).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
      const [a, b] = spy.mock.calls[0] ?? [];
      expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
      // Neither side is the secret itself.
      expect((b as Buffer).toString('utf8')).not.toContain(secret);
    }
  });

  it('refuses an empty secret as a configuration error', () => {
    for (const bad of ['', [], ['ok', '']] as const) {
      let error: unknown;
      try {
        verifyWebhook({ headers: { 'x-api-key': '' } }, bad);
      } catch (caught) {
        error = caught;
      }
      expect(ConversationError.isInstance(error)).toBe(true);
      expect((error as ConversationError).code).toBe('invalid_config');
    }
  });
});
