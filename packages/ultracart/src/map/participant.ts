import type { Participant } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { UltraCartConversationParticipant } from '../wire/conversation.js';
import type { MapContext } from './context.js';
import { readAnswer, readDts, readString, required, type WireObject } from './read.js';

/**
 * Reads a participant in place (see `read.ts`): `id` is its ARN (what join and start take), else
 * its uuid. UltraCart does not say whether a participant is an agent or a customer, so `role` is
 * `unknown`. Checked: the fields read, in the schema's order (`conversation_participant_arn`,
 * `_name`, `_uuid`, `joined_dts`, `left_dts`, `profile_image_url`); the others (`email`,
 * `last_message_dts`, `status`, …) are not read, so not checked.
 */
export function readParticipant(participant: WireObject): Participant {
  const arn = readString(participant, 'conversation_participant_arn');
  const name = readString(participant, 'conversation_participant_name');
  const uuid = readString(participant, 'conversation_participant_uuid');
  const joined = readDts(participant, 'joined_dts');
  const left = readDts(participant, 'left_dts');
  const avatarUrl = readString(participant, 'profile_image_url');
  const id = arn ?? uuid;
  if (!id) required('conversation_participant_arn');
  const out: Participant = { id: id as string, role: 'unknown', raw: participant };
  if (name !== undefined) out.name = name;
  if (joined !== undefined) out.joinedAt = isoUtc(joined);
  if (left !== undefined) out.leftAt = isoUtc(left);
  if (avatarUrl !== undefined) out.avatarUrl = avatarUrl;
  return out;
}

/**
 * The `index`-th participant of the conversation at `context.path`, or `invalid_response` at
 * `…participants[index].<field>`.
 */
export function toParticipant(
  participant: UltraCartConversationParticipant,
  context: MapContext,
  index: number,
): Participant {
  return readAnswer(() => readParticipant(participant), context, `${context.path}.participants[${index}]`);
}
