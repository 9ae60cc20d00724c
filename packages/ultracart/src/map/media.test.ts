import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, toMediaAttachment, toMessageMedia } from './media.js';

describe('contentTypeOf', () => {
  it('guesses content types from extensions', () => {
    expect(contentTypeOf('https://x/y/photo.PNG')).toBe('image/png');
    expect(contentTypeOf('uploads/a.mp4')).toBe('video/mp4');
    expect(contentTypeOf('https://x/noext')).toBe('application/octet-stream');
  });

  it('always names a type (fast-check)', () =>
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
        expect(contentTypeOf(url)).toMatch(/^[a-z]+\/[\w.+*-]+$/);
      }),
    ));
});

describe('toMessageMedia', () => {
  it('pairs media URLs with upload keys by position when the counts match', () => {
    expect(
      toMessageMedia({ media_urls: ['https://x/a.png', 'https://x/b.pdf'], upload_keys: ['ka', 'kb'] }),
    ).toEqual([
      {
        url: 'https://x/a.png',
        key: 'ka',
        contentType: 'image/png',
        size: 0,
        raw: { media_url: 'https://x/a.png', upload_key: 'ka' },
      },
      {
        url: 'https://x/b.pdf',
        key: 'kb',
        contentType: 'application/pdf',
        size: 0,
        raw: { media_url: 'https://x/b.pdf', upload_key: 'kb' },
      },
    ]);
    expect(toMessageMedia({})).toEqual([]);
  });
});

describe('toMediaAttachment', () => {
  it("keeps the key, drops the signature from the URL and keeps UltraCart's answer as raw", () => {
    const upload = {
      key: 'conversation/DEMO/abc.png',
      url: 'https://s3.test/conversation/DEMO/abc.png?X-Amz-Signature=s',
    };
    const url = new URL(upload.url);
    const media = toMediaAttachment(upload, { key: upload.key, url, contentType: 'image/png', size: 8 });
    expect(media).toEqual({
      key: 'conversation/DEMO/abc.png',
      url: 'https://s3.test/conversation/DEMO/abc.png',
      contentType: 'image/png',
      size: 8,
      raw: upload,
    });
    expect(media.raw).toBe(upload);
  });
});
