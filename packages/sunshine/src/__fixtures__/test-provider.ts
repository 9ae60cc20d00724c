import { createConversations } from '@parley/core';
import { type ClientSettings, DEFAULT_MAX_RESPONSE_BYTES } from '@parley/core/provider';
import * as v from 'valibot';
import { sunshine } from '../adapter.js';
import { type SunshineConfigInput, sunshineConfigSchema } from '../config.js';
import type { SunshineProvider } from '../provider.js';

// Builders of configs, providers and clients, without nock: a test that imports only these keeps
// the real node:http sender (nock replaces its sockets as soon as it is loaded).

/** The spec's example app id. */
export const APP_ID = '5d8cff3cd55b040010928b5b';
export const KEY_ID = 'app_5963ceb97cde542d000dbdb1';
export const KEY_SECRET = 'sunshine-key-secret-never-logged';

/** A config section on the `acme` subdomain. */
export function testConfig(overrides: Partial<SunshineConfigInput> = {}): SunshineConfigInput {
  return { appId: APP_ID, keyId: KEY_ID, keySecret: KEY_SECRET, subdomain: 'acme', ...overrides };
}

/** Settings that keep retries fast: `Retry-After: 0` answers wait nothing, backoff stays tiny. */
const fastSettings: ClientSettings = {
  timeoutMs: 5_000,
  retry: { limit: 2, maxRetryAfterMs: 1_000 },
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

/**
 * The provider the `sunshine` adapter builds for a config section (validated first, as the client
 * does), with `fastSettings` and `settings` over them.
 */
export function createTestProvider(
  config: SunshineConfigInput,
  settings: Partial<ClientSettings> = {},
): SunshineProvider {
  const provider = sunshine.createProvider({
    config: v.parse(sunshineConfigSchema, config),
    settings: { ...fastSettings, ...settings },
  });
  return provider as SunshineProvider;
}

/** A provider against the `acme` subdomain. */
export function testProvider(overrides: Partial<SunshineConfigInput> = {}): SunshineProvider {
  return createTestProvider(testConfig(overrides));
}

/** A client of `createConversations` on the `sunshine` adapter, as an application builds it. */
export function testClient(overrides: Partial<SunshineConfigInput> = {}) {
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
