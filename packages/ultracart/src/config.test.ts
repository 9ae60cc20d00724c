import { ConversationError, createConversations } from '@parley/core';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN, API_KEY } from './__fixtures__/harness.js';
import { ultracart } from './adapter.js';
import {
  ULTRACART_DEFAULT_BUDGET,
  ultracartConfigSchema,
  ultracartEnv,
  ultracartSecretKeys,
} from './config.js';

/** The error createConversations throws for `section`; it must be a ConversationError. */
function configError(section: unknown, fetch = vi.fn<typeof globalThis.fetch>()): ConversationError {
  try {
    createConversations({
      adapters: [ultracart],
      config: { provider: 'ultracart', ultracart: section as never },
      fetch,
    });
  } catch (error) {
    if (ConversationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('ultracart credentials', () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['a space', ' '],
    ['U+200B', '\u200b'],
    ['DEL', '\u007f'],
    ['a non-ASCII letter', 'é'],
  ])('refuses %s inside apiKey or accessToken, naming the field and never the value', (_why, char) => {
    for (const [field, canary] of [
      ['apiKey', API_KEY],
      ['accessToken', ACCESS_TOKEN],
    ] as const) {
      const value = `${canary.slice(0, 8)}${char}${canary.slice(8)}`;
      const fetch = vi.fn<typeof globalThis.fetch>();
      const error = configError({ [field]: value }, fetch);
      expect(error.code).toBe('invalid_config');
      expect(error.message).toContain(`ultracart.${field}`);
      expect(error.message).toContain('must be visible ASCII (no spaces or control characters)');
      for (const shown of [error.message, JSON.stringify(error), String(error.stack)]) {
        expect(shown).not.toContain(value);
        expect(shown).not.toContain(canary.slice(8));
      }
      expect(fetch).not.toHaveBeenCalled();
    }
  });

  it('refuses an empty or non-string credential', () => {
    expect(configError({ apiKey: '' }).message).toContain('ultracart.apiKey must not be empty');
    expect(configError({ accessToken: 42 }).message).toContain('ultracart.accessToken must be a string');
  });

  it('accepts visible ASCII and trims what a header would drop anyway', () => {
    expect(v.parse(ultracartConfigSchema, { apiKey: `${API_KEY}\n` }).apiKey).toBe(API_KEY);
    expect(
      v.parse(ultracartConfigSchema, { accessToken: 'a!~"#$%&()*+,/:;<=>?@[\\]^`{|}' }).accessToken,
    ).toBe('a!~"#$%&()*+,/:;<=>?@[\\]^`{|}');
    expect(() =>
      createConversations({
        adapters: [ultracart],
        config: { provider: 'ultracart', ultracart: { apiKey: API_KEY } },
      }),
    ).not.toThrow();
  });
});

describe('ultracart budget', () => {
  const parse = (budget: unknown) => v.safeParse(ultracartConfigSchema, { apiKey: API_KEY, budget });

  it("defaults to UltraCart's documented limits, a fresh object each time", () => {
    const first = v.parse(ultracartConfigSchema, { apiKey: API_KEY });
    const second = v.parse(ultracartConfigSchema, { apiKey: API_KEY });
    expect(first.budget).toEqual({ perHour: 1000, perDay: 10_000 });
    expect(ULTRACART_DEFAULT_BUDGET).toEqual({ perHour: 1000, perDay: 10_000 });
    expect(first.budget).not.toBe(second.budget);
  });

  it('takes false, or either limit with the other defaulted', () => {
    expect(parse(false).output).toMatchObject({ budget: false });
    expect(parse({ perHour: 500 }).output).toMatchObject({ budget: { perHour: 500, perDay: 10_000 } });
    expect(parse({ perDay: 20_000 }).output).toMatchObject({ budget: { perHour: 1000, perDay: 20_000 } });
    expect(parse({}).output).toMatchObject({ budget: { perHour: 1000, perDay: 10_000 } });
  });

  it('types the output as false or both limits', () => {
    const budget = v.parse(ultracartConfigSchema, { apiKey: API_KEY }).budget;
    // Compiles only if the output type has `budget: false | { perHour: number; perDay: number }`.
    const perHour: number | undefined = budget === false ? undefined : budget.perHour;
    expect(perHour).toBe(1000);
  });

  it.each([
    ['true', true],
    ['a number', 1000],
    ['zero', { perHour: 0 }],
    ['a negative limit', { perDay: -1 }],
    ['a fraction', { perHour: 1.5 }],
    ['a string', { perHour: '1000' }],
    ['Infinity', { perDay: Number.POSITIVE_INFINITY }],
    ['an unknown key', { perMinute: 10 }],
  ])('refuses %s as invalid_config naming ultracart.budget', (_why, budget) => {
    const error = configError({ apiKey: API_KEY, budget });
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('ultracart.budget');
    expect(error.message).not.toContain(API_KEY);
  });
});

