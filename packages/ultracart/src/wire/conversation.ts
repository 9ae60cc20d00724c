import * as v from 'valibot';
import { dtsSchema, envelopeEntries, int, openEnum, opt } from './envelope.js';

/** Spec model `ConversationMessageTranslation`. */
export const ConversationMessageTranslationSchema = v.looseObject({
  body: opt(v.string()),
  language_iso_code: opt(v.string()),
});
/** Spec model `ConversationMessageTranslation`. */
export type UltraCartConversationMessageTranslation = v.InferOutput<
  typeof ConversationMessageTranslationSchema
>;

/** Spec model `ConversationMessageTransportStatus`. */
export const ConversationMessageTransportStatusSchema = v.looseObject({
  conversation_participant_arn: opt(v.string()),
  status: opt(
    openEnum([
      'accepted',
      'scheduled',
      'queued',
      'sending',
      'sent',
      'read',
      'TWILIO_CREDENTIALS_MISSING',
      'SENT_TO_TWILIO',
      'TWILIO_ERROR',
      'SENT_TO_PINPOINT',
      'PINPOINT_ERROR',
    ]),
  ),
});
/** Spec model `ConversationMessageTransportStatus`. */
export type UltraCartConversationMessageTransportStatus = v.InferOutput<
  typeof ConversationMessageTransportStatusSchema
>;

/** Spec model `ConversationMessage`. */
export const ConversationMessageSchema = v.looseObject({
  author_conversation_participant_arn: opt(v.string()),
  author_conversation_participant_name: opt(v.string()),
  body: opt(v.string()),
  client_message_id: opt(v.string()),
  conversation_message_uuid: opt(v.string()),
  delay_until_dts: opt(dtsSchema),
  language_iso_code: opt(v.string()),
  media_urls: opt(v.array(v.string())),
  merchant_id: opt(v.string()),
  message_dts: opt(dtsSchema),
  // Epoch milliseconds (`message_dts` has the same instant as a date).
  message_epoch: opt(int),
  message_type: opt(v.string()),
  translations: opt(v.array(ConversationMessageTranslationSchema)),
  transport_statuses: opt(v.array(ConversationMessageTransportStatusSchema)),
  type: opt(openEnum(['message', 'notice', 'engagement prompt'])),
  upload_keys: opt(v.array(v.string())),
});
/** Spec model `ConversationMessage`. */
export type UltraCartConversationMessage = v.InferOutput<typeof ConversationMessageSchema>;

/** Spec model `ConversationParticipant`. */
export const ConversationParticipantSchema = v.looseObject({
  conversation_participant_arn: opt(v.string()),
  conversation_participant_name: opt(v.string()),
  conversation_participant_uuid: opt(v.string()),
  email: opt(v.string()),
  joined_dts: opt(dtsSchema),
  language_iso_code: opt(v.string()),
  last_message_dts: opt(dtsSchema),
  left_dts: opt(dtsSchema),
  profile_image_url: opt(v.string()),
  sms_phone_number: opt(v.string()),
  status: opt(v.string()),
  timezone: opt(v.string()),
  unread_messages: opt(int),
});
/** Spec model `ConversationParticipant`. */
export type UltraCartConversationParticipant = v.InferOutput<typeof ConversationParticipantSchema>;

/** Spec model `ConversationSentiment`. */
export const ConversationSentimentSchema = v.looseObject({
  last_detect_sentiment: opt(dtsSchema),
  mixed: opt(v.number()),
  negative: opt(v.number()),
  neutral: opt(v.number()),
  positive: opt(v.number()),
  sentiment: opt(openEnum(['POSITIVE', 'NEUTRAL', 'NEGATIVE', 'MIXED'])),
});
/** Spec model `ConversationSentiment`. */
export type UltraCartConversationSentiment = v.InferOutput<typeof ConversationSentimentSchema>;

