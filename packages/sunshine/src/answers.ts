import type { Conversation, ConversationError, Message, Participant } from '@parley/core';
import { invalidResponse } from '@parley/core/provider';
import * as v from 'valibot';
import { isObject, isOptionalBoolean, isOptionalString, type WireObject } from './map/checks.js';
import { readConversation } from './map/conversation.js';
import { readMessage, type TimedMessage, timedMessage } from './map/message.js';
import { readParticipant } from './map/participant.js';
import type { SunshineLinks, SunshineMeta } from './wire/common.js';
import {
  conversationListResponseSchema,
  conversationResponseSchema,
  participantListResponseSchema,
} from './wire/conversations.js';
import { messageListResponseSchema } from './wire/messages.js';

// The provider's reads of the answers behind conversations.get, conversations.list and
// messages.list (DESIGN §4): each checks only the fields it reads, as it reads them, without
// copying; `raw` is the object as received. An answer they refuse fails exactly as the raw API
// fails on it: the full valibot schema parses it then, and its first issue gives the
// `invalid_response` path and wording. What a reader does not read is not checked (each reader
// names those fields); `answers.test.ts` holds the readers to the schemas.

/** A list answer's paging fields, as `nextCursor` reads them. */
export interface Paging {
  meta?: SunshineMeta | undefined;
  links?: SunshineLinks | undefined;
}

/** `meta` and `links` as `metaSchema` and `linksSchema` take them. */
function isPaging(data: WireObject): data is WireObject & Paging {
  const { meta, links } = data;
  if (meta !== undefined) {
    if (!isObject(meta)) return false;
    if (!isOptionalBoolean(meta.hasMore)) return false;
    if (!isOptionalString(meta.afterCursor) || !isOptionalString(meta.beforeCursor)) return false;
  }
  return (
    links === undefined || (isObject(links) && isOptionalString(links.prev) && isOptionalString(links.next))
  );
}

/** The error the raw API gives for `data`: the first issue of the full schema. */
function refusal(schema: v.GenericSchema, data: unknown, operation: string): ConversationError {
  const context = { provider: 'sunshine', operation };
  const result = v.safeParse(schema, data);
  if (!result.success) return invalidResponse(result.issues, context);
  // Only a reader stricter than its schema gets here; the property tests keep them equal.
  return invalidResponse([], context);
}

/** A page of items and the paging fields beside them. */
export interface ReadPage<T> {
  items: T[];
  paging: Paging;
}

/** Every item of `data[key]` through `read`, or undefined at the first it refuses. */
function readList<T>(
  data: unknown,
  key: string,
  read: (value: unknown) => T | undefined,
): ReadPage<T> | undefined {
  if (!isObject(data)) return undefined;
  const list = data[key];
  if (!Array.isArray(list)) return undefined;
  const items: T[] = [];
  for (const value of list) {
    const item = read(value);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return isPaging(data) ? { items, paging: data } : undefined;
}

/**
 * Where a list answer's page leads, before its items are read: its paging fields and the id of
 * its last item as received, or undefined when they break the schema (the full read then fails).
 * Enough for `nextCursor`, so the next page can be requested while this one is mapped.
 */
export function readListHead(
  data: unknown,
  key: string,
): { paging: Paging; lastId: string | undefined } | undefined {
  if (!isObject(data) || !isPaging(data)) return undefined;
  const list = data[key];
  if (!Array.isArray(list)) return undefined;
  const last: unknown = list.at(-1);
  const id = isObject(last) ? last.id : undefined;
  return { paging: data, lastId: typeof id === 'string' ? id : undefined };
}

/** `{ conversation }` of Get Conversation; its `participants` come from List Participants, so start empty. */
export function readConversationAnswer(data: unknown): Conversation {
  const conversation = isObject(data) ? readConversation(data.conversation) : undefined;
  if (conversation === undefined) throw refusal(conversationResponseSchema, data, 'getConversation');
  return conversation;
}

/** `{ conversations, meta, links }` of List Conversations. */
export function readConversationList(data: unknown): ReadPage<Conversation> {
  const page = readList(data, 'conversations', (value) => readConversation(value));
  if (page === undefined) throw refusal(conversationListResponseSchema, data, 'listConversations');
  return page;
}

/** `{ participants, meta, links }` of List Participants. */
export function readParticipantList(data: unknown): ReadPage<Participant> {
  const page = readList(data, 'participants', readParticipant);
  if (page === undefined) throw refusal(participantListResponseSchema, data, 'listParticipants');
  return page;
}

/**
 * `{ messages, meta, links }` of List Messages, half read: every message's `id` and `received`
 * (what ordering the page takes), the rest only for the messages a listing keeps
 * ({@link readKeptMessages}). A message not kept is not checked beyond those two fields.
 */
export interface MessageList extends ReadPage<TimedMessage> {
  /** The answer as received, for the error of a kept message that breaks the schema. */
  data: unknown;
}

/** Reads a List Messages answer as far as ordering its messages needs (see {@link MessageList}). */
export function readMessageList(data: unknown): MessageList {
  const page = readList(data, 'messages', timedMessage);
  if (page === undefined) throw refusal(messageListResponseSchema, data, 'listMessages');
  return { ...page, data };
}

/** The messages a listing keeps of `list`, read in full and mapped. */
export function readKeptMessages(list: MessageList, kept: TimedMessage[], conversationId: string): Message[] {
  const messages: Message[] = [];
  for (const timed of kept) {
    const message = readMessage(timed, conversationId);
    if (message === undefined) throw refusal(messageListResponseSchema, list.data, 'listMessages');
    messages.push(message);
  }
  return messages;
}
