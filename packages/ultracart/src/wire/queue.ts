import * as v from 'valibot';
import { dtsSchema, envelopeEntries, int, openEnum, opt } from './envelope.js';

const agentStatus = openEnum(['available', 'busy', 'unavailable']);

/**
 * Spec model `ConversationWebchatQueueStatusAgent` (`agent_user_id`, `custom_status_name`,
 * `custom_status_uuid` are newer than the spec copy, JS SDK ≥ 4.1.81).
 */
export const ConversationWebchatQueueStatusAgentSchema = v.looseObject({
  agent_status: opt(agentStatus),
  conversation_participant_arn: opt(v.string()),
  conversation_participant_name: opt(v.string()),
  last_chat_dts: opt(dtsSchema),
  next_round_robin: opt(v.boolean()),
  profile_image_url: opt(v.string()),
  agent_user_id: opt(v.string()),
  custom_status_name: opt(v.string()),
  custom_status_uuid: opt(v.string()),
});
/** Spec model `ConversationWebchatQueueStatusAgent`. */
export type UltraCartConversationWebchatQueueStatusAgent = v.InferOutput<
  typeof ConversationWebchatQueueStatusAgentSchema
>;

/** Spec model `ConversationWebchatQueueStatusQueueEntry`: a customer waiting in a queue. */
export const ConversationWebchatQueueStatusQueueEntrySchema = v.looseObject({
  conversation_participant_arn: opt(v.string()),
  conversation_participant_name: opt(v.string()),
  conversation_webchat_queue_uuid: opt(v.string()),
  email: opt(v.string()),
  join_dts: opt(dtsSchema),
  participant_language_iso_code: opt(v.string()),
  question: opt(v.string()),
  queue_name: opt(v.string()),
});
/** Spec model `ConversationWebchatQueueStatusQueueEntry`. */
export type UltraCartConversationWebchatQueueStatusQueueEntry = v.InferOutput<
  typeof ConversationWebchatQueueStatusQueueEntrySchema
>;

/** Spec model `ConversationWebchatQueueStatus`: one queue with its agents, entries and counters. */
export const ConversationWebchatQueueStatusSchema = v.looseObject({
  agent_available_count: opt(int),
  agent_busy_count: opt(int),
  agent_count: opt(int),
  agent_unavailable_count: opt(int),
  agents: opt(v.array(ConversationWebchatQueueStatusAgentSchema)),
  customer_abandon_count: opt(int),
  customer_active_count: opt(int),
  customer_average_abandon_time_seconds: opt(int),
  customer_average_chat_time_seconds: opt(int),
  customer_average_hold_time_seconds: opt(int),
  customer_chat_count: opt(int),
  customer_waiting_count: opt(int),
  customer_waiting_join_dts: opt(dtsSchema),
  queue_entries: opt(v.array(ConversationWebchatQueueStatusQueueEntrySchema)),
  queue_name: opt(v.string()),
});
/** Spec model `ConversationWebchatQueueStatus`. */
export type UltraCartConversationWebchatQueueStatus = v.InferOutput<
  typeof ConversationWebchatQueueStatusSchema
>;

/** Spec model `ConversationWebchatQueueStatusesResponse` (getConversationWebchatQueueStatuses). */
export const ConversationWebchatQueueStatusesResponseSchema = v.looseObject({
  ...envelopeEntries,
  queue_statuses: opt(v.array(ConversationWebchatQueueStatusSchema)),
});
/** Spec model `ConversationWebchatQueueStatusesResponse`. */
export type UltraCartConversationWebchatQueueStatusesResponse = v.InferOutput<
  typeof ConversationWebchatQueueStatusesResponseSchema
>;

/**
 * Spec model `ConversationWebchatQueueStatusUpdateRequest` (updateConversationWebchatQueueStatus
 * body; `custom_status_*` are newer than the spec copy).
 */
export const ConversationWebchatQueueStatusUpdateRequestSchema = v.looseObject({
  agent_status: opt(agentStatus),
  custom_status_name: opt(v.string()),
  custom_status_uuid: opt(v.string()),
});
/** Spec model `ConversationWebchatQueueStatusUpdateRequest`. */
export type UltraCartConversationWebchatQueueStatusUpdateRequest = v.InferInput<
  typeof ConversationWebchatQueueStatusUpdateRequestSchema
>;
