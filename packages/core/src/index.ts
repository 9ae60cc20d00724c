// Loads reflect-metadata before tsyringe (see di/global-container.ts): the package's one side effect.
import './di/global-container.js';

export type { ConversationClient } from './client/conversation-client.js';
export {
  type CreateConversationsOptions,
  createConversations,
  type RawOf,
  registerConversations,
} from './client/create-conversations.js';
export { configFromEnv } from './config/config-from-env.js';
export type { ParleyConfig } from './config/parley-config.js';
export {
  decodeBase64,
  decodeBase64Text,
  decodeBase64Url,
  decodeBase64UrlText,
  encodeBase64,
  encodeBase64Url,
} from './encoding/base64.js';
export { ConversationError, type ConversationErrorOptions } from './errors/conversation-error.js';
export { type ConversationErrorCode, conversationErrorCodes } from './errors/error-code.js';
export {
  abortError,
  codeForStatus,
  type ErrorContext,
  httpError,
  invalidRequest,
  invalidResponse,
  issueMessage,
  issuePath,
  networkError,
  type ProviderErrorDetails,
  timeoutError,
  unsupportedError,
} from './errors/error-factories.js';
export type {
  ConversationCreatedEvent,
  ConversationEvent,
  ConversationEventBase,
  ConversationEventType,
  ConversationReadEvent,
  ConversationRemovedEvent,
  EventAuthor,
  EventParticipant,
  MessageCreatedEvent,
  ParticipantEvent,
  TypingEvent,
  UnknownConversationEvent,
} from './events/conversation-event.js';
export { createMemoryDedupeStore, type EventDedupeStore } from './events/dedupe-store.js';
export { type CursorPayload, decodeCursor, encodeCursor } from './paging/cursor.js';
export { type Page, PagePromise } from './paging/page-promise.js';
export type { ConversationAdapterV1 } from './provider/v1/adapter-definition-v1.js';
export type {
  ConversationProviderV1,
  ProviderCallOptions,
  ProviderListConversationsParams,
  ProviderListMessagesParams,
  ProviderPage,
} from './provider/v1/conversation-provider-v1.js';
export {
  AdapterConfigToken,
  type ClientSettings,
  ClientSettingsToken,
  ConversationClientToken,
} from './provider/v1/tokens.js';
export {
  createTransport,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ErrorResponseInfo,
  type HttpMethod,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport/create-transport.js';
export { encodePathSegment, pathSegmentProblem } from './transport/path-segment.js';
export { redactHeaders, scrub } from './transport/redact.js';
export {
  type BudgetTakeOptions,
  createRequestBudget,
  type RequestBudget,
  type RequestBudgetLimits,
} from './transport/request-budget.js';
export { parseRetryAfter, type RetryOptions } from './transport/retry-policy.js';
export type { RequestInfo, TransportHooks } from './transport/transport-hooks.js';
export { allCapabilities, type Capability } from './types/capability.js';
export type {
  CallOptions,
  CreateConversationInput,
  GetConversationOptions,
  ListConversationsParams,
  ListMessagesParams,
  ParticipantOptions,
  ParticipantRef,
  SendMessageInput,
  UpdateConversationInput,
  UploadInput,
} from './types/inputs.js';
export type {
  AgentSession,
  AgentStatus,
  Conversation,
  MediaAttachment,
  Message,
  Metadata,
  Participant,
  ParticipantRole,
  Queue,
  QueueAgent,
  QueueEntry,
  RawObject,
} from './types/model.js';
export { credentialSchema, mediaTypeProblem } from './validation/header-values.js';
export { isoUtc } from './validation/iso-utc.js';
export { parseWire } from './validation/parse-wire.js';
