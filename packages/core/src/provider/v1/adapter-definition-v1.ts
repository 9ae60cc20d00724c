import type { DependencyContainer } from 'tsyringe';
import type * as v from 'valibot';
import type { Capability } from '../../types/capability.js';
import type { ConversationProviderV1 } from './conversation-provider-v1.js';

/**
 * What an adapter package exports (`ultracart`, `sunshine`, `createMemoryProvider()`): enough for
 * `createConversations` to validate the adapter's config section and build its provider.
 *
 * `createProvider` runs inside a child container in which the client has registered
 * {@link AdapterConfigToken} (the validated config section) and {@link ClientSettingsToken}
 * (timeout, retry, fetch, hooks). An adapter may register its own services in that container; it
 * never touches the global one.
 *
 * @example
 * ```ts
 * export const acme: ConversationAdapterV1<'acme', AcmeConfig, AcmeApi> = {
 *   specificationVersion: 'v1',
 *   name: 'acme',
 *   configSchema: acmeConfigSchema,
 *   capabilities: new Set(['conversations.list', 'conversations.get']),
 *   secretKeys: ['apiKey'],
 *   createProvider: (container) =>
 *     new AcmeProvider(container.resolve(AdapterConfigToken), container.resolve(ClientSettingsToken)),
 * };
 * ```
 */
export interface ConversationAdapterV1<TName extends string = string, TConfig = unknown, TRaw = unknown> {
  readonly specificationVersion: 'v1';
  /** The value of `config.provider` that selects this adapter, and the key of its config section. */
  readonly name: TName;
  /** Validates the adapter's config section; `undefined` for an adapter with no settings. */
  readonly configSchema?: v.GenericSchema<unknown, TConfig> | undefined;
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Config keys whose values are credentials. The client scrubs them from the messages of errors it
   * wraps; the adapter still hands them to its transport (`secrets`) for provider text and hooks.
   */
  readonly secretKeys: readonly string[];
  createProvider(container: DependencyContainer): ConversationProviderV1<TRaw>;
}
