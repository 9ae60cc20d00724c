import type { MediaAttachment } from '@parley/core';
import { mediaTypeFromName } from '@parley/core/provider';
import type { SunshineAttachmentResponse, SunshineContent } from '../wire/messages.js';

/** The fields of message `content` the readers read (the rest stays in `raw`, unchecked). */
export type ReadContent = Pick<SunshineContent, 'type' | 'text' | 'mediaUrl' | 'mediaType' | 'mediaSize'>;

const mediaContentTypes = new Set(['image', 'file']);

/**
 * A content type for media whose `mediaType` is missing (it is read-only and may be absent): the
 * sender's declared type, else one guessed from the URL's extension, else a generic one.
 */
export function guessMediaType(url: string, kind: string, declared?: string): string {
  return declared ?? mediaTypeFromName(url) ?? (kind === 'image' ? 'image/*' : 'application/octet-stream');
}

/**
 * The medium of `image`/`file` message content, or undefined for any other content. `declared`
 * is the type the sender gave, used when Sunshine's answer leaves `mediaType` out.
 */
export function toContentMedia(
  content: ReadContent | undefined,
  declared?: string,
): MediaAttachment | undefined {
  if (content === undefined || !mediaContentTypes.has(content.type) || content.mediaUrl === undefined)
    return undefined;
  return {
    url: content.mediaUrl,
    // An empty `mediaType` says as little as a missing one.
    contentType: content.mediaType || guessMediaType(content.mediaUrl, content.type, declared),
    size: content.mediaSize ?? 0,
    raw: content,
  };
}

/** The `attachment` of an upload as a neutral attachment; the size is the bytes sent. */
export function toMediaAttachment(
  response: SunshineAttachmentResponse,
  contentType: string,
  size: number,
): MediaAttachment {
  return {
    url: response.attachment.mediaUrl,
    contentType: response.attachment.mediaType || contentType,
    size,
    raw: response.attachment,
  };
}
