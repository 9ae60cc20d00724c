import type { Participant, ParticipantRef, ParticipantRole } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import type { SunshineAuthor } from '../wire/messages.js';
import type { SunshineParticipantLeaveBody, SunshineParticipantSubSchema } from '../wire/requests.js';
import { isId, isObject, isOptionalString } from './checks.js';

/** `author.type` business → agent (bot when a subtype says `bot` or `AI`), user → customer. */
export function toRole(author: Pick<SunshineAuthor, 'type' | 'subtypes'>): ParticipantRole {
  if (author.type === 'user') return 'customer';
  if (author.type !== 'business') return 'unknown';
  const subtypes = author.subtypes ?? [];
  return subtypes.includes('bot') || subtypes.includes('AI') ? 'bot' : 'agent';
}

/**
 * A Sunshine participant as a neutral one (participants are users, so `customer`), read without
 * copying: undefined when `id` or `userId` breaks `participantSchema`. Not read, so not checked:
 * `unreadCount`, `clientAssociations`, `userExternalId`, `lastRead`.
 */
export function readParticipant(value: unknown): Participant | undefined {
  if (!isObject(value)) return undefined;
  const { id, userId } = value;
  if (!isId(id) || !isOptionalString(userId)) return undefined;
  const out: Participant = { id, role: 'customer', raw: value };
  if (userId !== undefined) out.userId = userId;
  return out;
}

/** A participant reference as `participantSubSchema`: exactly one of `userId` / `userExternalId`. */
export function toParticipantSubSchema(
  ref: { userId?: string | undefined; userExternalId?: string | undefined },
  field: string,
  context: ErrorContext,
): SunshineParticipantSubSchema {
  if (ref.userId !== undefined && ref.userExternalId !== undefined)
    throw invalidRequest(field, 'needs one of userId or userExternalId, not both', context);
  if (ref.userId !== undefined) return { userId: ref.userId };
  if (ref.userExternalId !== undefined) return { userExternalId: ref.userExternalId };
  throw invalidRequest(
    field,
    'needs userId or userExternalId (Sunshine adds users, not participant ids)',
    context,
  );
}

/**
 * `participantLeaveBody` for a neutral reference: a oneOf, so exactly one of `id` (as
 * `participantId`), `userId` or `userExternalId`.
 */
export function toLeaveBody(
  ref: ParticipantRef,
  field: string,
  context: ErrorContext,
): SunshineParticipantLeaveBody {
  const given: SunshineParticipantLeaveBody[] = [
    ...(ref.id === undefined ? [] : [{ participantId: ref.id }]),
    ...(ref.userId === undefined ? [] : [{ userId: ref.userId }]),
    ...(ref.userExternalId === undefined ? [] : [{ userExternalId: ref.userExternalId }]),
  ];
  const [body, ...others] = given;
  if (body === undefined || others.length > 0)
    throw invalidRequest(field, 'needs exactly one of id, userId or userExternalId', context);
  return body;
}
