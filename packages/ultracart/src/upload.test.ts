import { ConversationError } from '@parley/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { API_KEY, answer, BASE, JSON_HEADERS, ultracartHost, useNock } from './__fixtures__/harness.js';
import { createUltraCartProvider } from './provider.js';
import { uploadExtension } from './upload.js';

useNock();

const context = { provider: 'ultracart', operation: 'media.upload' };
const STORAGE = 'https://uploads.s3.amazonaws.test';

/** The ConversationError `run` throws or rejects with. */
async function failure(run: () => unknown): Promise<ConversationError> {
  try {
    await run();
  } catch (error) {
    if (ConversationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConversationError');
}

describe('UltraCart upload content types', () => {
  it.each([
    ['a NUL', 'image/png\u0000', 'must not contain control characters'],
    ['a line break', 'image/png\r\nx-amz-acl: public-read', 'must not contain control characters'],
    ['non-ASCII', 'image/pngé', 'must be ASCII'],
    ['U+200B', 'image/\u200bpng', 'must be ASCII'],
    ['no subtype', 'imagepng', "must be a media type like 'image/png' (type/subtype)"],
  ])(
    'refuses %s with invalid_request before any request (nock would see one)',
    async (_why, contentType, problem) => {
      const provider = createUltraCartProvider({ apiKey: API_KEY });
      const error = await failure(() =>
        provider.uploadMedia({ data: new Uint8Array([1]), contentType, filename: 'photo.png' }, {}),
      );
      expect(error).toMatchObject({
        code: 'invalid_request',
        provider: 'ultracart',
        operation: 'media.upload',
      });
      expect(error.message).toBe(`input.contentType ${problem}`);
      expect(JSON.stringify(error)).not.toContain(contentType);
      expect(nock.isDone()).toBe(true);
    },
  );

  it('checks the content type even when the filename gives the extension', () => {
    expect(() => uploadExtension({ filename: 'a.png', contentType: 'image/png\u0007' }, context)).toThrow(
      'input.contentType must not contain control characters',
    );
    expect(uploadExtension({ filename: 'a.PNG', contentType: 'image/png; q="1"' }, context)).toBe('png');
    expect(uploadExtension({ contentType: 'image/jpeg; charset=binary' }, context)).toBe('jpg');
  });

  it('sends a valid content type with parameters to the presigned URL unchanged', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/upload_url/png`), 200, {
      success: true,
      conversation_multimedia_upload_url: { key: 'k/abc.png', url: `${STORAGE}/k/abc.png?sig=1` },
    });
    const put = answer(nock(STORAGE).put('/k/abc.png').query(true), 200, undefined, JSON_HEADERS);
    await createUltraCartProvider({ apiKey: API_KEY }).uploadMedia(
      { data: new Uint8Array([1]), contentType: 'image/png; foo="a b"', filename: 'a.png' },
      {},
    );
    expect(put[0]?.headers['content-type']).toBe('image/png; foo="a b"');
  });
});
