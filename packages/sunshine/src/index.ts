import {
  AdapterConfigToken,
  type ClientSettings,
  ClientSettingsToken,
  type ConversationAdapterV1,
} from '@parley/core';
import type { DependencyContainer } from 'tsyringe';
import { createSunshineApi, type SunshineApi } from './api.js';
import { type SunshineProviderConfig, sunshineConfigSchema } from './config.js';
import { SunshineProvider, sunshineCapabilities } from './provider.js';

/** Container token under which the `sunshine` adapter registers its {@link SunshineApi} in the client's child container. */
export const SunshineApiToken: unique symbol = Symbol.for('parley.sunshine.SunshineApi') as never;

/**
 * The Zendesk Sunshine Conversations v2 adapter: pass it in `adapters` and select it with
 * `provider: 'sunshine'`.
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
export const sunshine: ConversationAdapterV1<'sunshine', SunshineProviderConfig, SunshineApi> = {
  specificationVersion: 'v1',
  name: 'sunshine',
  configSchema: sunshineConfigSchema,
  capabilities: sunshineCapabilities,
  secretKeys: ['keySecret'],
  createProvider(container: DependencyContainer) {
    // A factory registration in the client's own child container: no decorators, no global state.
    let api: SunshineApi | undefined;
    container.register(SunshineApiToken, {
      useFactory: (scope) =>
        (api ??= createSunshineApi(
          scope.resolve<SunshineProviderConfig>(AdapterConfigToken),
          scope.resolve<ClientSettings>(ClientSettingsToken),
        )),
    });
    return new SunshineProvider(container.resolve<SunshineApi>(SunshineApiToken));
  },
};

export {
  createSunshineApi,
  parseSunshineError,
  SunshineApi,
  type SunshineConversationFilter,
  type SunshineRequestOptions,
  type SunshineUploadFile,
} from './api.js';
export {
  isLoopbackHost,
  type SunshineProviderConfig,
  type SunshineProviderConfigInput,
  type SunshineRegion,
  sunshineBaseUrl,
  sunshineConfigSchema,
  sunshineRegions,
} from './config.js';
export { JwtSigner, type JwtSignerOptions, scopeForKey } from './jwt.js';
export {
  checkSunshineIconUrl,
  checkSunshineMetadata,
  checkSunshineText,
  checkSunshineUploadExtension,
  checkSunshineUploadSize,
  sunshineLimits,
  uploadExtension,
} from './limits.js';
export { toConversation, toMessage, toParticipant, toRole } from './map.js';
export {
  createSunshineProvider,
  SunshineProvider,
  type SunshineProviderSettings,
  sunshineCapabilities,
} from './provider.js';
export * from './wire.js';
