import type { Message } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import { NOT_A_DTS } from '../wire/common.js';
import type { UltraCartConversationMessage } from '../wire/conversation.js';
import { isIsoTimestamp, isIsoYearRange, parseIsoTimestamp } from '../wire/iso-timestamp.js';
import type { MapContext } from './context.js';
import { toMessageMedia } from './media.js';
import {
  asObject,
  mapItems,
  readAnswer,
  readInt,
  readString,
  readStrings,
  required,
  type WireObject,
  WireProblem,
} from './read.js';

/** A mapped message with its send time in epoch milliseconds. */
export interface TimedMessage {
  message: Message;
  epoch: number;
}

/**
 * Reads a message of `conversationId` in place (see `read.ts`), with its send time: `message_epoch`,
 * else `message_dts` (an epoch no Date can hold, past ±8.64e15 or beyond year 9999, is as good as
 * none). Checked: the fields read, in the schema's order (`author_conversation_participant_arn`,
 * `_name`, `body`, `conversation_message_uuid`, `media_urls`, `message_dts`, `message_epoch`,
 * `upload_keys`); the others (`client_message_id`, `delay_until_dts`, `translations`,
 * `transport_statuses`, `type`, …) are not read, so not checked. `message_dts` is parsed only when
 * `message_epoch` does not give the time; otherwise only its shape is checked.
 */
export function readTimedMessage(message: WireObject, conversationId: string): TimedMessage {
  const authorId = readString(message, 'author_conversation_participant_arn');
  const authorName = readString(message, 'author_conversation_participant_name');
  const body = readString(message, 'body');
  const id = readString(message, 'conversation_message_uuid');
  if (!id) required('conversation_message_uuid');
  readStrings(message, 'media_urls');
  // `message_dts` comes before `message_epoch` in the schema, so it is checked first; it is parsed
  // only when `message_epoch` cannot give the time (absent, or an instant no Date can hold).
  const given = message.message_epoch;
  const fromEpoch = typeof given === 'number' && isIsoYearRange(given);
  let epoch = fromEpoch ? (given as number) : undefined;
  const dts = readString(message, 'message_dts');
  if (dts !== undefined) {
    if (!fromEpoch) epoch = parseIsoTimestamp(dts);
    if (fromEpoch ? !isIsoTimestamp(dts) : epoch === undefined)
      throw new WireProblem('message_dts', NOT_A_DTS);
  }
  readInt(message, 'message_epoch');
  readStrings(message, 'upload_keys');
  if (epoch === undefined)
    required('message_epoch', 'required by Parley but missing or not a readable instant');
  const author: Message['author'] = { role: 'unknown' };
  if (authorId !== undefined) author.id = authorId;
  if (authorName !== undefined) author.name = authorName;
  const out: Message = {
    id: id as string,
    conversationId,
    author,
    // Both arrays were checked above: strings only.
    media: toMessageMedia(message as UltraCartConversationMessage),
    sentAt: epoch === undefined ? '' : isoUtc(epoch),
    raw: message,
  };
  if (body !== undefined) out.text = body;
  return { message: out, epoch: epoch as number };
}

/**
 * The messages of the array at `context.path`, in their order, each with its send time (read once,
 * not on every comparison of a sort), or `invalid_response` at `…[index].<field>`.
 */
export function toTimedMessages(
  messages: readonly UltraCartConversationMessage[],
  conversationId: string,
  context: MapContext,
): TimedMessage[] {
  return readAnswer(() => mapItems(messages, readTimedMessage, conversationId), context, context.path);
}

/** A message of `conversationId`; `sentAt` from `message_epoch` (else `message_dts`). */
export function toMessage(
  message: UltraCartConversationMessage,
  conversationId: string,
  context: MapContext,
): Message {
  return readAnswer(() => readTimedMessage(asObject(message), conversationId).message, context, context.path);
}
