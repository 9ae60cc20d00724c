import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { UltraCartApi, type UltraCartTransportSettings } from '../api.js';
import type { UltraCartProviderConfigInput } from '../config.js';

/** A canary API key: tests assert it never shows up where it must not. */
export const API_KEY = 'uc-simple-key-canary-9f8e7d';
/** A canary OAuth access token. */
export const ACCESS_TOKEN = 'uc-oauth-token-canary-1a2b3c';
const ORIGIN = 'https://secure.ultracart.com';
/** Path prefix of every operation (`/rest/v2`). */
export const BASE = '/rest/v2';
export const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** Settings that keep retries fast and the test's backoff waits observable. */
function fastSettings(delays: number[] = []): UltraCartTransportSettings {
  return {
    timeoutMs: 5_000,
    retry: { limit: 2, maxRetryAfterMs: 1_000, baseDelayMs: 1, maxDelayMs: 2 },
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

/** A raw API with the test key. */
export function testApi(config: UltraCartProviderConfigInput = { apiKey: API_KEY }, delays?: number[]) {
  return new UltraCartApi(config, fastSettings(delays));
}

/** A JSON fixture of this folder. */
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

/** What a test server saw of one request. */
export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * Answers `interceptor` with `status`/`body` and records the request, so a test can assert the
 * method, path with query, every header and the body exactly.
 */
export function answer(
  interceptor: nock.Interceptor,
  status: number,
  body?: unknown,
  headers: Record<string, string> = body === undefined ? {} : JSON_HEADERS,
): Seen[] {
  const seen: Seen[] = [];
  interceptor.reply(function (uri, requestBody) {
    seen.push({
      method: this.req.method,
      path: uri,
      headers: { ...this.req.headers },
      body: requestBody === '' ? undefined : requestBody,
    });
    return [
      status,
      body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
      headers,
    ];
  });
  return seen;
}

/** The UltraCart host. */
export function ultracartHost(): nock.Scope {
  return nock(ORIGIN);
}
