import type { Message } from '@parley/core';
import type { SunshineAuthor, SunshineMessage } from '../wire/messages.js';
import {
  accepted,
  isId,
  isMetadata,
  isObject,
  isOptionalNumber,
  isOptionalString,
  isOptionalStringArray,
  type WireObject,
} from './checks.js';
import { type ReadContent, toContentMedia } from './media.js';
import { toMetadata } from './metadata.js';
import { toRole } from './participant.js';
import { isoTimestamp } from './timestamp.js';

/** A listed message with what a page needs of every message to order it: `id` and `sentAt`. */
export interface TimedMessage {
  message: WireObject & { id: string };
  /** `received` as ISO-8601 UTC: fixed width, so comparing two compares their instants. */
  sentAt: string;
}

/** The fields of `author` the reader reads, checked. */
type ReadAuthor = Pick<SunshineAuthor, 'type' | 'subtypes' | 'userId' | 'displayName'>;

function isAuthor(value: unknown): value is ReadAuthor {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    isOptionalStringArray(value.subtypes) &&
    isOptionalString(value.userId) &&
    isOptionalString(value.displayName)
  );
}

function isContent(value: unknown): value is ReadContent {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    isOptionalString(value.text) &&
    isOptionalString(value.mediaUrl) &&
    isOptionalString(value.mediaType) &&
    isOptionalNumber(value.mediaSize)
  );
}

/**
 * The first half of reading a message, which a page does for every message: `id` and `received`,
 * checked, the datetime parsed once. Undefined when either breaks `messageSchema`.
 */
export function timedMessage(value: unknown): TimedMessage | undefined {
  if (!isObject(value)) return undefined;
  const { id, received } = value;
  if (!isId(id) || typeof received !== 'string') return undefined;
  const sentAt = isoTimestamp(received);
  return sentAt === undefined ? undefined : { message: value as WireObject & { id: string }, sentAt };
}

/**
 * The second half, for the messages a page keeps: the message as a neutral one (text, and the
 * media of `image`/`file` content), read without copying; undefined when a field it reads breaks
 * `messageSchema`. Reads `author` (`type`, `subtypes`, `userId`, `displayName`), `content`
 * (`type`, `text`, `mediaUrl`, `mediaType`, `mediaSize`) and `metadata`; not read, so not checked:
 * `source`, `deleted`, `author.avatarUrl` and the other fields of `content`. `declaredMediaType` is
 * the type the sender gave, used when Sunshine's answer leaves `mediaType` out.
 */
export function readMessage(
  timed: TimedMessage,
  conversationId: string,
  declaredMediaType?: string,
): Message | undefined {
  const message = timed.message;
  const { author, content, metadata } = message;
  if (!isAuthor(author) || !isMetadata(metadata) || (content !== undefined && !isContent(content)))
    return undefined;
  const medium = toContentMedia(content, declaredMediaType);
  const out: Message = {
    id: message.id,
    conversationId,
    author: { role: toRole(author) },
    media: medium === undefined ? [] : [medium],
    sentAt: timed.sentAt,
    raw: message,
  };
  // Optional fields are set one by one: no object spreads per message of a page.
  if (author.userId !== undefined) out.author.id = author.userId;
  if (author.displayName !== undefined) out.author.name = author.displayName;
  if (content?.text !== undefined) out.text = content.text;
  if (metadata != null) out.metadata = toMetadata(metadata);
  return out;
}

/**
 * A message the wire schema already accepted (webhook payloads, answers of Post Message).
 * `declaredMediaType` is the type the sender gave, used when the answer leaves `mediaType` out.
 */
export function toMessage(
  message: SunshineMessage,
  conversationId: string,
  declaredMediaType?: string,
): Message {
  const timed = accepted(timedMessage(message), 'message');
  return accepted(readMessage(timed, conversationId, declaredMediaType), 'message');
}
