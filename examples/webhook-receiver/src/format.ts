import type { ConversationEvent } from '@parley/core';

/** One line per neutral event: type, conversation, and what the event is about. */
export function describeEvent(event: ConversationEvent): string {
  const head = `${event.type.padEnd(20)} ${event.conversationId ?? '-'}`;
  switch (event.type) {
    case 'conversation.created':
      return `${head} reason=${event.reason ?? '?'}`;
    case 'conversation.removed':
      return head;
    case 'message.created':
      return `${head} ${event.message.author.role}: ${event.message.text ?? '[media]'}`;
    case 'participant.joined':
    case 'participant.left':
      return `${head} user=${event.participant.userExternalId ?? event.participant.userId ?? '?'}`;
    case 'conversation.read':
    case 'typing.started':
    case 'typing.stopped':
      return `${head} by ${event.author.role}`;
    case 'unknown':
      return `${head} (${event.providerType})`;
  }
}
