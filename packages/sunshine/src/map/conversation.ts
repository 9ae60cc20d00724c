import type { Conversation, CreateConversationInput, UpdateConversationInput } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import { checkIconUrl, checkMetadata, checkText, SUNSHINE_LIMITS } from '../limits.js';
import type { SunshineConversation, SunshineParticipant } from '../wire/conversations.js';
import type { SunshineConversationCreateBody, SunshineConversationUpdateBody } from '../wire/requests.js';
import { toMetadata } from './metadata.js';
import { toParticipant, toParticipantSubSchema } from './participant.js';
import { toIso } from './timestamp.js';

/** A Sunshine conversation; `participants` come from List Participants (the model has none). */
export function toConversation(
  conversation: SunshineConversation,
  participants: SunshineParticipant[] = [],
): Conversation {
  return {
    id: conversation.id,
    provider: 'sunshine',
    ...(conversation.displayName == null ? {} : { title: conversation.displayName }),
    ...(conversation.description == null ? {} : { description: conversation.description }),
    ...(conversation.iconUrl == null ? {} : { iconUrl: conversation.iconUrl }),
    // Sunshine conversations have no closed state: they exist until deleted.
    status: 'open',
    ...(conversation.createdAt === undefined ? {} : { createdAt: toIso(conversation.createdAt) }),
    ...(conversation.lastUpdatedAt == null ? {} : { lastActivityAt: toIso(conversation.lastUpdatedAt) }),
    participants: participants.map(toParticipant),
    metadata: toMetadata(conversation.metadata),
    raw: conversation,
  };
}

function checkCommon(input: UpdateConversationInput, field: string, context: ErrorContext): void {
  if (input.title !== undefined) checkText(input.title, `${field}.title`, context);
  if (input.description !== undefined) checkText(input.description, `${field}.description`, context);
  if (input.iconUrl !== undefined) checkIconUrl(input.iconUrl, `${field}.iconUrl`, context);
  if (input.metadata !== undefined) checkMetadata(input.metadata, `${field}.metadata`, context);
}

function commonBody(input: UpdateConversationInput): SunshineConversationUpdateBody {
  return {
    ...(input.title === undefined ? {} : { displayName: input.title }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.iconUrl === undefined ? {} : { iconUrl: input.iconUrl }),
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
  };
}

/**
 * `ConversationCreateBody` for a neutral input, after Sunshine's limits: `group` → `sdkGroup`,
 * `personal` (the default) with exactly one participant, at most 10 participants. `sdkGroup`
 * participants get `subscribeSDKClient: false` (the field is required there; `false` avoids
 * creating SDK clients and push subscriptions as a side effect).
 */
export function toCreateBody(input: CreateConversationInput): SunshineConversationCreateBody {
  const context = { provider: 'sunshine', operation: 'conversations.create' };
  if (input.queue !== undefined)
    throw invalidRequest('input.queue', 'is not supported by Sunshine (UltraCart only)', context);
  checkCommon(input, 'input', context);
  const type = input.type === 'group' ? 'sdkGroup' : 'personal';
  const refs = input.participants ?? [];
  if (refs.length > SUNSHINE_LIMITS.maxParticipants)
    throw invalidRequest(
      'input.participants',
      `must have at most ${SUNSHINE_LIMITS.maxParticipants} entries`,
      context,
    );
  if (type === 'personal' && refs.length !== 1)
    throw invalidRequest(
      'input.participants',
      'must have exactly one entry for a personal conversation',
      context,
    );
  const participants = refs.map((ref, index) => {
    const sub = toParticipantSubSchema(ref, `input.participants[${index}]`, context);
    return type === 'sdkGroup' ? { ...sub, subscribeSDKClient: false } : sub;
  });
  return { type, ...(participants.length === 0 ? {} : { participants }), ...commonBody(input) };
}

/** `ConversationUpdateBody` for a neutral patch, after Sunshine's limits. */
export function toUpdateBody(patch: UpdateConversationInput): SunshineConversationUpdateBody {
  checkCommon(patch, 'patch', { provider: 'sunshine', operation: 'conversations.update' });
  return commonBody(patch);
}
