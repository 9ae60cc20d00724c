import type { ConversationAdapterV1 } from '@parley/core/provider';
import { AcmeApi } from './api.js';
import {
  type AcmeConfig,
  type AcmeConfigInput,
  acmeConfigSchema,
  acmeEnv,
  acmeSecretKeys,
} from './config.js';
import { AcmeProvider } from './provider.js';
import { createAcmeTransport } from './transport.js';

/**
 * The Acme Chat adapter: pass it in `adapters` and select it with `provider: 'acme'` and an `acme`
 * section (`token`, `baseUrl`), or set `ACME_TOKEN` and `ACME_BASE_URL` for `configFromEnv`.
 *
 * @example
 * ```ts
 * const adapters = [acme] as const;
 * const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
 * for await (const conversation of client.conversations.list()) console.log(conversation.title);
 * ```
 */
export const acme: ConversationAdapterV1<'acme', AcmeConfigInput, AcmeConfig, AcmeApi> = {
  specificationVersion: 'v1',
  name: 'acme',
  configSchema: acmeConfigSchema,
  env: acmeEnv,
  secretKeys: acmeSecretKeys,
  createProvider: ({ config, settings }) =>
    new AcmeProvider(new AcmeApi(createAcmeTransport(config, settings))),
};
