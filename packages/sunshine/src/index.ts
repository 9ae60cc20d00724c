import {
  AdapterConfigToken,
  type ClientSettings,
  ClientSettingsToken,
  type ConversationAdapterV1,
} from '@parley/core';
import type { DependencyContainer } from 'tsyringe';
import type { SunshineApi } from './api.js';
import { type SunshineProviderConfig, sunshineConfigSchema } from './config.js';
import { SunshineProvider, sunshineCapabilities } from './provider.js';
import { createSunshineApi } from './transport.js';

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
  secretKeys: ['keySecret', 'webhookSecret'],
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
  checkSunshineContentType,
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
export { createSunshineApi, parseSunshineError } from './transport.js';
export { type NodeRequestListener, toNodeListener } from './webhook/node-listener.js';
export { parseWebhook } from './webhook/parse-webhook.js';
export {
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRequestParts,
  webhookSecretHeader,
} from './webhook/verify-webhook.js';
export {
  createWebhookHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookHandlerResult,
} from './webhook/webhook-handler.js';
export {
  type SunshineMappedEventType,
  type SunshineWebhookActivity,
  type SunshineWebhookEnvelope,
  type SunshineWebhookEvent,
  type SunshineWebhookUser,
  webhookActivitySchema,
  webhookEnvelopeSchema,
  webhookEventSchema,
  webhookPayloadSchemas,
  webhookUserSchema,
} from './webhook/wire.js';
export {
  attachmentResponseSchema,
  authorSchema,
  clientAssociationSchema,
  contentSchema,
  conversationListResponseSchema,
  conversationResponseSchema,
  conversationSchema,
  emptyResponseSchema,
  errorResponseSchema,
  errorSchema,
  linksSchema,
  messageListResponseSchema,
  messagePostResponseSchema,
  messageSchema,
  metadataSchema,
  metaSchema,
  participantListResponseSchema,
  participantResponseSchema,
  participantSchema,
  type SunshineActivityPost,
  type SunshineAttachmentDeleteBody,
  type SunshineAttachmentResponse,
  type SunshineAuthor,
  type SunshineAuthorBody,
  type SunshineAuthorSubtype,
  type SunshineClientType,
  type SunshineContent,
  type SunshineContentBody,
  type SunshineContentType,
  type SunshineControlBody,
  type SunshineControlTransferBody,
  type SunshineConversation,
  type SunshineConversationCreateBody,
  type SunshineConversationListResponse,
  type SunshineConversationResponse,
  type SunshineConversationType,
  type SunshineConversationUpdateBody,
  type SunshineErrorResponse,
  type SunshineLinks,
  type SunshineMessage,
  type SunshineMessageListResponse,
  type SunshineMessagePost,
  type SunshineMessagePostResponse,
  type SunshineMeta,
  type SunshineMetadata,
  type SunshinePageQuery,
  type SunshineParticipant,
  type SunshineParticipantJoinBody,
  type SunshineParticipantLeaveBody,
  type SunshineParticipantListResponse,
  type SunshineParticipantResponse,
  type SunshineParticipantSubSchema,
  type SunshineSwitchboardIntegration,
  type SunshineUploadQuery,
  sourceSchema,
  switchboardIntegrationSchema,
  timestampSchema,
} from './wire.js';
