import * as v from 'valibot';
import { idSchema, metadataSchema, pagingEntries, timestampSchema } from './common.js';

/** Known content `type` values; newer ones are accepted as plain strings. */
export type SunshineContentType =
  | 'text'
  | 'image'
  | 'file'
  | 'carousel'
  | 'list'
  | 'location'
  | 'form'
  | 'formResponse'
  | 'template'
  | (string & {});

/** Known author subtypes (`agent`/`bot` appear in responses only). */
export type SunshineAuthorSubtype = 'AI' | 'activity' | 'agent' | 'bot' | (string & {});

/** `author`: `type` is `business` or `user`; unknown types and subtypes are kept as strings. */
export const authorSchema = v.looseObject({
  type: v.string(),
  subtypes: v.optional(v.array(v.string())),
  userId: v.optional(v.string()),
  displayName: v.optional(v.string()),
  avatarUrl: v.optional(v.string()),
});

/**
 * `content`, a `oneOf` discriminated by `type`. Read as one loose object so a content type added
 * after spec 17.12.1 still parses; the fields the mapping uses are typed.
 */
export const contentSchema = v.looseObject({
  type: v.string(),
  text: v.optional(v.string()),
  htmlText: v.optional(v.string()),
  mediaUrl: v.optional(v.string()),
  mediaType: v.optional(v.string()),
  mediaSize: v.optional(v.number()),
  altText: v.optional(v.string()),
  attachmentId: v.optional(v.string()),
});

/** `source`: where the message came from (`api:conversations`, `web`, `telegram`, …). */
export const sourceSchema = v.looseObject({
  type: v.optional(v.string()),
  integrationId: v.nullish(v.string()),
  originalMessageId: v.nullish(v.string()),
  originalMessageTimestamp: v.nullish(v.string()),
});

/** `message`. The spec marks no field required; `id`, `received` and `author` are needed to map it. */
export const messageSchema = v.looseObject({
  id: idSchema,
  received: timestampSchema,
  author: authorSchema,
  content: v.optional(contentSchema),
  source: v.optional(sourceSchema),
  metadata: metadataSchema,
  deleted: v.nullish(v.boolean()),
});

/** `{ messages, meta, links }` of List Messages. */
export const messageListResponseSchema = v.looseObject({
  messages: v.array(messageSchema),
  ...pagingEntries,
});

/**
 * `{ messages }` of Post Message: usually one, several for a template with leading text (the
 * content is the last). An empty list answers nothing that was posted, so it is refused.
 */
export const messagePostResponseSchema = v.looseObject({
  messages: v.pipe(v.array(messageSchema), v.minLength(1, 'expected at least one message')),
});

/** `{ attachment: { mediaUrl, mediaType } }` of Upload Attachment. */
export const attachmentResponseSchema = v.looseObject({
  attachment: v.looseObject({
    mediaUrl: v.string(),
    mediaType: v.optional(v.string()),
  }),
});

/** A message author as received. */
export type SunshineAuthor = v.InferOutput<typeof authorSchema>;
/** Message content as received. */
export type SunshineContent = v.InferOutput<typeof contentSchema>;
/** A message as received. */
export type SunshineMessage = v.InferOutput<typeof messageSchema>;
/** Answer of List Messages. */
export type SunshineMessageListResponse = v.InferOutput<typeof messageListResponseSchema>;
/** Answer of Post Message. */
export type SunshineMessagePostResponse = v.InferOutput<typeof messagePostResponseSchema>;
/** Answer of Upload Attachment. */
export type SunshineAttachmentResponse = v.InferOutput<typeof attachmentResponseSchema>;
