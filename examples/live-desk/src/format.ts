import type { ConversationEvent } from '@parley/core';

/**
 * One line per neutral event: its type, its conversation and what it is about. Nothing here names
 * a provider: the same line comes from a Sunshine webhook or an UltraCart poll.
 *
 * @example
 * ```ts
 * describeEvent(event); // 'message.created      6b02…0b24  customer: Where is my parcel?'
 * ```
 */
export function describeEvent(event: ConversationEvent): string {
  const head = `${event.type.padEnd(20)} ${event.conversationId ?? '-'}`;
  switch (event.type) {
    case 'conversation.created':
      return `${head}  ${event.conversation.title ?? event.conversation.channel ?? 'new conversation'}`;
    case 'conversation.removed':
      return head;
    case 'message.created':
      return `${head}  ${event.message.author.role}: ${event.message.text ?? '[media]'}`;
    case 'participant.joined':
    case 'participant.left': {
      const who = event.participant;
      return `${head}  ${who.name ?? who.userExternalId ?? who.userId ?? who.id ?? '?'} (${who.role})`;
    }
    case 'conversation.read':
    case 'typing.started':
    case 'typing.stopped':
      return `${head}  by ${event.author.role}`;
    case 'unknown':
      return `${head}  (${event.providerType})`;
  }
}
