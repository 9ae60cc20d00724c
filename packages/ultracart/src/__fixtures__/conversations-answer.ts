import type { Conversation } from '@parley/core';
import { type ResultSet, readConversationItems, readConversationsHead } from '../map/answer.js';

/**
 * A whole `getConversations` page read as the listing reads it (head, then the summaries), for the
 * tests that hold those readers to the wire schema.
 */
export function readConversationsAnswer(data: unknown): {
  items: Conversation[];
  resultSet: ResultSet | undefined;
} {
  // `metadata` comes before `conversations` in the schema, so its problems are reported first.
  const { resultSet } = readConversationsHead(data);
  return { items: readConversationItems(data), resultSet };
}
