import type { ConversationClient, ListConversationsParams } from '@parley/core';

/** What one tenant's inbox shows. */
export interface InboxSummary {
  tenant: string;
  provider: string;
  /** Conversations on the first page (at most 5). */
  conversations: number;
  hasMore: boolean;
  /** Title of the first conversation listed, when there is one. */
  first?: string;
}

/**
 * A tenant-scoped service of the app: it gets its tenant's client from the tenant's container and
 * never knows which provider is behind it.
 */
export class Inbox {
  readonly #tenant: string;
  readonly #client: ConversationClient;
  readonly #listParams: Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>;

  constructor(
    tenant: string,
    client: ConversationClient,
    listParams: Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'> = {},
  ) {
    this.#tenant = tenant;
    this.#client = client;
    this.#listParams = listParams;
  }

  /** The first page of the tenant's conversations, summarised. */
  async summary(): Promise<InboxSummary> {
    const page = await this.#client.conversations.list({ ...this.#listParams, limit: 5 });
    const first = page.items[0];
    return {
      tenant: this.#tenant,
      provider: this.#client.provider,
      conversations: page.items.length,
      hasMore: page.hasMore,
      ...(first === undefined ? {} : { first: first.title ?? first.id }),
    };
  }
}
