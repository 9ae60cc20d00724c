import * as v from 'valibot';
import { envelopeEntries, int, opt } from './envelope.js';

/** Spec model `ConversationAgentAuthMerchant`. */
export const ConversationAgentAuthMerchantSchema = v.looseObject({
  company: opt(v.string()),
  is_parent: opt(v.boolean()),
  merchant_id: opt(v.string()),
});
/** Spec model `ConversationAgentAuthMerchant`. */
export type UltraCartConversationAgentAuthMerchant = v.InferOutput<
  typeof ConversationAgentAuthMerchantSchema
>;

/** Spec model `ConversationTwilioAccount`. */
export const ConversationTwilioAccountSchema = v.looseObject({
  merchant_id: opt(v.string()),
  twilio_phone_numbers: opt(v.array(v.string())),
});
/** Spec model `ConversationTwilioAccount`. */
export type UltraCartConversationTwilioAccount = v.InferOutput<typeof ConversationTwilioAccountSchema>;

/** Spec model `ConversationAgentAuth`: the agent's websocket JWT and identity (holds secrets). */
export const ConversationAgentAuthSchema = v.looseObject({
  chat_admin: opt(v.boolean()),
  chat_user: opt(v.boolean()),
  conversation_participant_arn: opt(v.string()),
  conversation_participant_name: opt(v.string()),
  customer_profile: opt(v.boolean()),
  default_phone_number: opt(v.string()),
  group_ids: opt(v.array(int)),
  jwt: opt(v.string()),
  merchant_id: opt(v.string()),
  merchants: opt(v.array(ConversationAgentAuthMerchantSchema)),
  parent_merchant_id: opt(v.string()),
  pbx_admin: opt(v.boolean()),
  pbx_jwt: opt(v.string()),
  pbx_supervisor: opt(v.boolean()),
  pbx_user: opt(v.boolean()),
  pbx_voice_identity: opt(v.string()),
  pbx_voice_token: opt(v.string()),
  pbx_worker_token: opt(v.string()),
  pbx_worker_token_v2: opt(v.string()),
  twilio_accounts: opt(v.array(ConversationTwilioAccountSchema)),
  user_id: opt(int),
  websocket_url: opt(v.string()),
});
/** Spec model `ConversationAgentAuth`. */
export type UltraCartConversationAgentAuth = v.InferOutput<typeof ConversationAgentAuthSchema>;

/** Spec model `ConversationAgentAuthResponse` (getAgentWebsocketAuthorization). */
export const ConversationAgentAuthResponseSchema = v.looseObject({
  ...envelopeEntries,
  agent_auth: opt(ConversationAgentAuthSchema),
});
/** Spec model `ConversationAgentAuthResponse`. */
export type UltraCartConversationAgentAuthResponse = v.InferOutput<
  typeof ConversationAgentAuthResponseSchema
>;

/** Spec model `ConversationMultimediaUploadUrl`: the upload `key` and the presigned `url`. */
export const ConversationMultimediaUploadUrlSchema = v.looseObject({
  key: opt(v.string()),
  url: opt(v.string()),
});
/** Spec model `ConversationMultimediaUploadUrl`. */
export type UltraCartConversationMultimediaUploadUrl = v.InferOutput<
  typeof ConversationMultimediaUploadUrlSchema
>;

/** Spec model `ConversationMultimediaUploadUrlResponse` (getConversationMultimediaUploadUrl). */
export const ConversationMultimediaUploadUrlResponseSchema = v.looseObject({
  ...envelopeEntries,
  conversation_multimedia_upload_url: opt(ConversationMultimediaUploadUrlSchema),
});
/** Spec model `ConversationMultimediaUploadUrlResponse`. */
export type UltraCartConversationMultimediaUploadUrlResponse = v.InferOutput<
  typeof ConversationMultimediaUploadUrlResponseSchema
>;
