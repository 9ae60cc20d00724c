// @parley/core: what an application uses. Adapter authors: '@parley/core/provider'; tests:
// '@parley/core/testing' and '@parley/core/conformance'; tsyringe apps: '@parley/core/tsyringe'.
export type { ConversationClient } from './client/conversation-client.js';
export {
  type ClientFor,
  type CreateConversationsOptions,
  createConversations,
} from './client/create-conversations.js';
export { configFromEnv } from './config/config-from-env.js';
export type { AdapterConfigInput, AnyAdapter, ParleyConfig, SharedConfig } from './config/parley-config.js';
export { ConversationError, type ConversationErrorOptions } from './errors/conversation-error.js';
export { type ConversationErrorCode, conversationErrorCodes } from './errors/error-code.js';
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
export {
  createMemoryEventStore,
  type EventStore,
  type MemoryEventStoreOptions,
} from './events/event-store.js';
export type {
  EventHandler,
  EventSubscription,
  FetchHandler,
  SubscribeOptions,
} from './events/event-subscription.js';
export { type NodeRequestListener, toNodeListener } from './events/node-listener.js';
export { type Page, PagePromise } from './paging/page-promise.js';
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
  TypingAction,
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
