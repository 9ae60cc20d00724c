import type { Message, SendMessageInput } from '@parley/core';
import { invalidRequest } from '@parley/core/provider';
import { checkMetadata, SUNSHINE_LIMITS } from '../limits.js';
import type { SunshineMessage } from '../wire/messages.js';
import type { SunshineContentBody, SunshineMessagePost } from '../wire/requests.js';
import { toContentMedia } from './media.js';
import { toMetadata } from './metadata.js';
import { toRole } from './participant.js';
import { toIso } from './timestamp.js';

/**
 * A Sunshine message: text, and the media of `image`/`file` content. `declaredMediaType` is the
 * type the sender gave, used when Sunshine's answer leaves `mediaType` out.
 */
export function toMessage(
  message: SunshineMessage,
  conversationId: string,
  declaredMediaType?: string,
): Message {
  const content = message.content;
  const author = message.author;
  const medium = toContentMedia(content, declaredMediaType);
  const out: Message = {
    id: message.id,
    conversationId,
    author: { role: toRole(author) },
    media: medium === undefined ? [] : [medium],
    sentAt: toIso(message.received),
    raw: message,
  };
  // Optional fields are set one by one: no object spreads per message of a page.
  if (author.userId !== undefined) out.author.id = author.userId;
  if (author.displayName !== undefined) out.author.name = author.displayName;
  if (content?.text !== undefined) out.text = content.text;
  if (message.metadata != null) out.metadata = toMetadata(message.metadata);
  return out;
}

const imageExtensions = /\.(jpe?g|png|gif|webp|bmp)(?:$|[?#])/i;

/**
 * `messagePost` for a neutral message, posted as the business: text → `text` content; one medium →
 * `image` (an `image/*` type, or an image file extension when the type is not given) or `file`,
 * with the text as its caption. Sunshine carries one medium per message, so more are refused.
 */
export function toMessagePost(input: SendMessageInput): SunshineMessagePost {
  const context = { provider: 'sunshine', operation: 'messages.send' };
  const media = input.media ?? [];
  if (input.text !== undefined && [...input.text].length > SUNSHINE_LIMITS.messageTextMaxLength)
    throw invalidRequest(
      'input.text',
      `must be at most ${SUNSHINE_LIMITS.messageTextMaxLength} characters`,
      context,
    );
  if (media.length > 1)
    throw invalidRequest(
      'input.media',
      'must have at most one entry: Sunshine sends one medium per message',
      context,
    );
  if (input.metadata !== undefined) checkMetadata(input.metadata, 'input.metadata', context);
  const medium = media[0];
  let content: SunshineContentBody;
  if (medium === undefined) {
    if (input.text === undefined) throw invalidRequest('input', 'needs text or media', context);
    content = { type: 'text', text: input.text };
  } else {
    const isImage =
      medium.contentType === undefined
        ? imageExtensions.test(medium.url)
        : medium.contentType.startsWith('image/');
    content = {
      type: isImage ? 'image' : 'file',
      mediaUrl: medium.url,
      ...(input.text === undefined ? {} : { text: input.text }),
    };
  }
  return {
    author: { type: 'business' },
    content,
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
  };
}
