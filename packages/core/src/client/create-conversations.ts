import type { DependencyContainer } from 'tsyringe';
import { type ParleyConfig, resolveConfig } from '../config/parley-config.js';
import { globalContainer } from '../di/global-container.js';
import { ConversationError } from '../errors/conversation-error.js';
import type { ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import {
  AdapterConfigToken,
  type ClientSettings,
  ClientSettingsToken,
  ConversationClientToken,
} from '../provider/v1/tokens.js';
import type { TransportHooks } from '../transport/transport-hooks.js';
import { buildClient } from './build-client.js';
import type { ConversationClient } from './conversation-client.js';

type AnyAdapter = ConversationAdapterV1<string, unknown, unknown>;

/** The raw API type of an adapter list: the union of each adapter's raw API. */
export type RawOf<TAdapters extends readonly AnyAdapter[]> =
  TAdapters[number] extends ConversationAdapterV1<string, unknown, infer TRaw> ? TRaw : unknown;

/** Options of {@link createConversations}. */
export interface CreateConversationsOptions<TAdapters extends readonly AnyAdapter[] = readonly AnyAdapter[]> {
  /** The adapters this program can use; `config.provider` picks one of them by name. */
  adapters: TAdapters;
  /** Plain data: a parsed JSON file or `configFromEnv(process.env)`. */
  config: ParleyConfig;
  /**
   * A custom fetch (proxies, tests): requests then go through ky on it. Without one, Node sends on
   * `node:http` and every other runtime on its global fetch.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** A tsyringe container to build the client's child container from; never modified. */
  container?: DependencyContainer;
  /** Observers of every HTTP exchange; they never see a secret. */
  hooks?: TransportHooks | undefined;
}

/**
 * Builds a provider-neutral client. The whole config is validated first (a bad or missing field is
 * an `invalid_config` error naming it); the adapter named by `config.provider` is then built in a
 * child container.
 *
 * @example
 * ```ts
 * import { configFromEnv, createConversations } from '@parley/core';
 * import { sunshine } from '@parley/sunshine';
 * import { ultracart } from '@parley/ultracart';
 *
 * const client = createConversations({ adapters: [ultracart, sunshine], config: configFromEnv(process.env) });
 * for await (const conversation of client.conversations.list()) console.log(conversation.title);
 * ```
 */
export function createConversations<const TAdapters extends readonly AnyAdapter[]>(
  options: CreateConversationsOptions<TAdapters>,
): ConversationClient<RawOf<TAdapters>> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.adapters))
    throw new ConversationError({
      code: 'invalid_config',
      message: 'createConversations needs { adapters: [...], config: { provider, ... } }',
      operation: 'createConversations',
    });
  const { adapter, section, settings } = resolveConfig(options.config, options.adapters);
  const child = (options.container ?? globalContainer).createChildContainer();
  const clientSettings: ClientSettings = {
    ...settings,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  };
  child.register(AdapterConfigToken, { useValue: section });
  child.register(ClientSettingsToken, { useValue: clientSettings });
  let provider: ReturnType<typeof adapter.createProvider>;
  try {
    provider = adapter.createProvider(child);
  } catch (error) {
    if (ConversationError.isInstance(error)) throw error.withContext(adapter.name, 'createConversations');
    throw new ConversationError({
      code: 'invalid_config',
      message: `${adapter.name} could not be set up: ${error instanceof Error ? error.message : String(error)}`,
      provider: adapter.name,
      operation: 'createConversations',
      cause: error,
    });
  }
  if (provider.specificationVersion !== 'v1')
    throw new ConversationError({
      code: 'invalid_config',
      message: `${adapter.name} implements provider specification ${String(provider.specificationVersion)}; this @parley/core supports v1`,
      provider: adapter.name,
      operation: 'createConversations',
    });
  // The adapter's credentials, so even a provider's unexpected exception cannot carry one out.
  const values = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  const secrets = adapter.secretKeys.flatMap((key) => (typeof values[key] === 'string' ? [values[key]] : []));
  return buildClient(provider, secrets) as ConversationClient<RawOf<TAdapters>>;
}

/**
 * Registers the client of {@link createConversations} in `container` under
 * {@link ConversationClientToken}, for apps that use tsyringe themselves. The client is built at once,
 * so a bad config fails at registration.
 *
 * @example
 * ```ts
 * registerConversations(container, { adapters: [ultracart], config });
 * const client = container.resolve<ConversationClient>(ConversationClientToken);
 * ```
 */
export function registerConversations<const TAdapters extends readonly AnyAdapter[]>(
  container: DependencyContainer,
  options: Omit<CreateConversationsOptions<TAdapters>, 'container'>,
): DependencyContainer {
  // Build now so a bad config fails at registration, not at the first resolve deep in the app.
  const client = createConversations({ ...options, container });
  container.register(ConversationClientToken, { useValue: client });
  return container;
}
