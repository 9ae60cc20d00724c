import * as v from 'valibot';

/** A message as Acme Chat sends it. */
export const messageSchema = v.looseObject({
  id: v.string(),
  conversation_id: v.string(),
  author: v.looseObject({ id: v.string(), display_name: v.optional(v.string()), kind: v.string() }),
  body: v.string(),
  /** Epoch milliseconds. */
  sent_at: v.number(),
});

/** `GET /conversations/{id}/messages`: one page and the token of the next (`null` on the last). */
export const messageListResponseSchema = v.looseObject({
  messages: v.array(messageSchema),
  next: v.nullable(v.string()),
});

/** `POST /conversations/{id}/messages`. */
export const messageResponseSchema = v.looseObject({ message: messageSchema });

/** A message on the wire. */
export type AcmeMessage = v.InferOutput<typeof messageSchema>;
/** `GET /conversations/{id}/messages` on the wire. */
export type AcmeMessageListResponse = v.InferOutput<typeof messageListResponseSchema>;
/** `POST /conversations/{id}/messages` on the wire. */
export type AcmeMessageResponse = v.InferOutput<typeof messageResponseSchema>;

/** The query of `GET /conversations/{id}/messages`, names as on the wire. */
export interface AcmeMessageListQuery {
  /** 1..50. */
  limit?: number;
  /** The `next` token of the previous page. */
  after?: string;
  /** `asc` (default): oldest first; `desc`: newest first. */
  order?: 'asc' | 'desc';
  /** Epoch milliseconds: only messages sent after it. */
  since?: number;
}

/** The body of `POST /conversations/{id}/messages`: text only, sent as the agent. */
export interface AcmeSendMessageBody {
  body: string;
}
