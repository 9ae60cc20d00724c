import { describe, expect, it } from 'vitest';
import { KEY_ID, KEY_SECRET, verifyJwt } from './__fixtures__/harness.js';
import { JwtSigner, scopeForKey } from './jwt.js';

describe('JwtSigner', () => {
  it('signs HS256 with the key secret, kid header, app scope and a short exp', () => {
    const now = Date.UTC(2025, 1, 3, 16, 21, 12);
    const token = new JwtSigner(KEY_ID, KEY_SECRET, { now: () => now }).token();
    const { header, payload } = verifyJwt(token, KEY_SECRET);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: KEY_ID });
    expect(payload).toEqual({ scope: 'app', exp: now / 1000 + 300 });
    expect(() => verifyJwt(token, 'another-secret')).toThrow('bad signature');
  });

  it('reuses the token while it is fresh and re-signs before it expires', () => {
    let now = 1_700_000_000_000;
    const signer = new JwtSigner(KEY_ID, KEY_SECRET, {
      now: () => now,
      ttlSeconds: 300,
      refreshBeforeSeconds: 60,
    });
    const first = signer.token();
    now += 239_000;
    expect(signer.token()).toBe(first);
    now += 2_000; // 59 s left: inside the refresh margin
    const second = signer.token();
    expect(second).not.toBe(first);
    expect(verifyJwt(second, KEY_SECRET).payload.exp).toBe(Math.floor(now / 1000) + 300);
  });

  it('uses account scope for account and service-account keys', () => {
    expect(scopeForKey('app_5963ceb97cde542d000dbdb1')).toBe('app');
    expect(scopeForKey('act_5963ceb97cde542d000dbdb1')).toBe('account');
    expect(scopeForKey('svc_5963ceb97cde542d000dbdb1')).toBe('account');
    const token = new JwtSigner('act_1', KEY_SECRET).token();
    expect(verifyJwt(token, KEY_SECRET).payload.scope).toBe('account');
  });

  it('never serialises the secret', () => {
    const signer = new JwtSigner(KEY_ID, KEY_SECRET);
    expect(JSON.stringify(signer)).toBe(JSON.stringify({ keyId: KEY_ID }));
  });
});
