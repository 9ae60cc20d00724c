import * as v from 'valibot';
import { idSchema, metadataSchema, pagingEntries, timestampSchema } from './common.js';

/** Known `clientType` values; newer channels are accepted as plain strings. */
export type SunshineClientType =
  | 'apple'
  | 'gbm'
  | 'googlercs'
  | 'instagram'
  | 'kakao'
  | 'line'
  | 'mailgun'
  | 'messagebird'
  | 'messenger'
  | 'slackconnect'
  | 'sdk'
  | 'telegram'
  | 'twilio'
  | 'twitter'
  | 'viber'
  | 'wechat'
  | 'whatsapp'
  | (string & {});

/** `conversationType` on the wire: `personal` or `sdkGroup` (unknown values are kept as strings). */
export type SunshineConversationType = 'personal' | 'sdkGroup' | (string & {});

/** `switchboardIntegrationWebhook`: the integration in (or offered) control of a conversation. */
export const switchboardIntegrationSchema = v.looseObject({
  id: v.optional(v.string()),
  name: v.optional(v.string()),
  integrationId: v.optional(v.string()),
  integrationType: v.optional(v.string()),
});

/** `conversation` (= `conversationTruncated` + details). Unset fields are omitted by the API. */
export const conversationSchema = v.looseObject({
  id: idSchema,
  type: v.optional(v.string()),
  metadata: metadataSchema,
  activeSwitchboardIntegration: v.nullish(switchboardIntegrationSchema),
  pendingSwitchboardIntegration: v.nullish(switchboardIntegrationSchema),
  isDefault: v.optional(v.boolean()),
  displayName: v.nullish(v.string()),
  description: v.nullish(v.string()),
  iconUrl: v.nullish(v.string()),
  businessLastRead: v.nullish(timestampSchema),
  lastUpdatedAt: v.nullish(timestampSchema),
  createdAt: v.optional(timestampSchema),
});

/** `{ conversation }` of create, get and update. */
export const conversationResponseSchema = v.looseObject({ conversation: conversationSchema });

/** `{ conversations, meta, links }` of List Conversations; `meta`/`links` may be missing. */
export const conversationListResponseSchema = v.looseObject({
  conversations: v.array(conversationSchema),
  ...pagingEntries,
});

/** `clientAssociation`: a client of the participant; the first is the primary one. */
export const clientAssociationSchema = v.looseObject({
  type: v.optional(v.string()),
  clientId: v.optional(v.string()),
});

/** `participant`: a user's membership of a conversation. */
export const participantSchema = v.looseObject({
  id: idSchema,
  userId: v.optional(v.string()),
  unreadCount: v.optional(v.number()),
  clientAssociations: v.optional(v.array(clientAssociationSchema)),
  userExternalId: v.nullish(v.string()),
  lastRead: v.nullish(timestampSchema),
});

/** `{ participant }` of Join Conversation. */
export const participantResponseSchema = v.looseObject({ participant: participantSchema });

/** `{ participants, meta, links }` of List Participants. */
export const participantListResponseSchema = v.looseObject({
  participants: v.array(participantSchema),
  ...pagingEntries,
});

/** A Sunshine conversation as received. */
export type SunshineConversation = v.InferOutput<typeof conversationSchema>;
/** Answer of create, get and update conversation. */
export type SunshineConversationResponse = v.InferOutput<typeof conversationResponseSchema>;
/** Answer of List Conversations. */
export type SunshineConversationListResponse = v.InferOutput<typeof conversationListResponseSchema>;
/** A Sunshine participant as received. */
export type SunshineParticipant = v.InferOutput<typeof participantSchema>;
/** Answer of Join Conversation. */
export type SunshineParticipantResponse = v.InferOutput<typeof participantResponseSchema>;
/** Answer of List Participants. */
export type SunshineParticipantListResponse = v.InferOutput<typeof participantListResponseSchema>;
/** A switchboard integration as received. */
export type SunshineSwitchboardIntegration = v.InferOutput<typeof switchboardIntegrationSchema>;
