import { describe, expect, it } from 'vitest';
import { createMemoryProvider } from '../testing/memory/adapter.js';
import { createConversations } from './create-conversations.js';

// Found by the reliability suite: `%2E%2E` is read as `..` by URL parsers, so these ids would
// address another endpoint (`get('..')` → the parent collection). They are refused before any call.
describe('ids that cannot be a URL path segment', () => {
  const client = createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' } });

  it.each(['.', '..'])('refuses %j with invalid_request', async (id) => {
    await expect(client.conversations.get(id)).rejects.toMatchObject({
      code: 'invalid_request',
      message: "id must not be '.' or '..'",
    });
    await expect(client.conversations.delete(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.messages.list(id)).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('refuses an id with a lone surrogate, which no URL can carry, as invalid_request', async () => {
    await expect(client.conversations.get('a\uD800b')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.conversations.get('\uDC00')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.conversations.get('😀')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('still takes ids that merely contain dots', async () => {
    await expect(client.conversations.get('...')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.conversations.get('a..b')).rejects.toMatchObject({ code: 'not_found' });
  });
});

// Found by the transport review: a content type with NUL or non-ASCII went on to the sender (and
// failed as `network`, quoting it) or was silently replaced by `application/octet-stream`.
describe('upload content types, which go into a header', () => {
  const adapter = createMemoryProvider();
  const client = createConversations({ adapters: [adapter], config: { provider: 'memory' } });
  const data = new Uint8Array([1, 2, 3]);

  it.each([
    ['a NUL', 'image/png\u0000', 'must not contain control characters'],
    ['a line break', 'image/png\r\nx-injected: 1', 'must not contain control characters'],
    ['a BEL', 'image/\u0007png', 'must not contain control characters'],
    ['non-ASCII', 'image/pngé', 'must be ASCII'],
    ['U+200B', 'image/png\u200b', 'must be ASCII'],
    ['no subtype', 'canarytype', "must be a media type like 'image/png' (type/subtype)"],
    ['a broken parameter', 'text/plain; charset', 'must have parameters of the form'],
    ['an empty value', '', 'must not be empty'],
  ])(
    'refuses %s with invalid_request naming input.contentType, before any upload',
    async (_why, contentType, problem) => {
      const error = await client.media.upload({ data, contentType }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'invalid_request', operation: 'media.upload' });
      const { message } = error as Error;
      expect(message.startsWith('input.contentType ')).toBe(true);
      expect(message).toContain(problem);
      if (contentType !== '') expect(`${message} ${JSON.stringify(error)}`).not.toContain(contentType);
      expect(client.raw.uploads.size).toBe(0);
    },
  );

  it('takes a media type with parameters', async () => {
    const media = await client.media.upload({ data, contentType: 'text/plain; charset="utf-8"' });
    expect(media.contentType).toBe('text/plain; charset="utf-8"');
  });
});
