import type * as v from 'valibot';
import type { RetryOptions } from '../../transport/retry-policy.js';
import type { TransportHooks } from '../../transport/transport-hooks.js';
import type { ConversationProviderV1 } from './conversation-provider-v1.js';

/** Settings every provider shares, resolved from the config's shared fields and the client options. */
export interface ClientSettings {
  /** Deadline of each attempt in milliseconds: connection, headers and body. */
  timeoutMs: number;
  /** Largest answer read, in bytes after decompression. */
  maxResponseBytes: number;
  /** Retries: the shared config's `limit` and `maxRetryAfterMs`, and backoff knobs for tests. */
  retry: RetryOptions & { limit: number; maxRetryAfterMs: number };
  /** The caller's fetch: requests then go through ky on it instead of the runtime's default sender. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Observers of every HTTP exchange. */
  hooks?: TransportHooks | undefined;
}

/** What `createProvider` receives: the adapter's validated section and the shared settings. */
export interface CreateProviderOptions<TConfig> {
  config: TConfig;
  settings: ClientSettings;
}

/** Where an adapter's settings come from in the environment (see `configFromEnv`). */
export interface AdapterEnv {
  /** Config key → environment variable, e.g. `{ apiKey: 'ACME_API_KEY' }`. String values only. */
  readonly names: Readonly<Record<string, string>>;
  /**
   * The config keys that mean "this provider is configured" when their variable is set: without
   * `PARLEY_PROVIDER`, `configFromEnv` picks the one adapter for which one of them is.
   */
  readonly credentials: readonly string[];
}

/**
 * What an adapter package exports (`ultracart`, `sunshine`, `createMemoryProvider()`): enough for
 * `createConversations` to validate the adapter's config section, read it from the environment,
 * keep its secrets out of every error, and build its provider. Plain data and one function: no
 * container, no global state.
 *
 * @example
 * ```ts
 * export const acme: ConversationAdapterV1<'acme', AcmeConfigInput, AcmeConfig, AcmeApi> = {
 *   specificationVersion: 'v1',
 *   name: 'acme',
 *   configSchema: acmeConfigSchema,
 *   env: { names: { apiKey: 'ACME_API_KEY', baseUrl: 'ACME_BASE_URL' }, credentials: ['apiKey'] },
 *   secretKeys: ['apiKey'],
 *   createProvider: ({ config, settings }) => new AcmeProvider(new AcmeApi(createAcmeTransport(config, settings))),
 * };
 * ```
 */
export interface ConversationAdapterV1<
  TName extends string = string,
  TConfigInput = unknown,
  TConfig = unknown,
  TRaw = unknown,
> {
  readonly specificationVersion: 'v1';
  /** The value of `config.provider` that selects this adapter, and the key of its config section. */
  readonly name: TName;
  /**
   * Validates the adapter's config section; `undefined` for an adapter with no settings. Unknown
   * keys are refused by the client, naming the key and the one it resembles.
   */
  readonly configSchema?: v.GenericSchema<TConfigInput, TConfig> | undefined;
  /** The adapter's environment variables; absent when it reads none. */
  readonly env?: AdapterEnv | undefined;
  /**
   * Config keys whose values are credentials. The client scrubs them from the messages of errors it
   * wraps and from `configFromEnv`'s output when printed; the adapter still hands them to its
   * transport (`secrets`) for provider text and hooks.
   */
  readonly secretKeys: readonly string[];
  /** Builds the provider for one client. Its capabilities are the methods it implements. */
  createProvider(options: CreateProviderOptions<TConfig>): ConversationProviderV1<TRaw>;
}
