import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Message } from '../types/model.js';
import type {
  ConversationEvent,
  EventAuthor,
  EventParticipant,
  ParticipantEvent,
} from './conversation-event.js';

describe('ConversationEvent', () => {
  it('lets a participant event name the user when the provider gives no participant id', () => {
    const event: ParticipantEvent = {
      id: 'evt-1',
      provider: 'sunshine',
      type: 'participant.joined',
      occurredAt: '2020-09-30T15:14:29.834Z',
      conversationId: 'c-1',
      participant: { userId: 'u-1', userExternalId: 'customer-7', role: 'customer', raw: {} },
      raw: {},
    };
    expect(event.participant.id).toBeUndefined();
    expectTypeOf<EventParticipant['id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EventParticipant['userExternalId']>().toEqualTypeOf<string | undefined>();
  });

  it('gives read and typing authors the shape of a message author', () => {
    expectTypeOf<EventAuthor>().toEqualTypeOf<Message['author']>();
  });

  it('narrows on type', () => {
    const describeEvent = (event: ConversationEvent): string => {
      switch (event.type) {
        case 'message.created':
          return event.message.text ?? '';
        case 'participant.joined':
        case 'participant.left':
          return event.participant.userId ?? '';
        case 'conversation.read':
        case 'typing.started':
        case 'typing.stopped':
          return event.author.role;
        case 'conversation.created':
        case 'conversation.removed':
          return event.conversation.id;
        case 'unknown':
          return event.providerType;
      }
    };
    expect(
      describeEvent({
        id: 'e',
        provider: 'sunshine',
        type: 'unknown',
        providerType: 'user:merge',
        occurredAt: '2020-09-30T15:14:29.834Z',
        raw: {},
      }),
    ).toBe('user:merge');
  });
});
