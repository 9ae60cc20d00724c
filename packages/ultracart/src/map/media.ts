import type { MediaAttachment } from '@parley/core';
import { mediaTypeFromName } from '@parley/core/provider';
import type { UltraCartConversationMultimediaUploadUrl } from '../wire/agent.js';
import type { UltraCartConversationMessage } from '../wire/conversation.js';

// UltraCart's messages carry no content type: one is guessed from the URL or key, else generic.
const OCTET_STREAM = 'application/octet-stream';

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
        contentType: mediaTypeFromName(url) ?? OCTET_STREAM,
        size: 0,
        raw: key === undefined ? { media_url: url } : { media_url: url, upload_key: key },
      };
    });
  return keys.map((key) => ({
    key,
    contentType: mediaTypeFromName(key) ?? OCTET_STREAM,
    size: 0,
    raw: { upload_key: key },
  }));
}
