import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/harness.js';
import {
  contentTypeOf,
  mapAgentSession,
  mapConversation,
  mapConversationSummary,
  mapMessage,
  mapQueue,
  toChannel,
  toIsoUtc,
  toMedium,
  toStartRequest,
} from './map.js';
import {
  ConversationAgentAuthResponseSchema,
  ConversationResponseSchema,
  ConversationWebchatQueueStatusesResponseSchema,
  parseIsoTimestamp,
  type UltraCartConversation,
} from './wire.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });
const full = () =>
  v.parse(ConversationResponseSchema, fixture('conversation-full')).conversation as UltraCartConversation;

describe('toIsoUtc', () => {
  it('converts offsets to UTC with milliseconds', () => {
    expect(toIsoUtc('2025-10-07T14:50:23-04:00')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23+05:30')).toBe('2025-10-07T09:20:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23-0400')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T14:50:23+02')).toBe('2025-10-07T12:50:23.000Z');
    expect(toIsoUtc('2025-10-07T18:50:23Z')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07T18:50:23.1234567Z')).toBe('2025-10-07T18:50:23.123Z');
    expect(toIsoUtc('2025-10-07 18:50:23,5+00:00')).toBe('2025-10-07T18:50:23.500Z');
    expect(toIsoUtc('2025-12-31T23:30:00-01:00')).toBe('2026-01-01T00:30:00.000Z');
  });

  it('reads a value without an offset as UTC, and a date alone as midnight UTC', () => {
    expect(toIsoUtc('2025-10-07T18:50:23')).toBe('2025-10-07T18:50:23.000Z');
    expect(toIsoUtc('2025-10-07')).toBe('2025-10-07T00:00:00.000Z');
  });

  it('gives undefined for absent and unreadable values', () => {
    expect(toIsoUtc(undefined)).toBeUndefined();
    expect(toIsoUtc(null)).toBeUndefined();
    expect(toIsoUtc('yesterday')).toBeUndefined();
    expect(toIsoUtc('2025-02-30T00:00:00Z')).toBeUndefined();
    expect(toIsoUtc('2025-13-01T00:00:00Z')).toBeUndefined();
    expect(parseIsoTimestamp('1759863023000')).toBeUndefined();
  });
});

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

