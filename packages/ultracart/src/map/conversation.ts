import type { Conversation, Message } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { UltraCartConversation, UltraCartConversationSummary } from '../wire/conversation.js';
import type { MapContext } from './context.js';
import { readTimedMessage, type TimedMessage } from './message.js';
import { readParticipant } from './participant.js';
import {
  asObject,
  readAnswer,
  readBoolean,
  readDts,
  readInt,
  readItems,
  readString,
  required,
  type WireObject,
} from './read.js';

const PROVIDER = 'ultracart';
// valibot's words for `medium` (an open enum: a union of its values and any string).
const MEDIUM = 'Invalid type: Expected (("sms" | "websocket") | string)';

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
function oldestFirst(timed: TimedMessage[]): Message[] {
  timed.sort((a, b) => a.epoch - b.epoch);
  const messages: Message[] = new Array(timed.length);
  for (let i = 0; i < timed.length; i++) messages[i] = (timed[i] as TimedMessage).message;
  return messages;
}

/**
 * Reads a conversation in place (see `read.ts`): a summary of the listing (participants and the
 * last message), or with `withMessages` a `Conversation` of `getConversation`/`startConversation`
 * with its messages too, oldest first. Every timestamp is parsed once. Checked: the fields read,
 * in the schema's order (`closed`, `conversation_uuid`, `last_conversation_message_body`,
 * `last_conversation_participant_arn`, `_name`, `last_interactive_message_dts`,
 * `last_message_dts`, `medium`, `message_count`, `participants`, `start_dts`, `unread_messages`,
 * then `messages`); the others (`conversation_arn`, `merchant_id`, `sentiment`, `visible`,
 * `customer_first_message_unresponded_to_dts`, `base_language_iso_code`, `virtual_agent*`) are
 * not read, so not checked: they reach `raw` as UltraCart sent them.
 */
export function readConversation(conversation: WireObject, withMessages: boolean): Conversation {
  const closed = readBoolean(conversation, 'closed');
  const id = readString(conversation, 'conversation_uuid');
  if (!id) required('conversation_uuid');
  const text = readString(conversation, 'last_conversation_message_body');
  const authorId = readString(conversation, 'last_conversation_participant_arn');
  const authorName = readString(conversation, 'last_conversation_participant_name');
  const lastInteractive = readDts(conversation, 'last_interactive_message_dts');
  const lastMessage = readDts(conversation, 'last_message_dts');
  const medium = readString(conversation, 'medium', MEDIUM);
  const messageCount = readInt(conversation, 'message_count');
  const participants = readItems(conversation, 'participants', readParticipant, undefined);
  const start = readDts(conversation, 'start_dts');
  const unread = readBoolean(conversation, 'unread_messages');
  const messages = withMessages
    ? readItems(conversation, 'messages', readTimedMessage, id as string)
    : undefined;
  const out: Conversation = {
    id: id as string,
    provider: PROVIDER,
    status: closed === true ? 'closed' : 'open',
    participants: participants ?? [],
    // UltraCart conversations carry no free-form metadata; `raw` has every provider field.
    metadata: {},
    raw: conversation,
  };
  const channel = toChannel(medium);
  if (channel !== undefined) out.channel = channel;
  if (start !== undefined) out.createdAt = isoUtc(start);
  const sentAt = lastMessage === undefined ? undefined : isoUtc(lastMessage);
  const lastActivityAt = sentAt ?? (lastInteractive === undefined ? undefined : isoUtc(lastInteractive));
  if (lastActivityAt !== undefined) out.lastActivityAt = lastActivityAt;
  if (unread !== undefined) out.unread = unread;
  if (messageCount !== undefined) out.messageCount = messageCount;
  if (text !== undefined || sentAt !== undefined || authorId !== undefined || authorName !== undefined) {
    const last: NonNullable<Conversation['lastMessage']> = {};
    if (text !== undefined) last.text = text;
    if (sentAt !== undefined) last.sentAt = sentAt;
    if (authorId !== undefined || authorName !== undefined) {
      const author: NonNullable<typeof last.author> = { role: 'unknown' };
      if (authorId !== undefined) author.id = authorId;
      if (authorName !== undefined) author.name = authorName;
      last.author = author;
    }
    out.lastMessage = last;
  }
  if (messages !== undefined) out.messages = oldestFirst(messages);
  return out;
}

/**
 * A conversation from `getConversation`/`startConversation`, with its participants and messages,
 * or `invalid_response` at `context.path.<field>`.
 */
export function toConversation(conversation: UltraCartConversation, context: MapContext): Conversation {
  return readAnswer(() => readConversation(asObject(conversation), true), context, context.path);
}

/** A conversation summary from the listing (participants and the last message, no messages). */
export function toConversationSummary(
  conversation: UltraCartConversationSummary,
  context: MapContext,
): Conversation {
  return readAnswer(() => readConversation(asObject(conversation), false), context, context.path);
}
