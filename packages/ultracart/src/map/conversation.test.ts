import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/harness.js';
import { ConversationResponseSchema, type UltraCartConversation } from '../wire/conversation.js';
import { toChannel, toConversation, toConversationSummary, toMedium } from './conversation.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });
const full = () =>
  v.parse(ConversationResponseSchema, fixture('conversation-full')).conversation as UltraCartConversation;

describe('channels', () => {
  it('maps medium sms/websocket to channel sms/webchat and back', () => {
    expect(toChannel('sms')).toBe('sms');
    expect(toChannel('websocket')).toBe('webchat');
    expect(toChannel('whatsapp')).toBeUndefined();
    expect(toChannel(undefined)).toBeUndefined();
    expect(toMedium('webchat')).toBe('websocket');
    expect(toMedium('sms')).toBe('sms');
  });
});

describe('toConversation', () => {
  it('maps every field of a full conversation', () => {
    const wire = full();
    const conversation = toConversation(wire, ctx('conversation'));
    expect(conversation).toMatchObject({
      id: '7b3c1f9e-2f7d-4d3c-9a53-1f4f2a6f9b10',
      provider: 'ultracart',
      channel: 'webchat',
      status: 'open',
      createdAt: '2025-10-07T18:50:00.000Z',
      lastActivityAt: '2025-10-07T18:52:00.000Z',
      unread: true,
      messageCount: 2,
      lastMessage: {
        text: 'Can I change the shipping address?',
        sentAt: '2025-10-07T18:52:00.000Z',
        author: { id: 'arn:ultracart:participant:DEMO:customer-1', name: 'Pat Customer', role: 'unknown' },
      },
      metadata: {},
    });
    expect(conversation.raw).toBe(wire);
    expect(conversation.participants).toEqual([
      {
        id: 'arn:ultracart:participant:DEMO:customer-1',
        name: 'Pat Customer',
        role: 'unknown',
        joinedAt: '2025-10-07T18:50:00.000Z',
        leftAt: '2025-10-07T19:10:00.000Z',
        avatarUrl: 'https://media.ultracart.test/DEMO/pat.png',
        raw: wire.participants?.[0],
      },
      {
        id: 'arn:ultracart:participant:DEMO:agent-1',
        name: 'Alex Agent',
        role: 'unknown',
        joinedAt: '2025-10-07T18:50:10.000Z',
        avatarUrl: 'https://media.ultracart.test/DEMO/alex.png',
        raw: wire.participants?.[1],
      },
    ]);
    // Messages come oldest first whatever order UltraCart used.
    expect(conversation.messages?.map((m) => m.id)).toEqual(['msg-1', 'msg-2']);
    expect(conversation.messages?.[1]).toEqual({
      id: 'msg-2',
      conversationId: '7b3c1f9e-2f7d-4d3c-9a53-1f4f2a6f9b10',
      author: { id: 'arn:ultracart:participant:DEMO:customer-1', name: 'Pat Customer', role: 'unknown' },
      text: 'Can I change the shipping address?',
      media: [
        {
          url: 'https://media.ultracart.test/DEMO/label.png',
          key: 'uploads/DEMO/label.png',
          contentType: 'image/png',
          size: 0,
          raw: {
            media_url: 'https://media.ultracart.test/DEMO/label.png',
            upload_key: 'uploads/DEMO/label.png',
          },
        },
      ],
      sentAt: '2025-10-07T18:52:00.000Z',
      raw: wire.messages?.[0],
    });
  });

  it('maps a minimal conversation: only the uuid', () => {
    const conversation = toConversation({ conversation_uuid: 'c1' }, ctx('conversation'));
    expect(conversation).toEqual({
      id: 'c1',
      provider: 'ultracart',
      status: 'open',
      participants: [],
      metadata: {},
      raw: { conversation_uuid: 'c1' },
    });
  });

  it('maps closed, sms and nulls', () => {
    const conversation = toConversationSummary(
      { conversation_uuid: 'c2', closed: true, medium: 'sms', last_message_dts: null, unread_messages: null },
      ctx('conversations[0]'),
    );
    expect(conversation.status).toBe('closed');
    expect(conversation.channel).toBe('sms');
    expect('lastActivityAt' in conversation).toBe(false);
    expect('unread' in conversation).toBe(false);
    expect('lastMessage' in conversation).toBe(false);
  });

  it('falls back to last_interactive_message_dts for lastActivityAt', () => {
    const conversation = toConversationSummary(
      { conversation_uuid: 'c3', last_interactive_message_dts: '2025-10-07T10:00:00+00:00' },
      ctx('x'),
    );
    expect(conversation.lastActivityAt).toBe('2025-10-07T10:00:00.000Z');
  });

  it('refuses a conversation without a uuid, naming the path', () => {
    expect(() => toConversationSummary({}, ctx('conversations[3]'))).toThrow(
      expect.objectContaining({
        code: 'invalid_response',
        message: expect.stringContaining('conversations[3].conversation_uuid'),
      }),
    );
    expect(() =>
      toConversation({ conversation_uuid: 'c', participants: [{ email: 'x@y' }] }, ctx('conversation')),
    ).toThrow(/conversation\.participants\[0\]\.conversation_participant_arn/);
  });

  it('uses the participant uuid when the ARN is missing', () => {
    const conversation = toConversation(
      { conversation_uuid: 'c', participants: [{ conversation_participant_uuid: 'p-uuid' }] },
      ctx('conversation'),
    );
    expect(conversation.participants[0]?.id).toBe('p-uuid');
  });
});
