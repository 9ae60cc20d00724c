import { ConversationError } from '../errors/conversation-error.js';
import type { ParleyConfig } from './parley-config.js';

const secretNames = new Set(['apiKey', 'accessToken', 'keySecret', 'webhookSecret']);

const sections: Record<string, Record<string, string>> = {
  ultracart: {
    apiKey: 'ULTRACART_API_KEY',
    accessToken: 'ULTRACART_ACCESS_TOKEN',
    baseUrl: 'ULTRACART_BASE_URL',
  },
  sunshine: {
    appId: 'SUNSHINE_APP_ID',
    keyId: 'SUNSHINE_KEY_ID',
    keySecret: 'SUNSHINE_KEY_SECRET',
    subdomain: 'SUNSHINE_SUBDOMAIN',
    region: 'SUNSHINE_REGION',
    baseUrl: 'SUNSHINE_BASE_URL',
    auth: 'SUNSHINE_AUTH',
    webhookSecret: 'SUNSHINE_WEBHOOK_SECRET',
  },
};

/**
 * A config from environment variables: `PARLEY_PROVIDER`, `PARLEY_TIMEOUT_MS`, `ULTRACART_API_KEY`,
 * `ULTRACART_ACCESS_TOKEN`, `ULTRACART_BASE_URL`, `SUNSHINE_APP_ID`, `SUNSHINE_KEY_ID`,
 * `SUNSHINE_KEY_SECRET`, `SUNSHINE_SUBDOMAIN`, `SUNSHINE_REGION`, `SUNSHINE_BASE_URL`,
 * `SUNSHINE_AUTH`, `SUNSHINE_WEBHOOK_SECRET`. Empty variables count as unset. `defaults` fill what the environment leaves out.
 * The result prints and serialises with its secrets redacted.
 *
 * @example
 * ```ts
 * const client = createConversations({ adapters: [ultracart, sunshine], config: configFromEnv(process.env) });
 * ```
 */
export function configFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  defaults: Partial<ParleyConfig> = {},
): ParleyConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const config: Record<string, unknown> = { ...defaults };
  const provider = read('PARLEY_PROVIDER');
  if (provider !== undefined) config.provider = provider;
  const timeout = read('PARLEY_TIMEOUT_MS');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout))
      throw new ConversationError({
        code: 'invalid_config',
        message: 'PARLEY_TIMEOUT_MS must be a whole number of milliseconds',
        operation: 'configFromEnv',
      });
    config.timeoutMs = Number(timeout);
  }
  for (const [section, names] of Object.entries(sections)) {
    const values: Record<string, string> = {};
    for (const [key, name] of Object.entries(names)) {
      const value = read(name);
      if (value !== undefined) values[key] = value;
    }
    if (Object.keys(values).length > 0) {
      const base = config[section];
      config[section] = { ...(typeof base === 'object' && base !== null ? base : {}), ...values };
    }
  }
  if (typeof config.provider !== 'string')
    throw new ConversationError({
      code: 'invalid_config',
      message: `PARLEY_PROVIDER is not set: set it to one of ${Object.keys(sections).join(', ')}`,
      operation: 'configFromEnv',
    });
  return withRedactedOutput(config as ParleyConfig);
}

/** `config` with non-enumerable `toJSON` and `util.inspect` hooks that hide secret values. */
function withRedactedOutput<T extends object>(config: T): T {
  const redacted = () => redact(config);
  Object.defineProperty(config, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), {
    value: redacted,
    enumerable: false,
  });
  return config;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = secretNames.has(key) && inner !== undefined ? '[redacted]' : redact(inner);
  return out;
}
