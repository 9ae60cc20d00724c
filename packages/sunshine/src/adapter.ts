import type { ConversationAdapterV1 } from '@parley/core/provider';
import { SunshineApi } from './api.js';
import {
  type SunshineConfig,
  type SunshineConfigInput,
  sunshineConfigSchema,
  sunshineEnv,
  sunshineSecretKeys,
} from './config.js';
import { SunshineProvider } from './provider.js';
import { createSunshineTransport } from './transport.js';

/**
 * The Zendesk Sunshine Conversations v2 adapter: pass it in `adapters` and select it with
 * `provider: 'sunshine'`. Its config section is {@link SunshineConfigInput}; `configFromEnv` reads
 * it from `SUNSHINE_*` variables; `client.raw` is a {@link SunshineApi}.
 *
 * @example
 * ```ts
 * import { createConversations } from '@parley/core';
 * import { sunshine } from '@parley/sunshine';
 *
 * const client = createConversations({
 *   adapters: [sunshine],
 *   config: { provider: 'sunshine', sunshine: { appId, keyId, keySecret, subdomain: 'acme' } },
 * });
 * const conversation = await client.conversations.create({ participants: [{ userId }] });
 * ```
 */
export const sunshine: ConversationAdapterV1<'sunshine', SunshineConfigInput, SunshineConfig, SunshineApi> = {
  specificationVersion: 'v1',
  name: 'sunshine',
  configSchema: sunshineConfigSchema,
  env: sunshineEnv,
  secretKeys: sunshineSecretKeys,
  createProvider: ({ config, settings }) =>
    new SunshineProvider(new SunshineApi(createSunshineTransport(config, settings), config.appId), {
      webhookSecret: config.webhookSecret,
    }),
};
