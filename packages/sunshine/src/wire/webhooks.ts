import * as v from 'valibot';
import { timestampSchema } from './common.js';
import { conversationSchema } from './conversations.js';
import { authorSchema, messageSchema, sourceSchema } from './messages.js';

/**
 * Valibot schemas of Sunshine Conversations v2 webhook bodies (reference notes §2f: the "Webhook
 * Event" envelope and the payload of each event type). Loose like the response schemas: unknown
 * fields are accepted and kept in `raw`.
 */

/** `userTruncated`: the user of `conversation:join` / `conversation:leave` (and `conversation:create`). */
export const webhookUserSchema = v.looseObject({
  id: v.string(),
  authenticated: v.optional(v.boolean()),
  externalId: v.nullish(v.string()),
  zendeskId: v.nullish(v.string()),
  brandId: v.nullish(v.string()),
});

/** `activity` of `conversation:read` / `conversation:typing`. */
export const webhookActivitySchema = v.looseObject({
  type: v.string(),
  author: v.optional(authorSchema),
  source: v.nullish(sourceSchema),
});

/** One event of the envelope; `payload` is checked per type by {@link webhookPayloadSchemas}. */
export const webhookEventSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  type: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  createdAt: timestampSchema,
  payload: v.optional(v.unknown()),
});

/** The body Sunshine POSTs to a webhook target: `{ app, webhook, events[] }`. */
export const webhookEnvelopeSchema = v.looseObject({
  app: v.optional(v.looseObject({ id: v.optional(v.string()) })),
  webhook: v.optional(v.looseObject({ id: v.optional(v.string()), version: v.optional(v.string()) })),
  events: v.array(webhookEventSchema),
});

const conversationPayload = v.looseObject({ conversation: conversationSchema });
const memberPayload = v.looseObject({ conversation: conversationSchema, user: webhookUserSchema });
const activityPayload = v.looseObject({
  conversation: conversationSchema,
  activity: webhookActivitySchema,
});

/** Payload schemas of the event types Parley maps to a neutral event. */
export const webhookPayloadSchemas = {
  'conversation:create': v.looseObject({
    conversation: conversationSchema,
    creationReason: v.optional(v.string()),
    source: v.nullish(sourceSchema),
    user: v.nullish(webhookUserSchema),
    referral: v.nullish(v.unknown()),
  }),
  'conversation:remove': conversationPayload,
  'conversation:message': v.looseObject({
    conversation: conversationSchema,
    // `messageWebhook`: `message` plus `author.user`, `quotedMessage`, … (kept in `raw`).
    message: messageSchema,
    recentNotifications: v.optional(v.array(v.unknown())),
  }),
  'conversation:join': memberPayload,
  'conversation:leave': memberPayload,
  'conversation:read': activityPayload,
  'conversation:typing': activityPayload,
} as const;

/** A webhook body as received. */
export type SunshineWebhookEnvelope = v.InferOutput<typeof webhookEnvelopeSchema>;
/** One webhook event as received. */
export type SunshineWebhookEvent = v.InferOutput<typeof webhookEventSchema>;
/** The user of a join/leave event as received. */
export type SunshineWebhookUser = v.InferOutput<typeof webhookUserSchema>;
/** The activity of a read/typing event as received. */
export type SunshineWebhookActivity = v.InferOutput<typeof webhookActivitySchema>;
/** An event type Parley maps to a neutral event. */
export type SunshineMappedEventType = keyof typeof webhookPayloadSchemas;
