import { describe, expect, it } from 'vitest';
import { toMediaAttachment, toMessageMedia } from './media.js';

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
