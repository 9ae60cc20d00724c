import { encodePathSegment, invalidRequest, issuePath, type TransportRequest } from '@parley/core/provider';
import * as v from 'valibot';
import type { UltraCartGetConversationsQuery } from './wire/conversation.js';

// Caller input checked before any request, and the requests of the three reads that both the raw
// API (full wire schema on the answer) and the provider (hand checks of what it reads) send.

const PROVIDER = 'ultracart';
/** Largest `_limit` of `getConversations` ("Max 200"). */
export const ULTRACART_MAX_LIMIT = 200;

/**
 * The largest file `media.upload` sends. UltraCart documents no limit for its presigned upload (the
 * method, headers and expiry of that PUT are undocumented too, ultracart-notes §5), and the file is
 * read into memory first (a presigned PUT needs its length, and a buffered body can be retried), so
 * Parley caps it at 50 MiB: an inferred bound, not one UltraCart states. A larger file is refused
 * with `invalid_request` before any request (a stream is read only up to the limit).
 */
export const ULTRACART_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** `invalid_request` for `field` of `operation`: nothing was sent. */
export const refuse = (field: string, problem: string, operation: string) =>
  invalidRequest(field, problem, { provider: PROVIDER, operation });

/** `value` as an encoded path segment, or `invalid_request` when it is blank or no segment can carry it. */
export function segment(value: unknown, field: string, operation: string): string {
  // A blank id would address another endpoint (`…/conversations/` is the listing) or nothing at all.
  if (typeof value !== 'string' || value.trim() === '')
    throw refuse(field, 'must be a non-empty string', operation);
  return encodePathSegment(value, field, { provider: PROVIDER, operation });
}

/** An optional integer parameter of at least `min`, or `invalid_request`. */
function optionalInt(value: unknown, field: string, min: number, operation: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw refuse(field, `must be an integer of at least ${min}`, operation);
  return value;
}

/** A request body checked against its wire model, or `invalid_request` naming the field. */
export function body<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  field: string,
  operation: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const at = issue === undefined ? field : issuePath(issue, field);
  throw refuse(at, 'does not match the UltraCart model', operation);
}

/** `GET /conversation/conversations/{conversation_uuid}?limit=`, or `invalid_request`. */
export function getConversationRequest(
  conversationUuid: string,
  query: { limit?: number | undefined },
): TransportRequest {
  const operation = 'getConversation';
  const limit = optionalInt(query.limit, 'limit', 1, operation);
  return {
    operation,
    method: 'GET',
    path: `conversation/conversations/${segment(conversationUuid, 'conversation_uuid', operation)}`,
    query: { limit },
  };
}

/** `GET /conversation/conversations/{conversation_uuid}/messages/{since}?limit=`, or `invalid_request`. */
export function getConversationMessagesRequest(
  conversationUuid: string,
  since: number,
  query: { limit?: number | undefined },
): TransportRequest {
  const operation = 'getConversationMessages';
  if (!Number.isSafeInteger(since) || since < 0)
    throw refuse('since', 'must be a non-negative integer of epoch milliseconds', operation);
  const uuid = segment(conversationUuid, 'conversation_uuid', operation);
  return {
    operation,
    method: 'GET',
    path: `conversation/conversations/${uuid}/messages/${since}`,
    query: { limit: optionalInt(query.limit, 'limit', 1, operation) },
  };
}

/** `GET /conversation/conversations?medium&before&_limit&_offset`, or `invalid_request`. */
export function getConversationsRequest(query: UltraCartGetConversationsQuery): TransportRequest {
  const operation = 'getConversations';
  const limit = optionalInt(query._limit, '_limit', 1, operation);
  if (limit !== undefined && limit > ULTRACART_MAX_LIMIT)
    throw refuse('_limit', `must be at most ${ULTRACART_MAX_LIMIT}`, operation);
  return {
    operation,
    method: 'GET',
    path: 'conversation/conversations',
    query: {
      medium: query.medium,
      before: query.before,
      _limit: limit,
      _offset: optionalInt(query._offset, '_offset', 0, operation),
    },
  };
}
