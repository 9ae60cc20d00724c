import type { Conversation, ConversationClient, ListConversationsParams } from '@parley/core';

/** What one run of the tour saw, for the side-by-side summary. */
export interface TourSummary {
  provider: string;
  conversationsOnFirstPage: number;
  hasMorePages: boolean;
  opened?: {
    id: string;
    /** The title, or who the conversation is with when it has none. */
    title: string;
    /** Absent where the provider does not say (Sunshine has no channel). */
    channel?: string;
    status: string;
    participants: number;
  };
  messagesRead: number;
  firstMessage?: string;
  upload?: string;
  skipped: string[];
}

/** Options of {@link runTour}. */
export interface TourOptions {
  /** Filters of the listing: Sunshine lists conversations per user, so it needs `userId` or `userExternalId`. */
  listParams?: Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>;
  log?: (line: string) => void;
}

/**
 * The provider-neutral program: list conversations, open the first, read its messages, upload a
 * file. It never names a provider; capabilities decide what it can do.
 */
export async function runTour(client: ConversationClient, options: TourOptions = {}): Promise<TourSummary> {
  const log = options.log ?? (() => {});
  const summary: TourSummary = {
    provider: client.provider,
    conversationsOnFirstPage: 0,
    hasMorePages: false,
    messagesRead: 0,
    skipped: [],
  };
  const page = await client.conversations.list({ limit: 10, ...options.listParams });
  summary.conversationsOnFirstPage = page.items.length;
  summary.hasMorePages = page.hasMore;
  log(`listed ${count(page.items.length, 'conversation')}${page.hasMore ? ' (more pages available)' : ''}`);
  const first = page.items[0];
  if (first === undefined) return summary;

  const conversation = await client.conversations.get(first.id);
  // Who wrote, for a conversation whose participants carry no names (Sunshine's do not).
  const authors = new Set<string>();
  for await (const message of client.messages.list(conversation.id)) {
    summary.messagesRead++;
    summary.firstMessage ??= `${message.author.name ?? message.author.role}: ${message.text ?? '[media]'}`;
    if (message.author.role !== 'agent' && message.author.name !== undefined)
      authors.add(message.author.name);
    if (summary.messagesRead >= 500) break;
  }
  summary.opened = {
    id: conversation.id,
    title: titleOf(conversation, [...authors]),
    ...(conversation.channel === undefined ? {} : { channel: conversation.channel }),
    status: conversation.status,
    participants: conversation.participants.length,
  };
  log(
    `opened ${conversation.id}${conversation.title === undefined ? `, untitled, ${summary.opened.title}` : ` "${conversation.title}"`} (${count(conversation.participants.length, 'participant')})`,
  );
  log(`read ${count(summary.messagesRead, 'message')}`);

  if (client.supports('media.upload')) {
    const media = await client.media.upload({
      data: new TextEncoder().encode('Parley demo attachment\n'),
      contentType: 'text/plain',
      filename: 'note.txt',
      conversationId: conversation.id,
    });
    summary.upload = `${media.size} bytes → ${media.url ?? media.key ?? '?'}`;
    log(`uploaded note.txt (${summary.upload})`);
  } else summary.skipped.push('media.upload');
  return summary;
}

/** `1 message`, `2 messages`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The conversation's title or, when it has none (UltraCart conversations never do), who it is
 * with: its non-agent participants by name, else the non-agent authors of its messages.
 */
function titleOf(conversation: Conversation, authors: string[]): string {
  if (conversation.title !== undefined && conversation.title.trim() !== '') return conversation.title;
  const named = conversation.participants
    .filter((participant) => participant.role !== 'agent')
    .flatMap((participant) => (participant.name === undefined ? [] : [participant.name]));
  const names = named.length > 0 ? named : authors.slice(0, 3);
  return names.length === 0 ? '(untitled)' : `with ${names.join(', ')}`;
}
