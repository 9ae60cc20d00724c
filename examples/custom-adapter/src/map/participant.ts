import type { Participant, ParticipantRole } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { AcmeParticipant } from '../wire/participant.js';

/** The neutral role of an Acme `kind`; a kind Acme adds later is `unknown`. */
export function toRole(kind: string): ParticipantRole {
  return kind === 'agent' || kind === 'customer' || kind === 'bot' ? kind : 'unknown';
}

/** An Acme participant as a neutral {@link Participant}. */
export function toParticipant(wire: AcmeParticipant): Participant {
  return {
    id: wire.id,
    ...(wire.display_name === undefined ? {} : { name: wire.display_name }),
    role: toRole(wire.kind),
    ...(wire.joined_at === undefined ? {} : { joinedAt: isoUtc(wire.joined_at) }),
    raw: wire,
  };
}