describe('mapConversation', () => {
  it('maps every field of a full conversation', () => {
    const wire = full();
    const conversation = mapConversation(wire, ctx('conversation'));
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
    const conversation = mapConversation({ conversation_uuid: 'c1' }, ctx('conversation'));
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
    const conversation = mapConversationSummary(
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
    const conversation = mapConversationSummary(
      { conversation_uuid: 'c3', last_interactive_message_dts: '2025-10-07T10:00:00+00:00' },
      ctx('x'),
    );
    expect(conversation.lastActivityAt).toBe('2025-10-07T10:00:00.000Z');
  });

  it('refuses a conversation without a uuid, naming the path', () => {
    expect(() => mapConversationSummary({}, ctx('conversations[3]'))).toThrow(
      expect.objectContaining({
        code: 'invalid_response',
        message: expect.stringContaining('conversations[3].conversation_uuid'),
      }),
    );
    expect(() =>
      mapConversation({ conversation_uuid: 'c', participants: [{ email: 'x@y' }] }, ctx('conversation')),
    ).toThrow(/conversation\.participants\[0\]\.conversation_participant_arn/);
  });

  it('uses the participant uuid when the ARN is missing', () => {
    const conversation = mapConversation(
      { conversation_uuid: 'c', participants: [{ conversation_participant_uuid: 'p-uuid' }] },
      ctx('conversation'),
    );
    expect(conversation.participants[0]?.id).toBe('p-uuid');
  });
});

describe('mapMessage', () => {
  it('takes sentAt from message_epoch, else message_dts', () => {
    expect(
      mapMessage({ conversation_message_uuid: 'm', message_epoch: 1759863023456 }, 'c', ctx('m')).sentAt,
    ).toBe('2025-10-07T18:50:23.456Z');
    expect(
      mapMessage({ conversation_message_uuid: 'm', message_dts: '2025-10-07T14:50:23-04:00' }, 'c', ctx('m'))
        .sentAt,
    ).toBe('2025-10-07T18:50:23.000Z');
  });

  it('maps a minimal message', () => {
    expect(mapMessage({ conversation_message_uuid: 'm', message_epoch: 0 }, 'c', ctx('m'))).toEqual({
      id: 'm',
      conversationId: 'c',
      author: { role: 'unknown' },
      media: [],
      sentAt: '1970-01-01T00:00:00.000Z',
      raw: { conversation_message_uuid: 'm', message_epoch: 0 },
    });
  });

  it('lists upload keys alone when there are no media URLs, and URLs alone when counts differ', () => {
    expect(
      mapMessage({ conversation_message_uuid: 'm', message_epoch: 1, upload_keys: ['k.pdf'] }, 'c', ctx('m'))
        .media,
    ).toEqual([{ key: 'k.pdf', contentType: 'application/pdf', size: 0, raw: { upload_key: 'k.pdf' } }]);
    const media = mapMessage(
      {
        conversation_message_uuid: 'm',
        message_epoch: 1,
        media_urls: ['https://x/a.jpg?sig=1', 'https://x/b'],
        upload_keys: ['k'],
      },
      'c',
      ctx('m'),
    ).media;
    expect(media.map((m) => [m.url, m.key, m.contentType])).toEqual([
      ['https://x/a.jpg?sig=1', undefined, 'image/jpeg'],
      ['https://x/b', undefined, 'application/octet-stream'],
    ]);
  });

  it('refuses a message without an id or a time', () => {
    expect(() => mapMessage({ message_epoch: 1 }, 'c', ctx('conversation_messages[2]'))).toThrow(
      /conversation_messages\[2\]\.conversation_message_uuid/,
    );
    expect(() =>
      mapMessage({ conversation_message_uuid: 'm' }, 'c', ctx('conversation_messages[0]')),
    ).toThrow(/conversation_messages\[0\]\.message_epoch/);
  });

  it('guesses content types from extensions', () => {
    expect(contentTypeOf('https://x/y/photo.PNG')).toBe('image/png');
    expect(contentTypeOf('uploads/a.mp4')).toBe('video/mp4');
    expect(contentTypeOf('https://x/noext')).toBe('application/octet-stream');
  });
});

describe('mapQueue', () => {
  it('maps agents, waiting entries and every counter', () => {
    const wire = v.parse(ConversationWebchatQueueStatusesResponseSchema, fixture('queue-statuses'))
      .queue_statuses?.[0];
    if (wire === undefined) throw new Error('fixture');
    const queue = mapQueue(wire, ctx('queue_statuses[0]'));
    expect(queue).toEqual({
      name: 'support',
      agents: [
        { id: 'arn:ultracart:participant:DEMO:agent-1', name: 'Alex Agent', status: 'available' },
        { id: 'arn:ultracart:participant:DEMO:agent-2', name: 'Bo Agent', status: 'busy' },
        { id: 'arn:ultracart:participant:DEMO:agent-3', name: 'Cy Agent', status: 'on lunch' },
      ],
      waiting: [{ name: 'Quinn Waiting', question: 'Where is my order?', since: '2025-10-07T18:55:00.000Z' }],
      counts: {
        agents: 3,
        agentsAvailable: 1,
        agentsBusy: 1,
        agentsUnavailable: 1,
        waiting: 1,
        active: 2,
        chats: 12,
        abandoned: 4,
        averageAbandonSeconds: 95,
        averageChatSeconds: 420,
        averageHoldSeconds: 30,
      },
      raw: wire,
    });
  });

  it('maps a minimal queue, and an agent without a status as unknown', () => {
    expect(mapQueue({ queue_name: 'q', agents: [{}] }, ctx('q'))).toEqual({
      name: 'q',
      agents: [{ status: 'unknown' }],
      waiting: [],
      counts: {},
      raw: { queue_name: 'q', agents: [{}] },
    });
    expect(() => mapQueue({}, ctx('queue_statuses[1]'))).toThrow(/queue_statuses\[1\]\.queue_name/);
  });
});

describe('mapAgentSession', () => {
  it('maps the JWT, websocket URL and participant', () => {
    const auth = v.parse(ConversationAgentAuthResponseSchema, fixture('agent-auth')).agent_auth;
    expect(mapAgentSession(auth, ctx('agent_auth'))).toEqual({
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudC0xIn0.agent-jwt-secret-signature',
      websocketUrl: 'wss://ws.ultracart.test/conversation',
      participantId: 'arn:ultracart:participant:DEMO:agent-1',
      participantName: 'Alex Agent',
      raw: auth,
    });
  });

  it('refuses a session without jwt or websocket_url, never echoing the token', () => {
    expect(() => mapAgentSession({ websocket_url: 'wss://x' }, ctx('agent_auth'))).toThrow(/agent_auth\.jwt/);
    try {
      mapAgentSession({ jwt: 'secret-jwt-value' }, ctx('agent_auth'));
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('agent_auth.websocket_url');
      expect(JSON.stringify(error)).not.toContain('secret-jwt-value');
    }
    expect(() => mapAgentSession(undefined, ctx('agent_auth'))).toThrow(/agent_auth/);
  });
});

describe('toStartRequest', () => {
  const context = { provider: 'ultracart', operation: 'conversations.create' };
  it('maps participant ids to ARNs and the queue to the webchat queue uuid', () => {
    expect(
      toStartRequest({ participants: [{ id: 'arn:a' }, { id: 'arn:b' }], queue: 'queue-uuid' }, context),
    ).toEqual({
      add_conversation_participant_arns: ['arn:a', 'arn:b'],
      conversation_webchat_queue_uuid: 'queue-uuid',
    });
    expect(toStartRequest({}, context)).toEqual({});
    expect(toStartRequest({ type: 'personal', metadata: {} }, context)).toEqual({});
  });

  it('refuses what UltraCart cannot store instead of dropping it', () => {
    for (const input of [
      { title: 't' },
      { description: 'd' },
      { iconUrl: 'https://x' },
      { metadata: { a: 1 } },
      { type: 'group' as const },
    ])
      expect(() => toStartRequest(input, context)).toThrow(
        expect.objectContaining({ code: 'invalid_request' }),
      );
    expect(() => toStartRequest({ participants: [{ userId: 'u' }] }, context)).toThrow(
      /participants\[0\] needs id/,
    );
  });
});
