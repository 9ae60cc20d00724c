import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { configFromEnv } from './config-from-env.js';

const names = [
  'PARLEY_PROVIDER',
  'PARLEY_TIMEOUT_MS',
  'ULTRACART_API_KEY',
  'ULTRACART_ACCESS_TOKEN',
  'ULTRACART_BASE_URL',
  'SUNSHINE_APP_ID',
  'SUNSHINE_KEY_ID',
  'SUNSHINE_KEY_SECRET',
  'SUNSHINE_SUBDOMAIN',
  'SUNSHINE_REGION',
  'SUNSHINE_BASE_URL',
  'SUNSHINE_AUTH',
];
const secretNames = ['ULTRACART_API_KEY', 'ULTRACART_ACCESS_TOKEN', 'SUNSHINE_KEY_SECRET'];
// Long, distinctive secrets, so finding one in the output cannot be a coincidence.
const secret = fc.string({ minLength: 12, maxLength: 40 }).map((s) => `canary-${s}`);
const env = fc.record(
  Object.fromEntries(
    names.map((name) => [
      name,
      secretNames.includes(name)
        ? secret
        : fc.oneof(fc.string(), fc.constantFrom('ultracart', 'sunshine', '250')),
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
          config = configFromEnv(vars);
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
