import { ConversationError, createConversations } from '@parley/core';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { KEY_ID, KEY_SECRET, testConfig } from './__fixtures__/test-provider.js';
import { sunshine } from './adapter.js';
import { sunshineConfigSchema } from './config.js';

const parse = (value: unknown) => v.safeParse(sunshineConfigSchema, value);

describe('sunshineConfigSchema', () => {
  it('defaults auth to basic and keeps the chosen host', () => {
    const result = parse(testConfig());
    expect(result.success).toBe(true);
    expect(result.output).toMatchObject({ auth: 'basic', subdomain: 'acme' });
  });

  // No object-level message: core words the issues and refuses unknown keys itself.
  it('says a missing field is required', () => {
    const result = parse({ keyId: 'k', keySecret: 's', subdomain: 'acme' });
    expect(result.issues?.[0]?.path?.[0]?.key).toBe('appId');
    expect(result.issues?.[0]).toMatchObject({ input: undefined, expected: '"appId"' });
    expect(parse('nope').issues?.[0]).toMatchObject({ input: 'nope', expected: 'Object' });
  });

  it('refuses an unknown key through the client, naming it and the key it resembles', () => {
    const create = () =>
      createConversations({
        adapters: [sunshine],
        config: {
          provider: 'sunshine',
          sunshine: { ...testConfig({ subdomain: undefined }), baseURL: 'https://x.test' } as never,
        },
      });
    expect(create).toThrow(/sunshine\.baseURL is not a known setting; did you mean sunshine\.baseUrl\?/);
  });

  it('accepts jwt auth', () => {
    expect(parse(testConfig({ auth: 'jwt' })).output).toMatchObject({ auth: 'jwt' });
  });

  it.each([
    ['no host', { subdomain: undefined }],
    ['two hosts', { region: 'us' }],
    ['three hosts', { region: 'eu-1', baseUrl: 'https://x.test' }],
  ])('needs exactly one of subdomain, region or baseUrl (%s)', (_why, overrides) => {
    const result = parse(testConfig(overrides as never));
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('needs exactly one of subdomain, region or baseUrl');
  });

  it.each([
    ['region', { subdomain: undefined, region: 'ap-1' }],
    ['auth', { auth: 'oauth' }],
    ['subdomain', { subdomain: 'acme.evil.test/' }],
    ['appId', { appId: '' }],
    ['keySecret', { keySecret: '' }],
  ])('refuses a bad %s', (field, overrides) => {
    const result = parse(testConfig(overrides as never));
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.path?.[0]?.key).toBe(field);
  });

  it.each([
    ['http://127.0.0.1:4010', true],
    ['http://localhost:4010/sc', true],
    ['http://[::1]:4010', true],
    ['https://sunshine.example.test', true],
    ['http://sunshine.example.test', false],
    ['https://user:pw@sunshine.example.test', false],
    ['https://sunshine.example.test/?x=1', false],
    ['not a url', false],
  ])('baseUrl %s → %s (plain http only for loopback)', (baseUrl, ok) => {
    expect(parse(testConfig({ subdomain: undefined, baseUrl })).success).toBe(ok);
  });
});

describe('the sunshine section through createConversations', () => {
  it('throws invalid_config naming the field, never the secret', () => {
    let caught: unknown;
    try {
      createConversations({
        adapters: [sunshine],
        config: { provider: 'sunshine', sunshine: { ...testConfig(), auth: KEY_SECRET as never } },
      });
    } catch (error) {
      caught = error;
    }
    expect(ConversationError.isInstance(caught)).toBe(true);
    const error = caught as ConversationError;
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('sunshine.auth');
    expect(error.message).not.toContain(KEY_SECRET);
    expect(JSON.stringify(error)).not.toContain(KEY_SECRET);
  });
});

describe('sunshine credentials (header-bound)', () => {
  const webhookSecret = 'whsec-canary-3c2b1a';

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['a space', ' '],
    ['U+200B', '\u200b'],
    ['a line break', '\n'],
    ['a non-ASCII letter', 'é'],
  ])('refuses %s in keyId, keySecret or webhookSecret through createConversations', (_why, char) => {
    for (const [field, canary] of [
      ['keyId', KEY_ID],
      ['keySecret', KEY_SECRET],
      ['webhookSecret', webhookSecret],
    ] as const) {
      const value = `${canary.slice(0, 6)}${char}${canary.slice(6)}`;
      const fetch = vi.fn<typeof globalThis.fetch>();
      let caught: unknown;
      try {
        createConversations({
          adapters: [sunshine],
          config: { provider: 'sunshine', sunshine: { ...testConfig(), [field]: value } },
          fetch,
        });
      } catch (error) {
        caught = error;
      }
      expect(ConversationError.isInstance(caught)).toBe(true);
      const error = caught as ConversationError;
      expect(error.code).toBe('invalid_config');
      expect(error.message).toContain(`sunshine.${field}`);
      expect(error.message).toMatch(/must be visible ASCII|must not contain line breaks/);
      for (const shown of [error.message, JSON.stringify(error), String(error.stack)]) {
        expect(shown).not.toContain(value);
        expect(shown).not.toContain(canary.slice(6));
      }
      expect(fetch).not.toHaveBeenCalled();
    }
  });

  it('takes an optional visible-ASCII webhookSecret', () => {
    expect(parse(testConfig()).output).not.toHaveProperty('webhookSecret');
    expect(parse({ ...testConfig(), webhookSecret }).output).toMatchObject({ webhookSecret });
    expect(parse({ ...testConfig(), webhookSecret: '' }).issues?.[0]?.message).toBe('must not be empty');
  });
});
