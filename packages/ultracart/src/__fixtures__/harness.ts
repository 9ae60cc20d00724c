import { readFileSync } from 'node:fs';
import { type ConversationClient, ConversationError, createConversations } from '@parley/core';
import type { ClientSettings } from '@parley/core/provider';
import nock from 'nock';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ultracart } from '../adapter.js';
import { UltraCartApi } from '../api.js';
import { type UltraCartConfigInput, ultracartConfigSchema } from '../config.js';
import { UltraCartProvider } from '../provider.js';
import { createUltraCartTransport, type UltraCartTransport } from '../transport.js';

/** A canary API key: tests assert it never shows up where it must not. */
export const API_KEY = 'uc-simple-key-canary-9f8e7d';
/** A canary OAuth access token. */
export const ACCESS_TOKEN = 'uc-oauth-token-canary-1a2b3c';
const ORIGIN = 'https://secure.ultracart.com';
/** Path prefix of every operation (`/rest/v2`). */
export const BASE = '/rest/v2';
export const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/**
 * Settings that keep retries fast: `Retry-After: 0` answers wait nothing, and the tiny backoff
 * (`settings.retry` reaches the core transport as is) keeps the others short. Each backoff wait is
 * pushed onto `delays` by the `onRetry` hook.
 */
export function testSettings(delays: number[] = [], overrides: Partial<ClientSettings> = {}): ClientSettings {
  const retry = { limit: 2, maxRetryAfterMs: 1_000, baseDelayMs: 1, maxDelayMs: 2 };
  return {
    timeoutMs: 5_000,
    maxResponseBytes: 32 * 1024 * 1024,
    retry,
    hooks: { onRetry: (_request, { delayMs }) => delays.push(delayMs) },
    ...overrides,
  };
}

/** A transport for `config` (validated like the client does) with {@link testSettings}. */
export function testTransport(
  config: UltraCartConfigInput = { apiKey: API_KEY },
  settings: ClientSettings = testSettings(),
): UltraCartTransport {
  return createUltraCartTransport(v.parse(ultracartConfigSchema, config), settings);
}

/** A raw API with the test key, as the adapter builds it. */
export function testApi(config: UltraCartConfigInput = { apiKey: API_KEY }, delays?: number[]) {
  return new UltraCartApi(testTransport(config, testSettings(delays)));
}

/** The provider with the test key, as the adapter builds it, without a client. */
export function testProvider(
  config: UltraCartConfigInput = { apiKey: API_KEY },
  overrides: Partial<ClientSettings> = {},
): UltraCartProvider {
  return new UltraCartProvider(new UltraCartApi(testTransport(config, testSettings([], overrides))));
}

/** A client of the UltraCart adapter with the test key (or `section`) and no retries. */
export function testClient(section: Record<string, unknown> = { apiKey: API_KEY }): ConversationClient {
  return createConversations({
    adapters: [ultracart],
    config: { provider: 'ultracart', ultracart: section as UltraCartConfigInput, retry: { limit: 0 } },
  });
}

/** The ConversationError `run` throws or rejects with; it must never carry the test key. */
export async function failure(run: PromiseLike<unknown> | (() => unknown)): Promise<ConversationError> {
  let error: unknown;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (caught) {
    error = caught;
  }
  if (!ConversationError.isInstance(error))
    throw new Error(`expected a ConversationError, got ${String(error)}`);
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  expect(error.message).not.toContain(API_KEY);
  return error;
}

/** The error code `promise` rejects with (`resolved` when it does not). */
export async function codeOf(promise: PromiseLike<unknown>): Promise<string | undefined> {
  const error = await Promise.resolve(promise).then(
    () => 'resolved',
    (e: unknown) => e,
  );
  if (error === 'resolved') return error;
  return ConversationError.isInstance(error) ? error.code : `not a ConversationError: ${String(error)}`;
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
