import type { ConversationAdapterV1 } from '../../provider/v1/adapter-definition-v1.js';
import { createMemoryProviderV1 } from './provider.js';
import type { MemorySeedOptions } from './seed.js';
import { createMemoryState, type MemoryRaw } from './state.js';

/** Options of {@link createMemoryProvider}. */
export interface MemoryProviderOptions extends MemorySeedOptions {}

/**
 * An adapter named `memory` that implements every capability in memory, with cursor paging,
 * `not_found`, ordering and uploads. State lives in the adapter, so clients built from the same
 * adapter share it. Use it in your own tests: `adapters: [createMemoryProvider()]`,
 * `config: { provider: 'memory' }`.
 *
 * @example
 * ```ts
 * const client = createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' } });
 * const page = await client.conversations.list({ limit: 5 });
 * ```
 */
export function createMemoryProvider(
  options: MemoryProviderOptions = {},
): ConversationAdapterV1<'memory', undefined, undefined, MemoryRaw> {
  const provider = createMemoryProviderV1(createMemoryState(options));
  return {
    specificationVersion: 'v1',
    name: 'memory',
    secretKeys: [],
    createProvider: () => provider,
  };
}
