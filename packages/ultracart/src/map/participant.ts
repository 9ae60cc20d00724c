import type { Participant } from '@parley/core';
import type { UltraCartConversationParticipant } from '../wire/conversation.js';
import { type MapContext, missing } from './context.js';
import { toIsoUtc } from './timestamp.js';

/**
 * A participant of the conversation at `context.path`, the `index`-th of its `participants`; `id`
 * is its ARN (what join and start take), else its uuid. UltraCart does not say whether a
 * participant is an agent or a customer, so `role` is `unknown`.
 */
export function toParticipant(
  participant: UltraCartConversationParticipant,
  context: MapContext,
  index: number,
): Participant {
  const id = participant.conversation_participant_arn ?? participant.conversation_participant_uuid;
  // The path is built only for an error: listings map every participant of every conversation.
  if (!id)
    throw missing('conversation_participant_arn', {
      ...context,
      path: `${context.path}.participants[${index}]`,
    });
  const out: Participant = { id, role: 'unknown', raw: participant };
  const name = participant.conversation_participant_name;
  if (name != null) out.name = name;
  const joinedAt = toIsoUtc(participant.joined_dts);
  if (joinedAt !== undefined) out.joinedAt = joinedAt;
  const leftAt = toIsoUtc(participant.left_dts);
  if (leftAt !== undefined) out.leftAt = leftAt;
  const avatarUrl = participant.profile_image_url;
  if (avatarUrl != null) out.avatarUrl = avatarUrl;
  return out;
}
