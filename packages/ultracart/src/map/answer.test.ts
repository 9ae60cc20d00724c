import { describe, expect, it } from 'vitest';
import { readConversationsAnswer } from '../__fixtures__/conversations-answer.js';
import { fixture } from '../__fixtures__/harness.js';
import { readConversationAnswer, readMessagesAnswer } from './answer.js';

const full = () => fixture<{ conversation: Record<string, unknown[]> }>('conversation-full');
const error = (read: () => unknown) => {
  try {
    read();
  } catch (caught) {
    return caught;
  }
  throw new Error('expected a refusal');
};

describe('answer readers', () => {
  it('keep the objects UltraCart sent as raw, without copying them', () => {
    const data = full();
    const conversation = readConversationAnswer(data, 'getConversation');
    expect(conversation.raw).toBe(data.conversation);
    expect(conversation.participants[0]?.raw).toBe(data.conversation.participants?.[0]);
    // Messages come oldest first: msg-1 is the fixture's second.
    expect(conversation.messages?.[0]?.raw).toBe(data.conversation.messages?.[1]);
    const page = readConversationsAnswer({ conversations: [data.conversation] });
    expect(page.items[0]?.raw).toBe(data.conversation);
    const messages = readMessagesAnswer({ conversation_messages: data.conversation.messages }, 'c1');
    expect(messages.map((m) => m.message.raw)).toEqual(data.conversation.messages);
    expect(messages[0]?.message.raw).toBe(data.conversation.messages?.[0]);
  });

  it('read the result set: more, next_offset and total_records', () => {
    expect(
      readConversationsAnswer({ metadata: { result_set: { more: true, next_offset: 7, total_records: 9 } } }),
    ).toEqual({ items: [], resultSet: { more: true, nextOffset: 7, total: 9 } });
    expect(readConversationsAnswer({})).toEqual({ items: [], resultSet: undefined });
  });

  it('name the first bad field in the order of the schema: metadata before conversations', () => {
    const data = { conversations: [{ closed: 'yes' }], metadata: { result_set: { more: 'yes' } } };
    expect(error(() => readConversationsAnswer(data))).toMatchObject({
      code: 'invalid_response',
      message:
        'ultracart sent an unexpected getConversations response at metadata.result_set.more: Invalid type: Expected boolean',
    });
  });

  it('report a field Parley needs only when no field read breaks the schema, wherever it is', () => {
    // The first conversation lacks its uuid; the second has a bad timestamp: the schema comes first.
    const data = { conversations: [{}, { conversation_uuid: 'c2', start_dts: 'yesterday' }] };
    expect(error(() => readConversationsAnswer(data))).toMatchObject({
      message:
        'ultracart sent an unexpected getConversations response at conversations[1].start_dts: expected an ISO-8601 date-time',
    });
    expect(
      error(() => readConversationsAnswer({ conversations: [{}, { conversation_uuid: 'c2' }] })),
    ).toMatchObject({
      message:
        'ultracart sent an unexpected getConversations response at conversations[0].conversation_uuid: required by Parley but missing',
    });
    expect(error(() => readConversationAnswer({ success: true }, 'getConversation'))).toMatchObject({
      message:
        'ultracart sent an unexpected getConversation response at conversation: required by Parley but missing',
    });
    expect(error(() => readMessagesAnswer('not an object', 'c1'))).toMatchObject({
      message:
        'ultracart sent an unexpected getConversationMessages response at (root): Invalid type: Expected Object',
    });
  });

  it('check message_dts even when message_epoch gives the time, and fall back to it when it does not', () => {
    const message = { conversation_message_uuid: 'm1', message_epoch: 1_759_863_023_000 };
    expect(() =>
      readMessagesAnswer(
        { conversation_messages: [{ ...message, message_dts: '2025-02-30T00:00:00Z' }] },
        'c1',
      ),
    ).toThrow(/conversation_messages\[0\]\.message_dts: expected an ISO-8601 date-time/);
    const fallback = {
      ...message,
      message_epoch: 8_640_000_000_000_001,
      message_dts: '2025-10-07T14:50:23-04:00',
    };
    expect(readMessagesAnswer({ conversation_messages: [fallback] }, 'c1')[0]?.epoch).toBe(1_759_863_023_000);
  });
});
