/**
 * `@parley/ultracart`: the UltraCart conversations adapter for Parley.
 *
 * @example
 * ```ts
 * import { createConversations } from '@parley/core';
 * import { ultracart } from '@parley/ultracart';
 *
 * const client = createConversations({
 *   adapters: [ultracart],
 *   config: { provider: 'ultracart', ultracart: { apiKey: process.env.ULTRACART_API_KEY } },
 * });
 * ```
 */

import {
  AdapterConfigToken,
  type ClientSettings,
  ClientSettingsToken,
  type ConversationAdapterV1,
} from '@parley/core';
import type { DependencyContainer } from 'tsyringe';
import { UltraCartApi } from './api.js';
import { type UltraCartProviderConfig, ultracartConfigSchema } from './config.js';
import { UltraCartProvider, ultracartCapabilities } from './provider.js';

/** Container token of the UltraCart raw API inside the client's child container. */
export const UltraCartApiToken: unique symbol = Symbol.for('parley.ultracart.Api') as never;

/**
 * The UltraCart adapter definition: pass it in `adapters` and select it with
 * `config.provider: 'ultracart'` and a `config.ultracart` section (`apiKey` or `accessToken`,
 * optional `baseUrl`).
 *
 * @example
 * ```ts
 * const client = createConversations({
 *   adapters: [ultracart],
 *   config: { provider: 'ultracart', ultracart: { apiKey: '…' } },
 * });
 * await client.queues.setAgentStatus('support', 'available');
 * ```
 */
export const ultracart: ConversationAdapterV1<'ultracart', UltraCartProviderConfig, UltraCartApi> = {
  specificationVersion: 'v1',
  name: 'ultracart',
  configSchema: ultracartConfigSchema,
  capabilities: ultracartCapabilities,
  secretKeys: ['apiKey', 'accessToken'],
  createProvider(container: DependencyContainer) {
    // A factory registration in the client's own child container: no decorators, no global state.
    // One instance per client, so every resolve shares its transport (and its one-at-a-time queue).
    let api: UltraCartApi | undefined;
    container.register(UltraCartApiToken, {
      useFactory: (scope) =>
        (api ??= new UltraCartApi(
          scope.resolve<UltraCartProviderConfig>(AdapterConfigToken),
          scope.resolve<ClientSettings>(ClientSettingsToken),
        )),
    });
    return new UltraCartProvider(container.resolve<UltraCartApi>(UltraCartApiToken));
  },
};
export {
  ULTRACART_API_VERSION,
  ULTRACART_MAX_LIMIT,
  UltraCartApi,
  type UltraCartCallOptions,
  type UltraCartGetConversationsQuery,
  type UltraCartTransportSettings,
} from './api.js';
export { parseUltraCartError } from './api-checks.js';
export {
  ULTRACART_DEFAULT_BASE_URL,
  ULTRACART_DEFAULT_BUDGET,
  type UltraCartProviderConfig,
  type UltraCartProviderConfigInput,
  ultracartConfigSchema,
} from './config.js';
export { toIsoUtc } from './map.js';
export { createUltraCartProvider, UltraCartProvider, ultracartCapabilities } from './provider.js';
export {
  AutoOrderSchema,
  CartSchema,
  ConversationAgentAuthMerchantSchema,
  ConversationAgentAuthResponseSchema,
  ConversationAgentAuthSchema,
  ConversationJoinRequestSchema,
  ConversationMessageSchema,
  ConversationMessagesResponseSchema,
  ConversationMessageTranslationSchema,
  ConversationMessageTransportStatusSchema,
  ConversationMultimediaUploadUrlResponseSchema,
  ConversationMultimediaUploadUrlSchema,
  ConversationParticipantSchema,
  ConversationResponseSchema,
  ConversationSchema,
  ConversationSentimentSchema,
  ConversationStartRequestSchema,
  ConversationStartResponseSchema,
  ConversationSummarySchema,
  ConversationsResponseSchema,
  ConversationTwilioAccountSchema,
  ConversationWebchatContextSchema,
  ConversationWebchatQueueStatusAgentSchema,
  ConversationWebchatQueueStatusesResponseSchema,
  ConversationWebchatQueueStatusQueueEntrySchema,
  ConversationWebchatQueueStatusSchema,
  ConversationWebchatQueueStatusUpdateRequestSchema,
  ErrorResponseSchema,
  ErrorSchema,
  HitPageViewMetaDataSchema,
  HitPageViewSchema,
  HitSessionStartSchema,
  HitSessionUtmSchema,
  OrderSchema,
  ResponseMetadataSchema,
  ResultSetSchema,
  type UltraCartConversation,
  type UltraCartConversationAgentAuth,
  type UltraCartConversationAgentAuthMerchant,
  type UltraCartConversationAgentAuthResponse,
  type UltraCartConversationJoinRequest,
  type UltraCartConversationMessage,
  type UltraCartConversationMessagesResponse,
  type UltraCartConversationMessageTranslation,
  type UltraCartConversationMessageTransportStatus,
  type UltraCartConversationMultimediaUploadUrl,
  type UltraCartConversationMultimediaUploadUrlResponse,
  type UltraCartConversationParticipant,
  type UltraCartConversationResponse,
  type UltraCartConversationSentiment,
  type UltraCartConversationStartRequest,
  type UltraCartConversationStartResponse,
  type UltraCartConversationSummary,
  type UltraCartConversationsResponse,
  type UltraCartConversationTwilioAccount,
  type UltraCartConversationWebchatContext,
  type UltraCartConversationWebchatQueueStatus,
  type UltraCartConversationWebchatQueueStatusAgent,
  type UltraCartConversationWebchatQueueStatusesResponse,
  type UltraCartConversationWebchatQueueStatusQueueEntry,
  type UltraCartConversationWebchatQueueStatusUpdateRequest,
  type UltraCartError,
  type UltraCartErrorResponse,
  type UltraCartHitPageView,
  type UltraCartHitPageViewMetaData,
  type UltraCartHitSessionStart,
  type UltraCartHitSessionUtm,
  type UltraCartResponseMetadata,
  type UltraCartResultSet,
  type UltraCartWarning,
  WarningSchema,
} from './wire.js';
