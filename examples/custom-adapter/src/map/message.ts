import type { Message, SendMessageInput } from '@parley/core';
import { type ErrorContext, invalidRequest, isoUtc } from '@parley/core/provider';
import type { AcmeMessage, AcmeSendMessageBody } from '../wire/message.js';
import { toRole } from './participant.js';

/** The longest message text Acme Chat takes. */
const MAX_TEXT = 2_000;

/** An Acme message as a neutral {@link Message}; Acme messages are text only. */
export function toMessage(wire: AcmeMessage): Message {
  return {
    id: wire.id,
    conversationId: wire.conversation_id,
    author: {
      id: wire.author.id,
      ...(wire.author.display_name === undefined ? {} : { name: wire.author.display_name }),
      role: toRole(wire.author.kind),
    },
    text: wire.body,
    media: [],
    sentAt: isoUtc(wire.sent_at),
    raw: wire,
  };
}

/**
 * The body Acme takes for a neutral message, or `invalid_request` before any request for what it
 * cannot carry: media, metadata, or text that is missing, blank or too long.
 */
export function toSendMessageBody(input: SendMessageInput, context: ErrorContext): AcmeSendMessageBody {
  if (input.media !== undefined && input.media.length > 0)
    throw invalidRequest('input.media', 'is not supported by acme: messages are text only', context);
  if (input.metadata !== undefined && Object.keys(input.metadata).length > 0)
    throw invalidRequest('input.metadata', 'is not supported by acme', context);
  const text = input.text ?? '';
  if (text.trim() === '') throw invalidRequest('input.text', 'must not be empty', context);
  if (text.length > MAX_TEXT)
    throw invalidRequest('input.text', `must be at most ${MAX_TEXT} characters`, context);
  return { body: text };
}
