import type {
  Conversation,
  CreateConversationInput,
  Participant,
  UpdateConversationInput,
} from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import { checkIconUrl, checkMetadata, checkText, SUNSHINE_LIMITS } from '../limits.js';
import type { SunshineConversation } from '../wire/conversations.js';
import type { SunshineConversationCreateBody, SunshineConversationUpdateBody } from '../wire/requests.js';
import { accepted, isId, isMetadata, isNullishString, isObject } from './checks.js';
import { toMetadata } from './metadata.js';
import { toParticipantSubSchema } from './participant.js';
import { isoTimestamp } from './timestamp.js';

/**
 * A Sunshine conversation as a neutral one, read without copying: undefined when a field it reads
 * breaks `conversationSchema`. Reads `id`, `displayName`, `description`, `iconUrl`, `createdAt`,
 * `lastUpdatedAt` and `metadata`, each datetime parsed once; not read, so not checked: `type`,
 * `isDefault`, `activeSwitchboardIntegration`, `pendingSwitchboardIntegration`, `businessLastRead`.
 * `participants` come from List Participants (the model has none).
 */
export function readConversation(value: unknown, participants: Participant[] = []): Conversation | undefined {
  if (!isObject(value)) return undefined;
  const { id, metadata, displayName, description, iconUrl, lastUpdatedAt, createdAt } = value;
  if (
    !isId(id) ||
    !isMetadata(metadata) ||
    !isNullishString(displayName) ||
    !isNullishString(description) ||
    !isNullishString(iconUrl)
  )
    return undefined;
  let lastActivityAt: string | undefined;
  if (lastUpdatedAt !== undefined && lastUpdatedAt !== null) {
    if (typeof lastUpdatedAt !== 'string') return undefined;
    lastActivityAt = isoTimestamp(lastUpdatedAt);
    if (lastActivityAt === undefined) return undefined;
  }
  let created: string | undefined;
  if (createdAt !== undefined) {
    if (typeof createdAt !== 'string') return undefined;
    created = isoTimestamp(createdAt);
    if (created === undefined) return undefined;
  }
  // Sunshine conversations have no closed state: they exist until deleted.
  const out: Conversation = {
    id,
    provider: 'sunshine',
    status: 'open',
    participants,
    metadata: toMetadata(metadata),
    raw: value,
  };
  // Optional fields are set one by one: no object spreads per conversation of a page.
  if (displayName != null) out.title = displayName;
  if (description != null) out.description = description;
  if (iconUrl != null) out.iconUrl = iconUrl;
  if (created !== undefined) out.createdAt = created;
  if (lastActivityAt !== undefined) out.lastActivityAt = lastActivityAt;
  return out;
}

/** A conversation the wire schema already accepted (webhook payloads, answers of create and update). */
export function toConversation(
  conversation: SunshineConversation,
  participants: Participant[] = [],
): Conversation {
  return accepted(readConversation(conversation, participants), 'conversation');
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