// Every field of `ConversationSummary` is also a field of `Conversation`, with the same type.
const summaryEntries = {
  closed: opt(v.boolean()),
  conversation_arn: opt(v.string()),
  conversation_uuid: opt(v.string()),
  customer_first_message_unresponded_to_dts: opt(dtsSchema),
  last_conversation_message_body: opt(v.string()),
  last_conversation_participant_arn: opt(v.string()),
  last_conversation_participant_name: opt(v.string()),
  last_interactive_message_dts: opt(dtsSchema),
  last_message_dts: opt(dtsSchema),
  medium: opt(openEnum(['sms', 'websocket'])),
  merchant_id: opt(v.string()),
  message_count: opt(int),
  participants: opt(v.array(ConversationParticipantSchema)),
  sentiment: opt(ConversationSentimentSchema),
  start_dts: opt(dtsSchema),
  unread_messages: opt(v.boolean()),
  visible: opt(v.boolean()),
};

/** Spec model `ConversationSummary`: one entry of the conversation listing. */
export const ConversationSummarySchema = v.looseObject(summaryEntries);
/** Spec model `ConversationSummary`. */
export type UltraCartConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

/**
 * Spec model `Conversation`: a conversation with its participants and messages (the summary's
 * fields plus `base_language_iso_code`, `messages` and the `virtual_agent*` pair).
 */
export const ConversationSchema = v.looseObject({
  ...summaryEntries,
  base_language_iso_code: opt(v.string()),
  messages: opt(v.array(ConversationMessageSchema)),
  virtual_agent: opt(v.boolean()),
  virtual_agent_cost: opt(v.number()),
});
/** Spec model `Conversation`. */
export type UltraCartConversation = v.InferOutput<typeof ConversationSchema>;

/** Spec model `ConversationResponse` (getConversation). */
export const ConversationResponseSchema = v.looseObject({
  ...envelopeEntries,
  conversation: opt(ConversationSchema),
});
/** Spec model `ConversationResponse`. */
export type UltraCartConversationResponse = v.InferOutput<typeof ConversationResponseSchema>;

/** Spec model `ConversationsResponse` (getConversations). */
export const ConversationsResponseSchema = v.looseObject({
  ...envelopeEntries,
  conversations: opt(v.array(ConversationSummarySchema)),
});
/** Spec model `ConversationsResponse`. */
export type UltraCartConversationsResponse = v.InferOutput<typeof ConversationsResponseSchema>;

/** Spec model `ConversationMessagesResponse` (getConversationMessages). */
export const ConversationMessagesResponseSchema = v.looseObject({
  ...envelopeEntries,
  conversation_messages: opt(v.array(ConversationMessageSchema)),
});
/** Spec model `ConversationMessagesResponse`. */
export type UltraCartConversationMessagesResponse = v.InferOutput<typeof ConversationMessagesResponseSchema>;

/** Spec model `ConversationStartRequest` (startConversation body). */
export const ConversationStartRequestSchema = v.looseObject({
  add_conversation_participant_arns: opt(v.array(v.string())),
  conversation_arn: opt(v.string()),
  conversation_webchat_queue_uuid: opt(v.string()),
});
/** Spec model `ConversationStartRequest`. */
export type UltraCartConversationStartRequest = v.InferInput<typeof ConversationStartRequestSchema>;

/** Spec model `ConversationStartResponse`: not enveloped, just the new conversation. */
export const ConversationStartResponseSchema = v.looseObject({
  conversation: opt(ConversationSchema),
});
/** Spec model `ConversationStartResponse`. */
export type UltraCartConversationStartResponse = v.InferOutput<typeof ConversationStartResponseSchema>;

/** Spec model `ConversationJoinRequest` (joinConversation body, optional). */
export const ConversationJoinRequestSchema = v.looseObject({
  participant_language_iso_code: opt(v.string()),
});
/** Spec model `ConversationJoinRequest`. */
export type UltraCartConversationJoinRequest = v.InferInput<typeof ConversationJoinRequestSchema>;

/** Query of `getConversations`, named as on the wire. */
export interface UltraCartGetConversationsQuery {
  /** `sms` or `websocket` (inferred from `Conversation.medium`; the spec leaves it free-form). */
  medium?: string | undefined;
  /** Undocumented string, probably a date-time bound (inferred, unverified). */
  before?: string | undefined;
  /** Page size, 1..200; UltraCart's default is 100. */
  _limit?: number | undefined;
  /** Zero-based offset; default 0. */
  _offset?: number | undefined;
}
