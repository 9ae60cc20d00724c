import { describe, expect, it } from 'vitest';
import { toMessage, toSendMessageBody } from './message.js';

const context = { provider: 'acme', operation: 'messages.send' };

describe('toMessage', () => {
  it('maps an Acme message to a neutral one with an ISO-8601 UTC time and the wire object as raw', () => {
    const wire = {
      id: 'm1',
      conversation_id: 'c1',
      author: { id: 'bot-1', kind: 'assistant' },
      body: 'Hello',
      sent_at: Date.UTC(2025, 9, 7, 18, 50, 23),
    };
    expect(toMessage(wire)).toEqual({
      id: 'm1',
      conversationId: 'c1',
      author: { id: 'bot-1', role: 'unknown' },
      text: 'Hello',
      media: [],
      sentAt: '2025-10-07T18:50:23.000Z',
      raw: wire,
    });
  });
});

describe('toSendMessageBody', () => {
  it('sends text as the body', () => {
    expect(toSendMessageBody({ text: 'Hi' }, context)).toEqual({ body: 'Hi' });
  });

  it.each([
    [{ text: 'x', media: [{ url: 'https://x.test/a.png' }] }, 'input.media'],
    [{ text: 'x', metadata: { a: 1 } }, 'input.metadata'],
    [{ text: '   ' }, 'input.text must not be empty'],
    [{}, 'input.text must not be empty'],
    [{ text: 'x'.repeat(2_001) }, 'input.text must be at most 2000'],
  ])('refuses %j with invalid_request naming %s', (input, message) => {
    expect(() => toSendMessageBody(input, context)).toThrow(message);
    try {
      toSendMessageBody(input, context);
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_request', provider: 'acme' });
    }
  });
});
