import { ConversationError } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  activityEvent,
  conversation,
  conversationId,
  createEvent,
  envelope,
  event,
  imageMessageEvent,
  joinEvent,
  leaveEvent,
  messageEvent,
  removeEvent,
  user,
  userId,
} from './__fixtures__/events.js';
import { parseWebhook } from './parse-webhook.js';

function one(...events: unknown[]) {
  const parsed = parseWebhook(envelope(...events));
  expect(parsed).toHaveLength(events.length);
  return parsed[0];
}

function failure(body: unknown): ConversationError {
  try {
    parseWebhook(body);
  } catch (error) {
    if (ConversationError.isInstance(error)) return error as ConversationError;
    throw error;
  }
  throw new Error('parseWebhook accepted the body');
}

const base = { provider: 'sunshine', occurredAt: '2020-09-30T15:14:29.834Z', conversationId };

describe('parseWebhook: documented event types', () => {
  it('conversation:create → conversation.created with the conversation and reason', () => {
    expect(one(createEvent)).toEqual({
      ...base,
      id: 'evt-conversation:create',
      type: 'conversation.created',
      reason: 'startConversation',
      conversation: {
        id: conversationId,
        provider: 'sunshine',
        status: 'open',
        participants: [],
        metadata: { ticket: 42 },
        raw: conversation,
      },
      raw: createEvent,
    });
  });

  it('conversation:message → message.created with a neutral message', () => {
    const parsed = one(messageEvent);
    expect(parsed).toMatchObject({ ...base, id: 'evt-conversation:message', type: 'message.created' });
    if (parsed?.type !== 'message.created') throw new Error('wrong type');
    expect(parsed.message).toEqual({
      id: '5f74a0d52b5315fc007e798a',
      conversationId,
      author: { id: userId, name: 'Steve Ewing', role: 'customer' },
      text: 'Hi! Do you have time to chat?',
      media: [],
      sentAt: '2020-09-30T15:14:29.834Z',
      metadata: { lang: 'en-ca' },
      raw: messageEvent.payload.message,
    });
    expect(parsed.raw).toEqual(messageEvent);
  });

  it('maps a business AI author to bot and keeps image media', () => {
    const parsed = one(imageMessageEvent);
    if (parsed?.type !== 'message.created') throw new Error('wrong type');
    expect(parsed.message.author).toEqual({ name: 'Answer Bot', role: 'bot' });
    expect(parsed.message.media).toEqual([
      expect.objectContaining({
        url: 'https://acme.zendesk.com/sc/attachments/v2/01JK/photo.png',
        contentType: 'image/png',
        size: 2048,
      }),
    ]);
  });

  it.each([
    [joinEvent, 'participant.joined'],
    [leaveEvent, 'participant.left'],
  ] as const)('%# conversation:join / leave → the user as participant', (input, type) => {
    expect(one(input)).toEqual({
      ...base,
      id: input.id,
      type,
      participant: { userId, userExternalId: 'customer-7', role: 'customer', raw: user },
      raw: input,
    });
  });

  it('conversation:remove → conversation.removed', () => {
    expect(one(removeEvent)).toMatchObject({
      ...base,
      id: 'evt-conversation:remove',
      type: 'conversation.removed',
      conversation: { id: conversationId, provider: 'sunshine' },
    });
  });

  it.each([
    ['conversation:read', 'conversation:read', 'conversation.read'],
    ['conversation:typing', 'typing:start', 'typing.started'],
    ['conversation:typing', 'typing:stop', 'typing.stopped'],
  ] as const)('%s with activity %s → %s with its author', (eventType, activityType, type) => {
    const input = activityEvent(eventType, activityType);
    expect(one(input)).toEqual({
      ...base,
      id: `evt-${activityType}`,
      type,
      author: { id: userId, name: 'Steve Ewing', role: 'customer' },
      raw: input,
    });
  });

  it('returns every event of the envelope in order', () => {
    const events = [
      createEvent,
      joinEvent,
      messageEvent,
      activityEvent('conversation:read', 'conversation:read'),
    ];
    expect(parseWebhook(envelope(...events)).map((e) => e.type)).toEqual([
      'conversation.created',
      'participant.joined',
      'message.created',
      'conversation.read',
    ]);
    expect(parseWebhook(envelope())).toEqual([]);
  });

  it('normalises createdAt to UTC ISO-8601 with milliseconds', () => {
    const input = event('conversation:remove', { conversation }, 'evt-tz', '2020-09-30T17:14:29.8+02:00');
    expect(one(input)?.occurredAt).toBe('2020-09-30T15:14:29.800Z');
  });

  it('reads the raw text, bytes or parsed JSON alike', () => {
    const body = envelope(messageEvent, removeEvent);
    const text = JSON.stringify(body);
    const fromObject = parseWebhook(body);
    expect(parseWebhook(text)).toEqual(fromObject);
    expect(parseWebhook(new TextEncoder().encode(text))).toEqual(fromObject);
    expect(parseWebhook(new TextEncoder().encode(text).buffer)).toEqual(fromObject);
  });
});

