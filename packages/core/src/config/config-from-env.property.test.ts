import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { alpha, beta, gamma } from './__fixtures__/env-adapters.js';
import { configFromEnv } from './config-from-env.js';

const adapters = [alpha, beta, gamma] as const;
const names = [
  'PARLEY_PROVIDER',
  'PARLEY_TIMEOUT_MS',
  'ALPHA_API_KEY',
  'ALPHA_TOKEN',
  'ALPHA_BASE_URL',
  'BETA_ID',
  'BETA_SECRET',
  'BETA_REGION',
];
const secretNames = ['ALPHA_API_KEY', 'ALPHA_TOKEN', 'BETA_SECRET'];
// Long, distinctive secrets, so finding one in the output cannot be a coincidence.
const secret = fc.string({ minLength: 12, maxLength: 40 }).map((s) => `canary-${s}`);
const env = fc.record(
  Object.fromEntries(
    names.map((name) => [
      name,
      secretNames.includes(name)
        ? secret
        : fc.oneof(fc.string(), fc.constantFrom('alpha', 'beta', 'gamma', '250')),
    ]),
  ),
  { requiredKeys: [] },
);

describe('configFromEnv (fast-check)', () => {
  it('gives a config or invalid_config, and never shows a secret value', () =>
    fc.assert(
      fc.property(env, (vars) => {
        const secrets = secretNames
          .map((name) => vars[name]?.trim())
          .filter((s) => s !== undefined && s !== '');
        let config: unknown;
        try {
          config = configFromEnv(vars, adapters);
        } catch (error) {
          if (!ConversationError.isInstance(error)) throw error;
          expect(error.code).toBe('invalid_config');
          for (const value of secrets)
            expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(value);
          return;
        }
        expect(typeof (config as { provider: unknown }).provider).toBe('string');
        const shown = `${JSON.stringify(config)} ${inspect(config, { depth: 10 })}`;
        for (const value of secrets) expect(shown).not.toContain(value);
      }),
    ));
});
