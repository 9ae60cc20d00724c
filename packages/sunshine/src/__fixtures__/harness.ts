import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConversationError, createConversations } from '@parley/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { SunshineProviderConfigInput } from '../config.js';
import { sunshine } from '../index.js';
import { createSunshineProvider, type SunshineProviderSettings } from '../provider.js';

/** The spec's example app id. */
const APP_ID = '5d8cff3cd55b040010928b5b';
export const KEY_ID = 'app_5963ceb97cde542d000dbdb1';
export const KEY_SECRET = 'sunshine-key-secret-never-logged';
const ORIGIN = 'https://acme.zendesk.com';
/** Path prefix of every app operation on the subdomain host. */
export const APP_PATH = `/sc/v2/apps/${APP_ID}`;
export const BASIC = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;

/** A config section on the `acme` subdomain. */
export function testConfig(
  overrides: Partial<SunshineProviderConfigInput> = {},
): SunshineProviderConfigInput {
  return { appId: APP_ID, keyId: KEY_ID, keySecret: KEY_SECRET, subdomain: 'acme', ...overrides };
}

/** Settings that keep retries fast: `Retry-After: 0` answers wait nothing, backoff stays tiny. */
export const fastSettings: SunshineProviderSettings = {
  timeoutMs: 5_000,
  retry: { limit: 2, maxRetryAfterMs: 1_000 },
};

/** A provider against the `acme` subdomain. */
export function testProvider(overrides: Partial<SunshineProviderConfigInput> = {}) {
  return createSunshineProvider(testConfig(overrides), fastSettings);
}

/** A JSON fixture: a response example of the spec. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as T;
}

/** nock for this file: no real network (loopback allowed), and every interceptor must be used. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

/** The host scope of the `acme` subdomain. */
export function sunshineHost(): nock.Scope {
  return nock(ORIGIN);
}

/** Decodes a JWT after verifying its HS256 signature with `secret`; throws when it does not verify. */
export function verifyJwt(
  token: string,
  secret: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0)
    throw new Error('not a JWT');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new Error('bad signature');
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: decode(header), payload: decode(payload) };
}

/** Whether an `authorization` header holds a Bearer JWT signed with the test key for app scope. */
export function isValidAppJwt(value: string): boolean {
  if (!value.startsWith('Bearer ')) return false;
  try {
    const { header, payload } = verifyJwt(value.slice('Bearer '.length), KEY_SECRET);
    const now = Math.floor(Date.now() / 1000);
    return (
      header.alg === 'HS256' &&
      header.kid === KEY_ID &&
      payload.scope === 'app' &&
      typeof payload.exp === 'number' &&
      payload.exp > now &&
      payload.exp <= now + 600
    );
  } catch {
    return false;
  }
}

/** A client of `createConversations` on the `sunshine` adapter, as an application builds it. */
export function testClient(overrides: Partial<SunshineProviderConfigInput> = {}) {
  return createConversations({
    adapters: [sunshine],
    config: {
      provider: 'sunshine',
      sunshine: testConfig(overrides),
      timeoutMs: 5_000,
      retry: { limit: 2, maxRetryAfterMs: 1_000 },
    },
  });
}

/** The rejection of `promise`, which must be a `ConversationError`. */
export async function failure(promise: PromiseLike<unknown>): Promise<ConversationError> {
  try {
    await promise;
  } catch (error) {
    if (ConversationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConversationError, but the call succeeded');
}
