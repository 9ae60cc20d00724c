import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/harness.js';
import { messagePostResponseSchema, type SunshineMessage } from '../wire/messages.js';
import { toMessage } from './message.js';

const cid = '67a0ecf8f0305f4a391e9db1';
const messagesOf = (name: string): SunshineMessage[] =>
  v.parse(messagePostResponseSchema, fixture(name)).messages;

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
