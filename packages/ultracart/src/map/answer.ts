import type { Conversation } from '@parley/core';
import { readConversation } from './conversation.js';
import { readTimedMessage, type TimedMessage } from './message.js';
import {
  asObject,
  readAnswer,
  readBoolean,
  readInt,
  readItems,
  readNested,
  required,
  type WireObject,
} from './read.js';

// Readers of the whole answers of the provider's hot reads, checked in place (see `read.ts`).
// Not read, so not checked: the envelope's `error`, `success` and `warning` (the transport refuses
// `success: false` on its own), `metadata` but for the listing's `result_set.more`/`next_offset`/
// `total_records`, and the fields each object reader lists.

const PROVIDER = 'ultracart';

/** Where a listing page sits, as `metadata.result_set` says. */
export interface ResultSet {
  more: boolean | undefined;
  nextOffset: number | undefined;
  total: number | undefined;
}

function readResultSet(resultSet: WireObject): ResultSet {
  return {
    more: readBoolean(resultSet, 'more'),
    nextOffset: readInt(resultSet, 'next_offset'),
    total: readInt(resultSet, 'total_records'),
  };
}

function readMetadata(metadata: WireObject): ResultSet | undefined {
  return readNested(metadata, 'result_set', readResultSet, undefined);
}

/**
 * The conversation of a `ConversationResponse` (`getConversation`) or `ConversationStartResponse`
 * answer, with its participants and messages, or `invalid_response` naming the field.
 */
export function readConversationAnswer(data: unknown, operation: string): Conversation {
  return readAnswer(
    () => {
      const conversation = readNested(asObject(data), 'conversation', readConversation, true);
      if (conversation === undefined) required('conversation');
      return conversation as Conversation;
    },
    { provider: PROVIDER, operation },
  );
}

/**
 * Where a `ConversationsResponse` (`getConversations`) page sits, and how many summaries it holds,
 * without reading them: enough to know the next page before {@link readConversationItems} maps
 * this one. `metadata` comes before `conversations` in the schema, so its problems come first here
 * as they do there.
 */
export function readConversationsHead(data: unknown): { resultSet: ResultSet | undefined; count: number } {
  return readAnswer(
    () => {
      const envelope = asObject(data);
      const resultSet = readNested(envelope, 'metadata', readMetadata, undefined);
      const list = envelope.conversations;
      return { resultSet, count: Array.isArray(list) ? list.length : 0 };
    },
    { provider: PROVIDER, operation: 'getConversations' },
  );
}

/** The summaries of a `ConversationsResponse` (`getConversations`) page whose head was read. */
export function readConversationItems(data: unknown): Conversation[] {
  return readAnswer(() => readItems(asObject(data), 'conversations', readConversation, false) ?? [], {
    provider: PROVIDER,
    operation: 'getConversations',
  });
}

/** The messages of a `ConversationMessagesResponse` (`getConversationMessages`), in their order, each with its send time. */
export function readMessagesAnswer(data: unknown, conversationId: string): TimedMessage[] {
  return readAnswer(
    () => readItems(asObject(data), 'conversation_messages', readTimedMessage, conversationId) ?? [],
    { provider: PROVIDER, operation: 'getConversationMessages' },
  );
}
