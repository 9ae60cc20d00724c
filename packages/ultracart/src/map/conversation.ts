import type { Conversation, CreateConversationInput, Message } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import type {
  UltraCartConversation,
  UltraCartConversationMessage,
  UltraCartConversationStartRequest,
  UltraCartConversationSummary,
} from '../wire/conversation.js';
import { type MapContext, missing } from './context.js';
import { toTimedMessages } from './message.js';
import { toParticipant } from './participant.js';
import { toIsoUtc } from './timestamp.js';

const PROVIDER = 'ultracart';

/** The neutral channel of an UltraCart `medium`: `sms` → `sms`, `websocket` → `webchat`. */
export function toChannel(medium: string | null | undefined): 'sms' | 'webchat' | undefined {
  if (medium === 'sms') return 'sms';
  if (medium === 'websocket') return 'webchat';
  return undefined;
}

/** The UltraCart `medium` of a neutral channel (the `medium` query of `getConversations`). */
export function toMedium(channel: 'sms' | 'webchat'): 'sms' | 'websocket' {
  return channel === 'sms' ? 'sms' : 'websocket';
}

/** Messages oldest first; Array#sort is stable, so messages of one millisecond keep UltraCart's order. */
function toMessages(
  messages: readonly UltraCartConversationMessage[],
  conversationId: string,
  context: MapContext,
): Message[] {
  const timed = toTimedMessages(messages, conversationId, { ...context, path: `${context.path}.messages` });
  timed.sort((a, b) => a.epoch - b.epoch);
  return timed.map((entry) => entry.message);
}

/** A conversation from `getConversation`/`startConversation`, with its participants and messages. */
export function toConversation(conversation: UltraCartConversation, context: MapContext): Conversation {
  return mapConversation(conversation, conversation.messages, context);
}

/** A conversation summary from the listing (participants and the last message, no messages). */
export function toConversationSummary(
  conversation: UltraCartConversationSummary,
  context: MapContext,
): Conversation {
  return mapConversation(conversation, undefined, context);
}

function mapConversation(
  conversation: UltraCartConversation | UltraCartConversationSummary,
  messages: readonly UltraCartConversationMessage[] | null | undefined,
  context: MapContext,
): Conversation {
  const id = conversation.conversation_uuid;
  if (!id) throw missing('conversation_uuid', context);
  const participants = conversation.participants;
  const out: Conversation = {
    id,
    provider: PROVIDER,
    status: conversation.closed === true ? 'closed' : 'open',
    participants:
      participants == null
        ? []
        : participants.map((participant, index) => toParticipant(participant, context, index)),
    // UltraCart conversations carry no free-form metadata; `raw` has every provider field.
    metadata: {},
    raw: conversation,
  };
  const channel = toChannel(conversation.medium);
  if (channel !== undefined) out.channel = channel;
  const createdAt = toIsoUtc(conversation.start_dts);
  if (createdAt !== undefined) out.createdAt = createdAt;
  const lastMessageAt = toIsoUtc(conversation.last_message_dts);
  const lastActivityAt = lastMessageAt ?? toIsoUtc(conversation.last_interactive_message_dts);
  if (lastActivityAt !== undefined) out.lastActivityAt = lastActivityAt;
  if (conversation.unread_messages != null) out.unread = conversation.unread_messages;
  if (conversation.message_count != null) out.messageCount = conversation.message_count;
  const lastMessage = lastMessageOf(conversation, lastMessageAt);
  if (lastMessage !== undefined) out.lastMessage = lastMessage;
  if (messages != null) out.messages = toMessages(messages, id, context);
  return out;
}

function lastMessageOf(
  conversation: UltraCartConversation | UltraCartConversationSummary,
  sentAt: string | undefined,
): Conversation['lastMessage'] {
  const text = conversation.last_conversation_message_body;
  const authorId = conversation.last_conversation_participant_arn;
  const authorName = conversation.last_conversation_participant_name;
  if (text == null && sentAt === undefined && authorId == null && authorName == null) return undefined;
  const last: NonNullable<Conversation['lastMessage']> = {};
  if (text != null) last.text = text;
  if (sentAt !== undefined) last.sentAt = sentAt;
  if (authorId != null || authorName != null) {
    const author: NonNullable<typeof last.author> = { role: 'unknown' };
    if (authorId != null) author.id = authorId;
    if (authorName != null) author.name = authorName;
    last.author = author;
  }
  return last;
}

/**
 * The start request of `conversations.create`: participants' `id`s are participant ARNs
 * (`add_conversation_participant_arns`) and `queue` is the webchat queue uuid. UltraCart's start
 * has nowhere to put a title, description, icon, metadata or a group type, so those are refused
 * rather than silently dropped.
 */
export function toStartRequest(
  input: CreateConversationInput,
  context: ErrorContext,
): UltraCartConversationStartRequest {
  for (const field of ['title', 'description', 'iconUrl'] as const)
    if (input[field] !== undefined)
      throw invalidRequest(`input.${field}`, 'is not supported by UltraCart conversations', context);
  if (input.metadata !== undefined && Object.keys(input.metadata).length > 0)
    throw invalidRequest('input.metadata', 'is not supported by UltraCart conversations', context);
  if (input.type === 'group')
    throw invalidRequest('input.type', "must be 'personal' on UltraCart (no group conversations)", context);
  const arns = (input.participants ?? []).map((participant, index) => {
    if (participant.id === undefined)
      throw invalidRequest(
        `input.participants[${index}]`,
        'needs id (an UltraCart participant ARN); userId/userExternalId are Sunshine references',
        context,
      );
    return participant.id;
  });
  return {
    ...(arns.length === 0 ? {} : { add_conversation_participant_arns: arns }),
    ...(input.queue === undefined ? {} : { conversation_webchat_queue_uuid: input.queue }),
  };
}
