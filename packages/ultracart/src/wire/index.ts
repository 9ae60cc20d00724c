/**
 * `@parley/ultracart/wire`: valibot schemas and types of the JSON the 13 UltraCart conversation
 * operations exchange, named as in UltraCart's spec (`spec/ultracart-conversation.openapi.json`):
 * field names exactly as on the wire, every field optional, unknown fields kept and unknown enum
 * values accepted. `UltraCartApi` takes and returns these types.
 *
 * @example
 * ```ts
 * import { ConversationResponseSchema, type UltraCartConversation } from '@parley/ultracart/wire';
 * import * as v from 'valibot';
 *
 * const conversation: UltraCartConversation | null | undefined = v.parse(ConversationResponseSchema, json).conversation;
 * ```
 */
export {
  ConversationAgentAuthMerchantSchema,
  ConversationAgentAuthResponseSchema,
  ConversationAgentAuthSchema,
  ConversationMultimediaUploadUrlResponseSchema,
  ConversationMultimediaUploadUrlSchema,
  ConversationTwilioAccountSchema,
  type UltraCartConversationAgentAuth,
  type UltraCartConversationAgentAuthMerchant,
  type UltraCartConversationAgentAuthResponse,
  type UltraCartConversationMultimediaUploadUrl,
  type UltraCartConversationMultimediaUploadUrlResponse,
  type UltraCartConversationTwilioAccount,
} from './agent.js';
export {
  AutoOrderSchema,
  CartSchema,
  ConversationWebchatContextSchema,
  HitPageViewMetaDataSchema,
  HitPageViewSchema,
  HitSessionStartSchema,
  HitSessionUtmSchema,
  OrderSchema,
  type UltraCartConversationWebchatContext,
  type UltraCartHitPageView,
  type UltraCartHitPageViewMetaData,
  type UltraCartHitSessionStart,
  type UltraCartHitSessionUtm,
} from './context.js';
export {
  ConversationJoinRequestSchema,
  ConversationMessageSchema,
  ConversationMessagesResponseSchema,
  ConversationMessageTranslationSchema,
  ConversationMessageTransportStatusSchema,
  ConversationParticipantSchema,
  ConversationResponseSchema,
  ConversationSchema,
  ConversationSentimentSchema,
  ConversationStartRequestSchema,
  ConversationStartResponseSchema,
  ConversationSummarySchema,
  ConversationsResponseSchema,
  type UltraCartConversation,
  type UltraCartConversationJoinRequest,
  type UltraCartConversationMessage,
  type UltraCartConversationMessagesResponse,
  type UltraCartConversationMessageTranslation,
  type UltraCartConversationMessageTransportStatus,
  type UltraCartConversationParticipant,
  type UltraCartConversationResponse,
  type UltraCartConversationSentiment,
  type UltraCartConversationStartRequest,
  type UltraCartConversationStartResponse,
  type UltraCartConversationSummary,
  type UltraCartConversationsResponse,
  type UltraCartGetConversationsQuery,
} from './conversation.js';
export {
  ErrorResponseSchema,
  ErrorSchema,
  ResponseMetadataSchema,
  ResultSetSchema,
  type UltraCartError,
  type UltraCartErrorResponse,
  type UltraCartResponseMetadata,
  type UltraCartResultSet,
  type UltraCartWarning,
  WarningSchema,
} from './envelope.js';
export {
  ConversationWebchatQueueStatusAgentSchema,
  ConversationWebchatQueueStatusesResponseSchema,
  ConversationWebchatQueueStatusQueueEntrySchema,
  ConversationWebchatQueueStatusSchema,
  ConversationWebchatQueueStatusUpdateRequestSchema,
  type UltraCartConversationWebchatQueueStatus,
  type UltraCartConversationWebchatQueueStatusAgent,
  type UltraCartConversationWebchatQueueStatusesResponse,
  type UltraCartConversationWebchatQueueStatusQueueEntry,
  type UltraCartConversationWebchatQueueStatusUpdateRequest,
} from './queue.js';
