import { readFileSync } from 'node:fs';
import { encodeBase64Url as coreBase64Url } from '@parley/core/provider';
import { runtimeImports } from '@parley/core/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyJwt } from './__fixtures__/harness.js';
import { KEY_ID, KEY_SECRET } from './__fixtures__/test-provider.js';
import { encodeBase64Url, JwtSigner, scopeForKey } from './jwt.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('JwtSigner', () => {
  it('signs HS256 with the key secret, kid header, app scope and a short exp', async () => {
    const now = Date.UTC(2025, 1, 3, 16, 21, 12);
    const token = await new JwtSigner(KEY_ID, KEY_SECRET, { now: () => now }).token();
    // verifyJwt checks the signature with node:crypto's HMAC: an independent implementation.
    const { header, payload } = verifyJwt(token, KEY_SECRET);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: KEY_ID });
    expect(payload).toEqual({ scope: 'app', exp: now / 1000 + 300 });
    expect(() => verifyJwt(token, 'another-secret')).toThrow('bad signature');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{43}$/);
  });

  it('signs with a non-ASCII secret as its UTF-8 bytes', async () => {
    const secret = 'sëcret-✓';
    const token = await new JwtSigner(KEY_ID, secret).token();
    expect(() => verifyJwt(token, secret)).not.toThrow();
  });

  it('reuses the token while it is fresh and re-signs before it expires', async () => {
    let now = 1_700_000_000_000;
    const signed: string[] = [];
    const signer = new JwtSigner(KEY_ID, KEY_SECRET, {
      now: () => now,
      ttlSeconds: 300,
      refreshBeforeSeconds: 60,
      onSign: (token) => signed.push(token),
    });
    const first = await signer.token();
    now += 239_000;
    expect(await signer.token()).toBe(first);
    now += 2_000; // 59 s left: inside the refresh margin
    const second = await signer.token();
    expect(second).not.toBe(first);
    expect(verifyJwt(second, KEY_SECRET).payload.exp).toBe(Math.floor(now / 1000) + 300);
    expect(signed).toEqual([first, second]);
  });

  it('imports the key once, and concurrent callers share one signing', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    let now = 1_700_000_000_000;
    const signer = new JwtSigner(KEY_ID, KEY_SECRET, { now: () => now });
    const [a, b, c] = await Promise.all([signer.token(), signer.token(), signer.token()]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(sign).toHaveBeenCalledTimes(1);
    now += 600_000;
    expect(await signer.token()).not.toBe(a);
    expect(sign).toHaveBeenCalledTimes(2);
    expect(importKey).toHaveBeenCalledTimes(1);
    // Non-extractable: nothing can read the secret back out of the key.
    expect(importKey.mock.calls[0]?.[3]).toBe(false);
  });

  it('uses account scope for account and service-account keys', async () => {
    expect(scopeForKey('app_5963ceb97cde542d000dbdb1')).toBe('app');
    expect(scopeForKey('act_5963ceb97cde542d000dbdb1')).toBe('account');
    expect(scopeForKey('svc_5963ceb97cde542d000dbdb1')).toBe('account');
    const token = await new JwtSigner('act_1', KEY_SECRET).token();
    expect(verifyJwt(token, KEY_SECRET).payload.scope).toBe('account');
  });

  it('never serialises the secret', async () => {
    const signer = new JwtSigner(KEY_ID, KEY_SECRET);
    await signer.token();
    expect(JSON.stringify(signer)).toBe(JSON.stringify({ keyId: KEY_ID }));
  });
});

describe('scopeForKey (fast-check)', () => {
  it('takes any key id', () =>
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(['app', 'account']).toContain(scopeForKey(text));
      }),
    ));
});

describe('jwt.ts, loaded on first use', () => {
  it('imports nothing at run time, so its chunk shares no code with what loads at import', () => {
    expect(runtimeImports(readFileSync(new URL('./jwt.ts', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('encodes base64url as core does (fast-check)', () =>
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 64 })), (data) => {
        expect(encodeBase64Url(data)).toBe(coreBase64Url(data));
      }),
    ));
});
