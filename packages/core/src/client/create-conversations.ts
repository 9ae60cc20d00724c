import { type AnyAdapter, type ParleyConfig, resolveConfig } from '../config/parley-config.js';
import { ConversationError } from '../errors/conversation-error.js';
import type { ClientSettings, ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import type { ConversationProviderV1 } from '../provider/v1/conversation-provider-v1.js';
import type { TransportHooks } from '../transport/transport-hooks.js';
import { buildClient } from './build-client.js';
import type { ConversationClient } from './conversation-client.js';

/**
 * The client of a program that can use `TAdapters`: one variant per adapter, so comparing
 * `client.provider` narrows `client.raw` to that adapter's raw API.
 */
export type ClientFor<TAdapters extends readonly AnyAdapter[]> = TAdapters[number] extends infer TAdapter
  ? TAdapter extends ConversationAdapterV1<infer TName, infer _Input, infer _Config, infer TRaw>
    ? ConversationClient<TRaw, TName>
    : never
  : never;

/** Options of {@link createConversations}. */
export interface CreateConversationsOptions<TAdapters extends readonly AnyAdapter[] = readonly AnyAdapter[]> {
  /** The adapters this program can use; `config.provider` picks one of them by name. */
  adapters: TAdapters;
  /** Plain data: a parsed JSON file or `configFromEnv(process.env, adapters)`. */
  config: ParleyConfig<TAdapters>;
  /**
   * A custom fetch (proxies, tests): requests then go through ky on it. Without one, Node sends on
   * `node:http` and every other runtime on its global fetch.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Observers of every HTTP exchange; they never see a secret. */
  hooks?: TransportHooks | undefined;
}

function setupError(message: string, provider?: string, cause?: unknown): ConversationError {
  return new ConversationError({
    code: 'invalid_config',
    message,
    provider,
    operation: 'createConversations',
    cause,
  });
}

/**
 * Builds a provider-neutral client. The whole config is validated first (a bad, missing or unknown
 * field is an `invalid_config` error naming it, never its value); the adapter named by
 * `config.provider` then builds its provider from plain values. No container, no global state.
 *
 * @example
 * ```ts
 * import { configFromEnv, createConversations } from '@parley/core';
 * import { sunshine } from '@parley/sunshine';
 * import { ultracart } from '@parley/ultracart';
 *
 * const adapters = [ultracart, sunshine] as const;
 * const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
 * for await (const conversation of client.conversations.list()) console.log(conversation.title);
 * if (client.provider === 'ultracart') await client.raw.getAgentKeepAlive(); // raw is UltraCartApi here
 * ```
 */
export function createConversations<const TAdapters extends readonly AnyAdapter[]>(
  options: CreateConversationsOptions<TAdapters>,
): ClientFor<TAdapters> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.adapters))
    throw setupError('createConversations needs { adapters: [...], config: { provider, ... } }');
  const { adapter, section, settings } = resolveConfig(options.config, options.adapters);
  const clientSettings: ClientSettings = {
    ...settings,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  };
  // The adapter's credentials, so even a provider's unexpected exception cannot carry one out.
  const values = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  const secrets = adapter.secretKeys.flatMap((key) => (typeof values[key] === 'string' ? [values[key]] : []));
  let provider: ConversationProviderV1<unknown>;
  try {
    provider = adapter.createProvider({ config: section, settings: clientSettings });
  } catch (error) {
    if (ConversationError.isInstance(error)) throw error.withContext(adapter.name, 'createConversations');
    const reason = error instanceof Error ? error.message : String(error);
    throw setupError(`${adapter.name} could not be set up: ${reason}`, adapter.name, error);
  }
  if (provider.specificationVersion !== 'v1')
    throw setupError(
      `${adapter.name} implements provider specification ${String(provider.specificationVersion)}; this @parley/core supports v1`,
      adapter.name,
    );
  return buildClient(provider, secrets) as ClientFor<TAdapters>;
}
