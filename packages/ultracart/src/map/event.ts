import type { Conversation, ConversationEvent } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { UltraCartConversationParticipant, UltraCartConversationSummary } from '../wire/conversation.js';
import { parseIsoTimestamp } from '../wire/iso-timestamp.js';
import type { MapContext } from './context.js';
import { toConversationSummary } from './conversation.js';
import type { TimedMessage } from './message.js';

const PROVIDER = 'ultracart';

/** Stable event ids: the same on every replica and redelivery. */
const eventId = {
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  message: (messageId: string) => `message:${messageId}`,
  participant: (conversationId: string, key: string, change: 'joined' | 'left', at: number) =>
    `participant:${conversationId}:${key}:${change}:${at}`,
};

/**
 * The live events of one conversation the poller read: `conversation.created` first when it is
 * `created`, then `participant.joined`/`participant.left` (from the summary's participants'
 * `joined_dts`/`left_dts` at or after `participantsSince`) and `message.created` for `messages`,
 * in the order they happened. Ids are stable (`conversation:{uuid}`, `message:{message uuid}`,
 * `participant:{conversation uuid}:{participant uuid}:joined|left:{epoch ms}`), so a redelivery is
 * recognised by every replica.
 */
export function toConversationEvents(
  summary: UltraCartConversationSummary,
  messages: readonly TimedMessage[],
  options: { created: boolean; participantsSince: number; context: MapContext },
): ConversationEvent[] {
  const conversation: Conversation = toConversationSummary(summary, options.context);
  const id = conversation.id;
  const timed: { at: number; event: ConversationEvent }[] = [];
  for (const participant of conversation.participants) {
    const raw = participant.raw as UltraCartConversationParticipant;
    const key = raw.conversation_participant_uuid ?? participant.id;
    const changes = [
      ['joined', raw.joined_dts],
      ['left', raw.left_dts],
    ] as const;
    for (const [change, dts] of changes) {
      const at = dts ? parseIsoTimestamp(dts) : undefined;
      if (at === undefined || at < options.participantsSince) continue;
      timed.push({
        at,
        event: {
          id: eventId.participant(id, key, change, at),
          provider: PROVIDER,
          type: change === 'joined' ? 'participant.joined' : 'participant.left',
          occurredAt: isoUtc(at),
          conversationId: id,
          participant,
          raw,
        },
      });
    }
  }
  for (const { message, epoch } of messages)
    timed.push({
      at: epoch,
      event: {
        id: eventId.message(message.id),
        provider: PROVIDER,
        type: 'message.created',
        occurredAt: message.sentAt,
        conversationId: id,
        message,
        raw: message.raw,
      },
    });
  // Stable: a join listed at its second (UltraCart's precision) comes before that second's messages.
  timed.sort((a, b) => a.at - b.at);
  const events = timed.map((entry) => entry.event);
  if (!options.created) return events;
  // A conversation counts as created only when its start_dts was read, so createdAt is there.
  const occurredAt = conversation.createdAt ?? messages[0]?.message.sentAt ?? isoUtc(0);
  return [
    {
      id: eventId.conversation(id),
      provider: PROVIDER,
      type: 'conversation.created',
      occurredAt,
      conversationId: id,
      conversation,
      raw: summary,
    },
    ...events,
  ];
}
