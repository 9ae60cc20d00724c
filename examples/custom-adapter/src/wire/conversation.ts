import * as v from 'valibot';
import { participantSchema } from './participant.js';

/** A conversation as Acme Chat sends it; unknown fields are kept (so `raw` is what it sent) and unknown `state` values tolerated. */
export const conversationSchema = v.looseObject({
  id: v.string(),
  subject: v.nullish(v.string()),
  /** `open` or `closed`; anything else reads as open. */
  state: v.string(),
  /** Epoch milliseconds. */
  created_at: v.number(),
  /** Epoch milliseconds of the last change (the last message). */
  updated_at: v.optional(v.number()),
  participants: v.array(participantSchema),
  message_count: v.optional(v.number()),
});

/** `GET /conversations`: one page, newest first, and the token of the next (`null` on the last). */
export const conversationListResponseSchema = v.looseObject({
  conversations: v.array(conversationSchema),
  next: v.nullable(v.string()),
});

/** `GET /conversations/{id}`. */
export const conversationResponseSchema = v.looseObject({ conversation: conversationSchema });

/** A conversation on the wire. */
export type AcmeConversation = v.InferOutput<typeof conversationSchema>;
/** `GET /conversations` on the wire. */
export type AcmeConversationListResponse = v.InferOutput<typeof conversationListResponseSchema>;
/** `GET /conversations/{id}` on the wire. */
export type AcmeConversationResponse = v.InferOutput<typeof conversationResponseSchema>;

/** The query of `GET /conversations`, names as on the wire. */
export interface AcmeConversationListQuery {
  /** 1..50. */
  limit?: number;
  /** The `next` token of the previous page. */
  after?: string;
  /** Only the conversations this participant id takes part in. */
  participant?: string;
}
