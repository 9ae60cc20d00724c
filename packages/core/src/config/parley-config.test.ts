import { inspect } from 'node:util';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import type { ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import { resolveConfig } from './parley-config.js';

const CANARY = 'canary-key-9d2c';
const adapter = (name: string, schema: v.GenericSchema): ConversationAdapterV1 => ({
  specificationVersion: 'v1',
  name,
  configSchema: schema,
  secretKeys: ['apiKey'],
  createProvider: () => {
    throw new Error('not built in these tests');
  },
});
const alpha = adapter(
  'alpha',
  v.strictObject({ apiKey: v.pipe(v.string(), v.minLength(20, 'must be at least 20 characters')) }),
);
const beta = adapter('beta', v.strictObject({ region: v.picklist(['us', 'eu-1']) }));

function invalid(config: unknown, adapters = [alpha, beta]): ConversationError {
  try {
    resolveConfig(config, adapters);
  } catch (error) {
    if (ConversationError.isInstance(error) && error.code === 'invalid_config') return error;
    throw error;
  }
  throw new Error('config was accepted');
}

describe('resolveConfig', () => {
  it('returns the selected adapter, its parsed section and shared settings with defaults', () => {
    const resolved = resolveConfig({ provider: 'beta', beta: { region: 'eu-1' } }, [alpha, beta]);
    expect(resolved.adapter).toBe(beta);
    expect(resolved.section).toEqual({ region: 'eu-1' });
    expect(resolved.settings).toEqual({
      timeoutMs: 30_000,
      maxResponseBytes: 32 * 1024 * 1024,
      retry: { limit: 2, maxRetryAfterMs: 60_000 },
    });
  });

  it('lists the available providers for an unknown one', () => {
    expect(invalid({ provider: 'gamma' }).message).toBe(
      "Unknown provider 'gamma': available providers are 'alpha', 'beta'",
    );
  });

  it('names the missing section and the bad field with its provider, never the value', () => {
    expect(invalid({ provider: 'alpha' })).toMatchObject({
      provider: 'alpha',
      message: expect.stringContaining("'alpha' section is missing"),
    });
    const error = invalid({ provider: 'alpha', alpha: { apiKey: CANARY } });
    expect(error.message).toBe('Invalid alpha config: alpha.apiKey must be at least 20 characters');
    expect(JSON.stringify(error)).not.toContain(CANARY);
    expect(inspect(error)).not.toContain(CANARY);
  });

  it('says a missing setting is required and a section that is not an object must be one', () => {
    expect(invalid({ provider: 'alpha', alpha: {} }).message).toBe(
      'Invalid alpha config: alpha.apiKey is required',
    );
    expect(invalid({ provider: 'alpha', alpha: 'key' }).message).toBe(
      'Invalid alpha config: alpha must be an object',
    );
  });

  it('validates a present section of another loaded provider', () => {
    const error = invalid({ provider: 'beta', beta: { region: 'us' }, alpha: { apiKey: 1 } });
    expect(error.provider).toBe('alpha');
    expect(error.message).toContain('alpha.apiKey');
  });

  it('checks shared fields', () => {
    expect(invalid({ provider: 'beta', beta: { region: 'us' }, timeoutMs: -1 }).message).toContain(
      'config.timeoutMs',
    );
    expect(invalid({ provider: 'beta', beta: { region: 'us' }, retry: { limit: 99 } }).message).toContain(
      'config.retry.limit',
    );
    expect(invalid({ provider: 'beta', beta: { region: 'us' }, maxResponseBytes: 10 }).message).toBe(
      'Invalid config: config.maxResponseBytes must be at least 1024',
    );
    expect(
      resolveConfig({ provider: 'beta', beta: { region: 'us' }, maxResponseBytes: 4096 }, [alpha, beta])
        .settings.maxResponseBytes,
    ).toBe(4096);
    expect(invalid(null).message).toContain('Invalid config');
    expect(invalid({ provider: 'beta' }, []).message).toContain('at least one adapter');
  });
});
