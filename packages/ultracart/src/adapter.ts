import type { ConversationAdapterV1 } from '@parley/core/provider';
import { UltraCartApi } from './api.js';
import {
  type UltraCartConfig,
  type UltraCartConfigInput,
  ultracartConfigSchema,
  ultracartEnv,
  ultracartSecretKeys,
} from './config.js';
import { loadDeferred } from './load-deferred.js';
import { UltraCartProvider } from './provider.js';
import { createUltraCartTransport } from './transport.js';

/**
 * The UltraCart adapter: pass it in `adapters` and select it with `config.provider: 'ultracart'`
 * and an `ultracart` section (`apiKey` or `accessToken`, optional `baseUrl` and `budget`), or let
 * `configFromEnv` read `ULTRACART_API_KEY` / `ULTRACART_ACCESS_TOKEN` / `ULTRACART_BASE_URL`. Each
 * client gets its own transport: one request at a time and its own request budget, which its live
 * events poller (`client.events.subscribe`) spends too.
 *
 * @example
 * ```ts
 * import { createConversations } from '@parley/core';
 * import { ultracart } from '@parley/ultracart';
 *
 * const client = createConversations({
 *   adapters: [ultracart],
 *   config: { provider: 'ultracart', ultracart: { apiKey: process.env.ULTRACART_API_KEY ?? '' } },
 * });
 * await client.queues.setAgentStatus('support', 'available');
 * ```
 */
export const ultracart: ConversationAdapterV1<
  'ultracart',
  UltraCartConfigInput,
  UltraCartConfig,
  UltraCartApi
> = {
  specificationVersion: 'v1',
  name: 'ultracart',
  configSchema: ultracartConfigSchema,
  env: ultracartEnv,
  secretKeys: ultracartSecretKeys,
  createProvider: ({ config, settings }) => {
    const transport = createUltraCartTransport(config, settings);
    const { baseUrl, apiKey, accessToken, events } = config;
    return new UltraCartProvider(new UltraCartApi(transport), {
      // The lease and checkpoint keys name the account by a digest of its credential, never the
      // credential. Only the poller asks for it, so it loads with the poller (deferred.ts).
      account: async () => (await loadDeferred()).ultracartAccount(baseUrl, apiKey ?? accessToken ?? ''),
      budget: transport.budget,
      leaseTtlMs: events?.leaseTtlMs,
      maxIntervalMs: events?.maxIntervalMs,
    });
  },
};
