import type { CreateConversationInput } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import type { UltraCartConversationStartRequest } from '../wire/conversation.js';

/**
 * The start request of `conversations.create`: participants' `id`s are participant ARNs
 * (`add_conversation_participant_arns`) and `queue` is the webchat queue uuid. UltraCart's start
 * has nowhere to put a title, description, icon, metadata or a group type, so those are refused
 * rather than silently dropped.
 */
export function toStartRequest(
  input: CreateConversationInput,
  context: ErrorContext,
): UltraCartConversationStartRequest {
  for (const field of ['title', 'description', 'iconUrl'] as const)
    if (input[field] !== undefined)
      throw invalidRequest(`input.${field}`, 'is not supported by UltraCart conversations', context);
  if (input.metadata !== undefined && Object.keys(input.metadata).length > 0)
    throw invalidRequest('input.metadata', 'is not supported by UltraCart conversations', context);
  if (input.type === 'group')
    throw invalidRequest('input.type', "must be 'personal' on UltraCart (no group conversations)", context);
  const arns = (input.participants ?? []).map((participant, index) => {
    if (participant.id === undefined)
      throw invalidRequest(
        `input.participants[${index}]`,
        'needs id (an UltraCart participant ARN); userId/userExternalId are Sunshine references',
        context,
      );
    return participant.id;
  });
  return {
    ...(arns.length === 0 ? {} : { add_conversation_participant_arns: arns }),
    ...(input.queue === undefined ? {} : { conversation_webchat_queue_uuid: input.queue }),
  };
}
