import { describe, expect, it } from 'vitest';
import { toConversationEvents } from './event.js';
import { toTimedMessages } from './message.js';

const context = { provider: 'ultracart', operation: 'getConversations', path: 'conversations[0]' };
const T = Date.UTC(2025, 9, 7, 18, 50, 23);
const summary = {
  conversation_uuid: 'c1',
  medium: 'websocket',
  start_dts: '2025-10-07T14:50:23-04:00',
  participants: [
    {
      conversation_participant_arn: 'arn:customer',
      conversation_participant_uuid: 'p-customer',
      joined_dts: '2025-10-07T14:50:23-04:00',
    },
    {
      conversation_participant_arn: 'arn:agent',
      conversation_participant_uuid: 'p-agent',
      joined_dts: '2025-10-07T14:50:30-04:00',
      left_dts: '2025-10-07T14:51:00-04:00',
    },
  ],
};
const messages = toTimedMessages(
  [
    { conversation_message_uuid: 'm1', message_epoch: T + 400, body: 'hi' },
    { conversation_message_uuid: 'm2', message_epoch: T + 35_000, body: 'still there?' },
  ],
  'c1',
  { ...context, path: 'conversation_messages' },
);

describe('toConversationEvents', () => {
  it('puts conversation.created first, then participant and message events in the order they happened', () => {
    const events = toConversationEvents(summary, messages, { created: true, participantsSince: T, context });
    expect(events.map((e) => `${e.type} ${e.id} ${e.occurredAt}`)).toEqual([
      'conversation.created conversation:c1 2025-10-07T18:50:23.000Z',
      `participant.joined participant:c1:p-customer:joined:${T} 2025-10-07T18:50:23.000Z`,
      'message.created message:m1 2025-10-07T18:50:23.400Z',
      `participant.joined participant:c1:p-agent:joined:${T + 7000} 2025-10-07T18:50:30.000Z`,
      'message.created message:m2 2025-10-07T18:50:58.000Z',
      `participant.left participant:c1:p-agent:left:${T + 37_000} 2025-10-07T18:51:00.000Z`,
    ]);
    expect(events[0]).toMatchObject({ conversation: { id: 'c1', channel: 'webchat' }, raw: summary });
    expect(events[3]).toMatchObject({
      conversationId: 'c1',
      participant: { id: 'arn:agent', role: 'unknown' },
    });
    expect(events[4]).toMatchObject({ message: { id: 'm2', text: 'still there?' } });
  });

  it('leaves out participant changes before participantsSince, and created when not new', () => {
    const events = toConversationEvents(summary, [], {
      created: false,
      participantsSince: T + 10_000,
      context,
    });
    expect(events.map((e) => e.type)).toEqual(['participant.left']);
  });
});
