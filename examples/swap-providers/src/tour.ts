import type { ConversationClient, ListConversationsParams } from '@parley/core';

/** What one run of the tour saw, for the side-by-side summary. */
export interface TourSummary {
  provider: string;
  conversationsOnFirstPage: number;
  hasMorePages: boolean;
  opened?: { id: string; title: string; channel: string; status: string; participants: number };
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
  log(`listed ${page.items.length} conversations${page.hasMore ? ' (more pages available)' : ''}`);
  const first = page.items[0];
  if (first === undefined) return summary;

  const conversation = await client.conversations.get(first.id);
  summary.opened = {
    id: conversation.id,
    title: conversation.title ?? '(untitled)',
    channel: conversation.channel ?? '-',
    status: conversation.status,
    participants: conversation.participants.length,
  };
  log(
    `opened ${conversation.id} "${summary.opened.title}" with ${conversation.participants.length} participants`,
  );

  for await (const message of client.messages.list(conversation.id)) {
    summary.messagesRead++;
    summary.firstMessage ??= `${message.author.name ?? message.author.role}: ${message.text ?? '[media]'}`;
    if (summary.messagesRead >= 500) break;
  }
  log(`read ${summary.messagesRead} messages`);

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
