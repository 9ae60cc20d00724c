import type { Conversation, Message, Participant, ParticipantRole, RawObject } from '../types/model.js';

/** Fields every event has. */
export interface ConversationEventBase<TType extends string> {
  /** The provider's event id: the same on every redelivery, so use it to deduplicate. */
  id: string;
  provider: string;
  type: TType;
  /** When the provider says it happened: ISO-8601 UTC with milliseconds. */
  occurredAt: string;
  conversationId: string;
  /** The provider's event object, unchanged. */
  raw: RawObject;
}

/** Who did something (read, typed): the same shape as a message's author. */
export interface EventAuthor {
  /** The provider's user id, when the author is a user. */
  id?: string;
  name?: string;
  role: ParticipantRole;
}

/**
 * Who joined or left. Providers may name the user rather than the membership (Sunshine's
 * `conversation:join` carries the user, not the participant), so `id`, the participant id, is
 * optional here; `userId` / `userExternalId` say who it is.
 */
export interface EventParticipant extends Omit<Participant, 'id'> {
  /** The provider's participant id, when the event carries it. */
  id?: string;
  /** The application's own id for the user (Sunshine `externalId`). */
  userExternalId?: string;
}

/** A conversation was created. `conversation` holds what the event carried (often truncated). */
export interface ConversationCreatedEvent extends ConversationEventBase<'conversation.created'> {
  conversation: Conversation;
  /** Why, as the provider says (`message`, `startConversation`, …). */
  reason?: string;
}

/** A conversation was removed. */
export interface ConversationRemovedEvent extends ConversationEventBase<'conversation.removed'> {
  conversation: Conversation;
}

/** A message was added. */
export interface MessageCreatedEvent extends ConversationEventBase<'message.created'> {
  message: Message;
}

/** A participant joined or left. */
export interface ParticipantEvent extends ConversationEventBase<'participant.joined' | 'participant.left'> {
  participant: EventParticipant;
}

/** Someone read the conversation. */
export interface ConversationReadEvent extends ConversationEventBase<'conversation.read'> {
  author: EventAuthor;
}

/** Someone started or stopped typing. */
export interface TypingEvent extends ConversationEventBase<'typing.started' | 'typing.stopped'> {
  author: EventAuthor;
}

/** An event type Parley does not model yet: kept whole, never dropped. */
export interface UnknownConversationEvent extends Omit<ConversationEventBase<'unknown'>, 'conversationId'> {
  /** The provider's own event type, e.g. `switchboard:passControl`. */
  providerType: string;
  /** Present when the event names a conversation. */
  conversationId?: string;
}

/**
 * A neutral event about a conversation, from a provider's webhook. Switch on `type`.
 *
 * @example
 * ```ts
 * function onEvent(event: ConversationEvent) {
 *   if (event.type === 'message.created') console.log(event.message.text);
 * }
 * ```
 */
export type ConversationEvent =
  | ConversationCreatedEvent
  | ConversationRemovedEvent
  | MessageCreatedEvent
  | ParticipantEvent
  | ConversationReadEvent
  | TypingEvent
  | UnknownConversationEvent;

/** Every `type` a {@link ConversationEvent} can have. */
export type ConversationEventType = ConversationEvent['type'];
