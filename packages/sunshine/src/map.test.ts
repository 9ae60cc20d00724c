import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/harness.js';
import {
  guessMediaType,
  toConversation,
  toCreateBody,
  toMessage,
  toMessagePost,
  toRole,
  toUpdateBody,
} from './map.js';
import {
  conversationResponseSchema,
  messagePostResponseSchema,
  participantListResponseSchema,
  type SunshineConversation,
  type SunshineMessage,
} from './wire.js';

const cid = '67a0ecf8f0305f4a391e9db1';
const messagesOf = (name: string): SunshineMessage[] =>
  v.parse(messagePostResponseSchema, fixture(name)).messages;

describe('toConversation', () => {
  it('maps the spec example: dates, status, empty metadata, raw kept', () => {
    const wire = v.parse(conversationResponseSchema, fixture('get-conversation')).conversation;
    const participants = v.parse(participantListResponseSchema, fixture('list-participants')).participants;
    const conversation = toConversation(wire, participants);
    expect(conversation).toEqual({
      id: cid,
      provider: 'sunshine',
      status: 'open',
      createdAt: '2025-02-03T16:21:12.308Z',
      lastActivityAt: '2025-02-03T16:21:12.308Z',
      participants: [
        {
          id: '67a0ecf880e2647cbb7a9701',
          role: 'customer',
          userId: '67179a2930a150d5adc4d51f',
          raw: participants[0],
        },
      ],
      metadata: {},
      raw: fixture('get-conversation').conversation,
    });
  });

  it('maps displayName → title, description, iconUrl, flat metadata, lastUpdatedAt → lastActivityAt in UTC', () => {
    const wire: SunshineConversation = {
      id: cid,
      type: 'sdkGroup',
      displayName: 'Order 1234',
      description: 'Shipping question',
      iconUrl: 'https://www.gravatar.com/image.jpg',
      metadata: { lang: 'en-ca', priority: 2, vip: true, nested: { no: 1 } },
      lastUpdatedAt: '2025-02-03T18:33:47+02:00',
      createdAt: '2025-02-03T16:21:12Z',
    };
    expect(toConversation(wire)).toMatchObject({
      title: 'Order 1234',
      description: 'Shipping question',
      iconUrl: 'https://www.gravatar.com/image.jpg',
      metadata: { lang: 'en-ca', priority: 2, vip: true },
      lastActivityAt: '2025-02-03T16:33:47.000Z',
      createdAt: '2025-02-03T16:21:12.000Z',
      participants: [],
    });
  });

  it('leaves nulls out', () => {
    const mapped = toConversation({
      id: cid,
      displayName: null,
      description: null,
      iconUrl: null,
      metadata: null,
    });
    expect(mapped).not.toHaveProperty('title');
    expect(mapped).not.toHaveProperty('description');
    expect(mapped).not.toHaveProperty('iconUrl');
    expect(mapped.metadata).toEqual({});
  });
});

describe('toRole', () => {
  it.each([
    [{ type: 'business' }, 'agent'],
    [{ type: 'business', subtypes: ['agent'] }, 'agent'],
    [{ type: 'business', subtypes: ['bot'] }, 'bot'],
    [{ type: 'business', subtypes: ['AI'] }, 'bot'],
    [{ type: 'user' }, 'customer'],
    [{ type: 'robot-from-the-future' }, 'unknown'],
  ])('%o → %s', (author, role) => {
    expect(toRole(author)).toBe(role);
  });
});

