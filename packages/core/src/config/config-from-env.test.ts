import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { alpha, beta, gamma } from './__fixtures__/env-adapters.js';
import { configFromEnv } from './config-from-env.js';

const CANARY = 'canary-key-9d2c';
const adapters = [alpha, beta, gamma] as const;

describe('configFromEnv', () => {
  it('reads the names each adapter declares into its section', () => {
    const config = configFromEnv(
      {
        PARLEY_PROVIDER: 'beta',
        PARLEY_TIMEOUT_MS: '5000',
        ALPHA_API_KEY: CANARY,
        ALPHA_BASE_URL: 'http://127.0.0.1:4010/v2',
        BETA_ID: 'id_1',
        BETA_SECRET: CANARY,
        BETA_REGION: '',
        ULTRACART_API_KEY: 'not read: no adapter declares it',
      },
      adapters,
    );
    expect({ ...config }).toEqual({
      provider: 'beta',
      timeoutMs: 5000,
      alpha: { apiKey: CANARY, baseUrl: 'http://127.0.0.1:4010/v2' },
      beta: { id: 'id_1', secret: CANARY },
    });
  });

  it('picks the one adapter whose credentials are set when PARLEY_PROVIDER is not', () => {
    expect(configFromEnv({ ALPHA_TOKEN: CANARY, BETA_ID: 'id_1' }, adapters).provider).toBe('alpha');
    expect(configFromEnv({ BETA_SECRET: CANARY }, adapters).provider).toBe('beta');
    expect(() => configFromEnv({ ALPHA_API_KEY: 'a', BETA_SECRET: 'b' }, adapters)).toThrow(
      "PARLEY_PROVIDER is not set and several providers' credentials are (alpha, beta): set PARLEY_PROVIDER to the one to use",
    );
    expect(() => configFromEnv({ BETA_ID: 'id_1' }, adapters)).toThrow(
      "PARLEY_PROVIDER is not set and no provider's credentials are: set PARLEY_PROVIDER to one of alpha, beta, gamma, or one of ALPHA_API_KEY, ALPHA_TOKEN, BETA_SECRET",
    );
  });

  it('serialises and inspects with every adapter’s secrets redacted', () => {
    const config = configFromEnv(
      { ALPHA_TOKEN: CANARY, BETA_SECRET: CANARY, PARLEY_PROVIDER: 'alpha' },
      adapters,
    );
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      provider: 'alpha',
      alpha: { token: '[redacted]' },
      beta: { secret: '[redacted]' },
    });
    expect(inspect(config, { depth: 5 })).not.toContain(CANARY);
    expect(config.alpha?.token).toBe(CANARY);
  });

  it('merges defaults under the environment and checks its own variables', () => {
    expect(configFromEnv({}, adapters, { provider: 'gamma' }).provider).toBe('gamma');
    expect(configFromEnv({ PARLEY_PROVIDER: 'alpha' }, adapters, { provider: 'gamma' }).provider).toBe(
      'alpha',
    );
    expect(() => configFromEnv({ PARLEY_PROVIDER: 'gamma', PARLEY_TIMEOUT_MS: '5s' }, adapters)).toThrow(
      'PARLEY_TIMEOUT_MS must be a whole number of milliseconds',
    );
    expect(() => configFromEnv({}, [] as never)).toThrow('configFromEnv(env, adapters) needs the adapters');
  });
});
