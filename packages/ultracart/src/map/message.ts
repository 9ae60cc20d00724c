import type { Message } from '@parley/core';
import { isoUtc } from '@parley/core/provider';
import type { UltraCartConversationMessage } from '../wire/conversation.js';
import { isIsoYearRange, parseIsoTimestamp } from '../wire/iso-timestamp.js';
import { type MapContext, missing } from './context.js';
import { toMessageMedia } from './media.js';

/**
 * When a message was sent, in epoch milliseconds: `message_epoch`, else `message_dts`. Undefined
 * when it has neither.
 */
function messageEpoch(message: UltraCartConversationMessage): number | undefined {
  // An epoch no Date can hold (past ±8.64e15, or beyond year 9999) is as good as none.
  if (typeof message.message_epoch === 'number' && isIsoYearRange(message.message_epoch))
    return message.message_epoch;
  return message.message_dts ? parseIsoTimestamp(message.message_dts) : undefined;
}

/**
 * A message of `conversationId`; `sentAt` from `message_epoch` (else `message_dts`). A caller that
 * already read the send time passes it as `epoch`.
 */
export function toMessage(
  message: UltraCartConversationMessage,
  conversationId: string,
  context: MapContext,
  epoch: number | undefined = messageEpoch(message),
): Message {
  const id = message.conversation_message_uuid;
  if (!id) throw missing('conversation_message_uuid', context);
  if (epoch === undefined)
    throw missing('message_epoch', context, 'required by Parley but missing or not a readable instant');
  const author: Message['author'] = { role: 'unknown' };
  const authorId = message.author_conversation_participant_arn;
  if (authorId != null) author.id = authorId;
  const authorName = message.author_conversation_participant_name;
  if (authorName != null) author.name = authorName;
  const out: Message = {
    id,
    conversationId,
    author,
    media: toMessageMedia(message),
    sentAt: isoUtc(epoch),
    raw: message,
  };
  if (message.body != null) out.text = message.body;
  return out;
}

/** A mapped message with its send time in epoch milliseconds. */
export interface TimedMessage {
  message: Message;
  epoch: number;
}

/**
 * The messages of the array at `context.path`, in their order, each with its send time (read once,
 * not on every comparison of a sort). An element's path is built only for an error: a page can
 * carry hundreds of messages.
 */
export function toTimedMessages(
  messages: readonly UltraCartConversationMessage[],
  conversationId: string,
  context: MapContext,
): TimedMessage[] {
  return messages.map((message, index) => {
    const epoch = messageEpoch(message);
    const at =
      message.conversation_message_uuid && epoch !== undefined
        ? context
        : { ...context, path: `${context.path}[${index}]` };
    // toMessage refuses a message without a time, so `epoch` is defined past it.
    return { message: toMessage(message, conversationId, at, epoch), epoch: epoch as number };
  });
}
