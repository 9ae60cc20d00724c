import type { MediaAttachment } from '@parley/core';
import type { UltraCartConversationMultimediaUploadUrl } from '../wire/agent.js';
import type { UltraCartConversationMessage } from '../wire/conversation.js';

const contentTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
};

/** A content type guessed from a URL's extension; UltraCart's messages do not carry one. */
export function contentTypeOf(url: string): string {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Not an absolute URL: guess from the text itself.
  }
  const extension = /\.([a-z0-9]{1,10})$/i.exec(pathname)?.[1]?.toLowerCase();
  return (extension && contentTypes[extension]) || 'application/octet-stream';
}

/**
 * The attachment an upload made: the `key` a message's `upload_keys` takes, the object's `url`
 * without the presigned signature, what was sent, and UltraCart's `{ key, url }` unchanged as `raw`.
 */
export function toMediaAttachment(
  upload: UltraCartConversationMultimediaUploadUrl,
  sent: { key: string; url: URL; contentType: string; size: number },
): MediaAttachment {
  return {
    key: sent.key,
    url: `${sent.url.origin}${sent.url.pathname}`,
    contentType: sent.contentType,
    size: sent.size,
    raw: upload,
  };
}

/**
 * The attachments of a message: its `media_urls`, each with the upload key at the same position
 * when the counts match, else its `upload_keys` alone when it has no URL.
 */
export function toMessageMedia(message: UltraCartConversationMessage): MediaAttachment[] {
  const urls = message.media_urls ?? [];
  const keys = message.upload_keys ?? [];
  // How upload keys become media URLs is undocumented; pairing them by position when the counts
  // match is an inference; otherwise keys are only shown when no URL is.
  if (urls.length > 0)
    return urls.map((url, index) => {
      const key = keys.length === urls.length ? keys[index] : undefined;
      return {
        url,
        ...(key === undefined ? {} : { key }),
        contentType: contentTypeOf(url),
        size: 0,
        raw: key === undefined ? { media_url: url } : { media_url: url, upload_key: key },
      };
    });
  return keys.map((key) => ({ key, contentType: contentTypeOf(key), size: 0, raw: { upload_key: key } }));
}