describe('parseWebhook: unknown types', () => {
  it('keeps other triggers as unknown with providerType and raw, never dropped', () => {
    const passControl = event('switchboard:passControl', { conversation, metadata: {} }, 'evt-pass');
    const merge = event('user:merge', { users: { surviving: user, discarded: { id: 'u2' } } }, 'evt-merge');
    const parsed = parseWebhook(envelope(passControl, merge, messageEvent));
    expect(parsed).toEqual([
      {
        id: 'evt-pass',
        provider: 'sunshine',
        type: 'unknown',
        providerType: 'switchboard:passControl',
        occurredAt: '2020-09-30T15:14:29.834Z',
        conversationId,
        raw: passControl,
      },
      {
        id: 'evt-merge',
        provider: 'sunshine',
        type: 'unknown',
        providerType: 'user:merge',
        occurredAt: '2020-09-30T15:14:29.834Z',
        raw: merge,
      },
      expect.objectContaining({ type: 'message.created' }),
    ]);
  });

  it('keeps an activity type it does not know as unknown', () => {
    const input = activityEvent('conversation:typing', 'typing:pause');
    expect(one(input)).toMatchObject({
      type: 'unknown',
      providerType: 'conversation:typing',
      conversationId,
      raw: input,
    });
  });
});

describe('parseWebhook: malformed bodies', () => {
  it.each([
    ['not JSON', '{"events": [', '(root) is not valid JSON'],
    ['not an object', '[]', '(root) must be a JSON object'],
    ['null', 'null', '(root) must be a JSON object'],
    ['no events', { app: { id: 'a' } }, 'events is missing'],
    ['events not an array', { events: {} }, 'events is invalid'],
    [
      'an event without id',
      envelope({ type: 'conversation:remove', createdAt: '2020-09-30T15:14:29.834Z' }),
      'events[0].id is missing',
    ],
    [
      'a bad createdAt',
      envelope(event('conversation:remove', { conversation }, 'e', 'yesterday')),
      'events[0].createdAt is invalid',
    ],
    [
      'a payload without conversation id',
      envelope(removeEvent, event('conversation:message', { conversation: {}, message: {} })),
      'events[1].payload.conversation.id is missing',
    ],
    [
      'a message without author',
      envelope(
        event('conversation:message', {
          conversation,
          message: { id: 'm', received: '2020-09-30T15:14:29.834Z' },
        }),
      ),
      'events[0].payload.message.author is missing',
    ],
    [
      'a join without user',
      envelope(event('conversation:join', { conversation })),
      'events[0].payload.user is missing',
    ],
  ])('refuses %s with invalid_request naming the field', (_name, body, field) => {
    const error = failure(body);
    expect(error.code).toBe('invalid_request');
    expect(error.provider).toBe('sunshine');
    expect(error.message).toContain(field);
  });

  it('does not copy event content into the error', () => {
    const error = failure(envelope(event('conversation:remove', { conversation: { id: 12345678 } })));
    expect(error.message).toContain('events[0].payload.conversation.id is invalid');
    expect(error.message).not.toContain('12345678');
  });
});
