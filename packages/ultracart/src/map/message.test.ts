import { describe, expect, it } from 'vitest';
import { toMessage } from './message.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });

describe('toMessage', () => {
  it('takes sentAt from message_epoch, else message_dts', () => {
    expect(
      toMessage({ conversation_message_uuid: 'm', message_epoch: 1759863023456 }, 'c', ctx('m')).sentAt,
    ).toBe('2025-10-07T18:50:23.456Z');
    expect(
      toMessage({ conversation_message_uuid: 'm', message_dts: '2025-10-07T14:50:23-04:00' }, 'c', ctx('m'))
        .sentAt,
    ).toBe('2025-10-07T18:50:23.000Z');
  });

  it('maps a minimal message', () => {
    expect(toMessage({ conversation_message_uuid: 'm', message_epoch: 0 }, 'c', ctx('m'))).toEqual({
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
      toMessage({ conversation_message_uuid: 'm', message_epoch: 1, upload_keys: ['k.pdf'] }, 'c', ctx('m'))
        .media,
    ).toEqual([{ key: 'k.pdf', contentType: 'application/pdf', size: 0, raw: { upload_key: 'k.pdf' } }]);
    const media = toMessage(
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
    expect(() => toMessage({ message_epoch: 1 }, 'c', ctx('conversation_messages[2]'))).toThrow(
      /conversation_messages\[2\]\.conversation_message_uuid/,
    );
    expect(() => toMessage({ conversation_message_uuid: 'm' }, 'c', ctx('conversation_messages[0]'))).toThrow(
      /conversation_messages\[0\]\.message_epoch/,
    );
  });

  it('maps a message_epoch no Date can hold to invalid_response, or falls back to message_dts', () => {
    const context = { provider: 'ultracart', operation: 'getConversationMessages', path: 'm' };
    const message = { conversation_message_uuid: 'm1', message_epoch: 8_640_000_000_000_001 };
    expect(() => toMessage(message, 'c1', context)).toThrow(/message_epoch/);
    const withDts = { ...message, message_dts: '2025-10-07T14:50:23-04:00' };
    expect(toMessage(withDts, 'c1', context).sentAt).toBe('2025-10-07T18:50:23.000Z');
  });
});