describe('toMessage', () => {
  it('maps the listMessages example: business → agent, text, received → sentAt', () => {
    const [message] = v.parse(messagePostResponseSchema, fixture('list-messages')).messages;
    expect(toMessage(message as SunshineMessage, cid)).toEqual({
      id: '67a10c0bf0305f4a391e9e51',
      conversationId: cid,
      author: { role: 'agent' },
      text: 'Hello World',
      media: [],
      sentAt: '2025-02-03T18:33:47.466Z',
      raw: fixture<{ messages: unknown[] }>('list-messages').messages[0],
    });
  });

  it('maps an image message with mediaUrl, mediaType and mediaSize', () => {
    const [message] = messagesOf('post-message-image');
    const mapped = toMessage(message as SunshineMessage, cid);
    expect(mapped.text).toBe('Hello!');
    expect(mapped.media).toEqual([
      {
        url: 'https://example.org/image.jpg',
        contentType: 'image/jpg',
        size: 627328,
        raw: (message as SunshineMessage).content,
      },
    ]);
  });

  it('maps a file message', () => {
    const [message] = messagesOf('post-message-file');
    const mapped = toMessage(message as SunshineMessage, cid);
    expect(mapped.text).toBe("Here's our FAQ!");
    expect(mapped.media[0]).toMatchObject({
      url: 'https://example.org/FAQ.pdf',
      contentType: 'application/pdf',
    });
  });

  it.each([
    ['post-message-carousel', '1. Tacos'],
    ['post-message-location', 'Location shared:'],
  ])('keeps the fallback text of %s and no media', (name, text) => {
    const [message] = messagesOf(name);
    const mapped = toMessage(message as SunshineMessage, cid);
    expect(mapped.text).toContain(text);
    expect(mapped.media).toEqual([]);
  });

  it.each(['post-message-form', 'post-message-list'])('parses %s (no text) and keeps it raw', (name) => {
    const [message] = messagesOf(name);
    const mapped = toMessage(message as SunshineMessage, cid);
    expect(mapped).not.toHaveProperty('text');
    expect(mapped.raw).toBe(message);
  });

  it('maps a user author with id, name and flat metadata; tolerates unknown content types and subtypes', () => {
    const wire = v.parse(messagePostResponseSchema, {
      messages: [
        {
          id: 'm1',
          received: '2020-09-30T13:46:02Z',
          author: { type: 'user', userId: 'u1', displayName: 'Ada', subtypes: ['holo'] },
          content: { type: 'hologram', beams: 3 },
          metadata: { orderId: 'A-1', deep: [1] },
        },
      ],
    }).messages[0] as SunshineMessage;
    expect(toMessage(wire, cid)).toMatchObject({
      author: { id: 'u1', name: 'Ada', role: 'customer' },
      media: [],
      sentAt: '2020-09-30T13:46:02.000Z',
      metadata: { orderId: 'A-1' },
    });
  });
});

describe('guessMediaType (mediaType is read-only and may be missing)', () => {
  it.each([
    ['https://cdn.test/a.png', 'image', undefined, 'image/png'],
    ['https://cdn.test/a.JPG?size=2', 'image', undefined, 'image/jpeg'],
    ['https://cdn.test/a.png', 'image', 'image/webp', 'image/webp'],
    ['https://cdn.test/blob', 'image', undefined, 'image/*'],
    ['https://cdn.test/blob', 'file', undefined, 'application/octet-stream'],
    ['https://cdn.test/faq.pdf', 'file', undefined, 'application/pdf'],
  ])('%s (%s, declared %s) → %s', (url, kind, declared, type) => {
    expect(guessMediaType(url, kind, declared)).toBe(type);
  });

  it('toMessage uses the declared type when the answer has no mediaType', () => {
    const wire = {
      id: 'm',
      received: '2020-09-30T13:46:02.733Z',
      author: { type: 'business' },
      content: { type: 'image', mediaUrl: 'https://cdn.test/blob' },
    };
    expect(toMessage(wire, cid, 'image/gif').media[0]?.contentType).toBe('image/gif');
  });
});

describe('neutral → wire', () => {
  it('create: personal by default with one participant, title → displayName', () => {
    expect(
      toCreateBody({
        title: 'Hi',
        description: 'd',
        iconUrl: 'https://x.test/i.png',
        metadata: { a: 1 },
        participants: [{ userId: 'u1' }],
      }),
    ).toEqual({
      type: 'personal',
      participants: [{ userId: 'u1' }],
      displayName: 'Hi',
      description: 'd',
      iconUrl: 'https://x.test/i.png',
      metadata: { a: 1 },
    });
  });

  it('create: group → sdkGroup, participants subscribeSDKClient false, none allowed', () => {
    expect(toCreateBody({ type: 'group', participants: [{ userExternalId: 'ext-1' }] })).toEqual({
      type: 'sdkGroup',
      participants: [{ userExternalId: 'ext-1', subscribeSDKClient: false }],
    });
    expect(toCreateBody({ type: 'group' })).toEqual({ type: 'sdkGroup' });
  });

  it('update: only the given fields', () => {
    expect(toUpdateBody({ title: 'Renamed' })).toEqual({ displayName: 'Renamed' });
  });

  it('send: text, image (by type or extension), file, as the business', () => {
    expect(toMessagePost({ text: 'Hello!', metadata: { a: true } })).toEqual({
      author: { type: 'business' },
      content: { type: 'text', text: 'Hello!' },
      metadata: { a: true },
    });
    expect(
      toMessagePost({ text: 'Look', media: [{ url: 'https://cdn.test/a', contentType: 'image/png' }] })
        .content,
    ).toEqual({
      type: 'image',
      mediaUrl: 'https://cdn.test/a',
      text: 'Look',
    });
    expect(toMessagePost({ media: [{ url: 'https://cdn.test/a.JPG?x=1' }] }).content.type).toBe('image');
    expect(toMessagePost({ media: [{ url: 'https://cdn.test/faq.pdf' }] }).content).toEqual({
      type: 'file',
      mediaUrl: 'https://cdn.test/faq.pdf',
    });
  });
});