describe('ultracart events (poller tuning)', () => {
  const parse = (events: unknown) => v.safeParse(ultracartConfigSchema, { apiKey: API_KEY, events });

  it('is optional and takes leaseTtlMs and maxIntervalMs in milliseconds', () => {
    expect(v.parse(ultracartConfigSchema, { apiKey: API_KEY }).events).toBeUndefined();
    expect(parse({ leaseTtlMs: 600, maxIntervalMs: 200 }).output).toMatchObject({
      events: { leaseTtlMs: 600, maxIntervalMs: 200 },
    });
    expect(parse({}).success).toBe(true);
  });

  it.each([
    [
      'a lease under 300 ms',
      { leaseTtlMs: 299 },
      'ultracart.events.leaseTtlMs must be an integer from 300 to 600000',
    ],
    ['a lease over 10 minutes', { leaseTtlMs: 600_001 }, 'ultracart.events.leaseTtlMs'],
    [
      'a fraction',
      { maxIntervalMs: 150.5 },
      'ultracart.events.maxIntervalMs must be an integer from 100 to 3600000',
    ],
    ['a string', { maxIntervalMs: '200' }, 'ultracart.events.maxIntervalMs must be a number'],
    ['an unknown key', { pollIntervalMs: 100 }, 'ultracart.events.pollIntervalMs'],
  ])('refuses %s as invalid_config naming the field', (_why, events, message) => {
    const error = configError({ apiKey: API_KEY, events });
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(message);
  });
});

describe('ultracart config errors', () => {
  /** The message createConversations refuses `section` with, or `no error`. */
  const attempt = (section: unknown) => {
    try {
      createConversations({
        adapters: [ultracart],
        config: { provider: 'ultracart', ultracart: section as never },
      });
    } catch (error) {
      return String((error as Error).message);
    }
    return 'no error';
  };

  it('names the bad field and never echoes a value', () => {
    expect(attempt({ apiKey: API_KEY, baseUrl: `https://x/${API_KEY}?`, extra: API_KEY })).not.toContain(
      API_KEY,
    );
    expect(attempt({ apiKey: 42 })).toBe('Invalid ultracart config: ultracart.apiKey must be a string');
    expect(attempt({ apiKey: `${API_KEY}\n` })).toContain('no error');
    expect(attempt({ apiKey: `a\nb` })).toBe(
      'Invalid ultracart config: ultracart.apiKey must not contain line breaks',
    );
    expect(attempt({ apiKey: API_KEY, baseUrl: 'not a url' })).toBe(
      'Invalid ultracart config: ultracart.baseUrl must be a URL',
    );
  });

  it('refuses a config with both or neither credential, without echoing the key', () => {
    const both = configError({ apiKey: API_KEY, accessToken: ACCESS_TOKEN });
    expect(both.message).toMatch(/exactly one of apiKey or accessToken/);
    expect(JSON.stringify(both)).not.toContain(API_KEY);
    expect(String(both)).not.toContain(ACCESS_TOKEN);
    expect(configError({})).toMatchObject({ code: 'invalid_config' });
    expect(configError({}).message).toMatch(/exactly one of apiKey or accessToken/);
  });

  it('refuses an unknown key naming the one it resembles', () => {
    const error = configError({ apiKey: API_KEY, baseURL: 'https://x' });
    expect(error.message).toContain('ultracart.baseURL');
    expect(error.message).toContain('did you mean ultracart.baseUrl?');
    expect(configError({ apikey: API_KEY }).message).toContain('did you mean ultracart.apiKey?');
  });

  it('defaults the base URL and strips a trailing slash from a custom one', () => {
    expect(v.parse(ultracartConfigSchema, { apiKey: API_KEY }).baseUrl).toBe(
      'https://secure.ultracart.com/rest/v2',
    );
    expect(
      v.parse(ultracartConfigSchema, { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/rest/v2/' }).baseUrl,
    ).toBe('http://127.0.0.1:9/rest/v2');
  });
});

describe('ultracart env names and secret keys', () => {
  it('declares its variables, which of them are credentials, and its secret keys', () => {
    expect(ultracartEnv).toEqual({
      names: {
        apiKey: 'ULTRACART_API_KEY',
        accessToken: 'ULTRACART_ACCESS_TOKEN',
        baseUrl: 'ULTRACART_BASE_URL',
      },
      credentials: ['apiKey', 'accessToken'],
    });
    expect(ultracartSecretKeys).toEqual(['apiKey', 'accessToken']);
  });
});
