import type { Participant, ParticipantRole } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';
import type { SunshineAuthor } from '../wire/messages.js';
import type { SunshineParticipantSubSchema } from '../wire/requests.js';
import { isId, isObject, isOptionalString } from './checks.js';
import { participantSub, type UserRef } from './participant-ref.js';

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

/** A participant reference as `participantSubSchema`, refused with `invalid_request` naming `field`. */
export function toParticipantSubSchema(
  ref: UserRef,
  field: string,
  context: ErrorContext,
): SunshineParticipantSubSchema {
  const sub = participantSub(ref);
  if (typeof sub === 'string') throw invalidRequest(field, sub, context);
  return sub;
}
