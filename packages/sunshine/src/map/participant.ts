import type { Participant, ParticipantRef, ParticipantRole } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import type { SunshineParticipant } from '../wire/conversations.js';
import type { SunshineAuthor } from '../wire/messages.js';
import type { SunshineParticipantLeaveBody, SunshineParticipantSubSchema } from '../wire/requests.js';

/** `author.type` business → agent (bot when a subtype says `bot` or `AI`), user → customer. */
export function toRole(author: Pick<SunshineAuthor, 'type' | 'subtypes'>): ParticipantRole {
  if (author.type === 'user') return 'customer';
  if (author.type !== 'business') return 'unknown';
  const subtypes = author.subtypes ?? [];
  return subtypes.includes('bot') || subtypes.includes('AI') ? 'bot' : 'agent';
}

/** A Sunshine participant. Participants are users, so their role is `customer`. */
export function toParticipant(participant: SunshineParticipant): Participant {
  return {
    id: participant.id,
    role: 'customer',
    ...(participant.userId === undefined ? {} : { userId: participant.userId }),
    raw: participant,
  };
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
