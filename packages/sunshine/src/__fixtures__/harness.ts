import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConversationError } from '@parley/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { APP_ID, KEY_ID, KEY_SECRET } from './test-provider.js';

const ORIGIN = 'https://acme.zendesk.com';
/** Path prefix of every app operation on the subdomain host. */
export const APP_PATH = `/sc/v2/apps/${APP_ID}`;
export const BASIC = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;

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
