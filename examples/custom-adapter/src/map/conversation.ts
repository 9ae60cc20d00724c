import type { Conversation } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { AcmeConversation } from '../wire/conversation.js';
import { toParticipant } from './participant.js';

/** An Acme conversation as a neutral {@link Conversation}; `raw` keeps the wire object. */
export function toConversation(wire: AcmeConversation): Conversation {
  return {
    id: wire.id,
    provider: 'acme',
    ...(wire.subject === undefined || wire.subject === null ? {} : { title: wire.subject }),
    status: wire.state === 'closed' ? 'closed' : 'open',
    createdAt: isoUtc(wire.created_at),
    ...(wire.updated_at === undefined ? {} : { lastActivityAt: isoUtc(wire.updated_at) }),
    ...(wire.message_count === undefined ? {} : { messageCount: wire.message_count }),
    participants: wire.participants.map(toParticipant),
    metadata: {},
    raw: wire,
  };
}
