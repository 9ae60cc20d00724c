import { ConversationError } from '../errors/conversation-error.js';
import type { AnyAdapter, ParleyConfig } from './parley-config.js';

function envError(message: string): ConversationError {
  return new ConversationError({ code: 'invalid_config', message, operation: 'configFromEnv' });
}

/**
 * A config from environment variables: `PARLEY_PROVIDER`, `PARLEY_TIMEOUT_MS`, and the names each
 * adapter declares (`ULTRACART_API_KEY`, `SUNSHINE_KEY_SECRET`, … see each adapter's `env`). Empty
 * variables count as unset. Without `PARLEY_PROVIDER`, the one adapter whose credentials are set is
 * chosen; none or several is an `invalid_config` error that says which names to set. `defaults`
 * fill what the environment leaves out. The result prints and serialises with its secrets redacted.
 *
 * @example
 * ```ts
 * const adapters = [ultracart, sunshine] as const;
 * const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
 * ```
 */
export function configFromEnv<const TAdapters extends readonly AnyAdapter[]>(
  env: Readonly<Record<string, string | undefined>>,
  adapters: TAdapters,
  defaults: Partial<ParleyConfig<TAdapters>> = {},
): ParleyConfig<TAdapters> {
  const list: readonly AnyAdapter[] = adapters;
  if (!Array.isArray(list) || list.length === 0)
    throw envError(
      'configFromEnv(env, adapters) needs the adapters whose variables to read, e.g. [ultracart]',
    );
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const config: Record<string, unknown> = { ...defaults };
  const timeout = read('PARLEY_TIMEOUT_MS');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout)) throw envError('PARLEY_TIMEOUT_MS must be a whole number of milliseconds');
    config.timeoutMs = Number(timeout);
  }
  const configured: AnyAdapter[] = [];
  for (const adapter of list) {
    const values: Record<string, string> = {};
    for (const [key, name] of Object.entries<string>(adapter.env?.names ?? {})) {
      const value = read(name);
      if (value !== undefined) values[key] = value;
    }
    if (Object.keys(values).length > 0) {
      const base = config[adapter.name];
      config[adapter.name] = { ...(typeof base === 'object' && base !== null ? base : {}), ...values };
    }
    if (adapter.env?.credentials.some((key: string) => values[key] !== undefined)) configured.push(adapter);
  }
  const provider =
    read('PARLEY_PROVIDER') ?? (typeof config.provider === 'string' ? config.provider : undefined);
  if (provider !== undefined) config.provider = provider;
  else if (configured.length === 1) config.provider = configured[0]?.name;
  else {
    const names = list.map((adapter) => adapter.name).join(', ');
    const credentials = list
      .flatMap((adapter) => (adapter.env?.credentials ?? []).map((key: string) => adapter.env?.names[key]))
      .filter((name) => name !== undefined);
    throw envError(
      configured.length === 0
        ? `PARLEY_PROVIDER is not set and no provider's credentials are: set PARLEY_PROVIDER to one of ${names}, or one of ${credentials.join(', ')}`
        : `PARLEY_PROVIDER is not set and several providers' credentials are (${configured.map((adapter) => adapter.name).join(', ')}): set PARLEY_PROVIDER to the one to use`,
    );
  }
  const secrets = new Set(list.flatMap((adapter) => adapter.secretKeys));
  return withRedactedOutput(config as ParleyConfig<TAdapters>, secrets);
}

/** `config` with non-enumerable `toJSON` and `util.inspect` hooks that hide secret values. */
function withRedactedOutput<T extends object>(config: T, secrets: ReadonlySet<string>): T {
  const redacted = () => redact(config, secrets);
  Object.defineProperty(config, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), {
    value: redacted,
    enumerable: false,
  });
  return config;
}

function redact(value: unknown, secrets: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = secrets.has(key) && inner !== undefined ? '[redacted]' : redact(inner, secrets);
  return out;
}
