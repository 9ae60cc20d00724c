import type { Conversation, Message } from '@parley/core';
import {
  type ErrorContext,
  invalidRequest,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
} from '@parley/core/provider';
import type { AcmeApi } from './api.js';
import { toConversation } from './map/conversation.js';
import { toMessage } from './map/message.js';

/** Acme's page tokens are `p` and an offset; anything else is refused before any request. */
const TOKEN = /^p\d{1,6}$/;

function checkToken(cursor: string | undefined, context: ErrorContext): string | undefined {
  if (cursor !== undefined && !TOKEN.test(cursor))
    throw invalidRequest('cursor', 'was not issued by acme', context);
  return cursor;
}

/**
 * One page of conversations, newest first. `userId` filters by participant id; Acme cannot filter
 * by `userExternalId` or `channel`, so those are refused rather than ignored.
 */
export async function listConversationsPage(
  api: AcmeApi,
  params: ProviderListConversationsParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Conversation>> {
  const context = { provider: 'acme', operation: 'conversations.list' };
  if (params.userExternalId !== undefined)
    throw invalidRequest('params.userExternalId', 'is not a filter acme supports; use userId', context);
  if (params.channel !== undefined)
    throw invalidRequest('params.channel', 'is not a filter acme supports', context);
  const after = checkToken(params.cursor, context);
  const page = await api.listConversations(
    {
      ...(params.limit === undefined ? {} : { limit: params.limit }),
      ...(after === undefined ? {} : { after }),
      ...(params.userId === undefined ? {} : { participant: params.userId }),
    },
    options,
  );
  // Handing the token over before mapping lets a `for await` caller's next page travel meanwhile.
  if (page.next !== null) await options.onNextCursor?.(page.next);
  return {
    items: page.conversations.map(toConversation),
    ...(page.next === null ? {} : { nextCursor: page.next }),
  };
}

/** One page of a conversation's messages, in the order asked for, after `since` when given. */
export async function listMessagesPage(
  api: AcmeApi,
  conversationId: string,
  params: ProviderListMessagesParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Message>> {
  const after = checkToken(params.cursor, { provider: 'acme', operation: 'messages.list' });
  const page = await api.listMessages(
    conversationId,
    {
      order: params.order,
      ...(params.limit === undefined ? {} : { limit: params.limit }),
      ...(after === undefined ? {} : { after }),
      ...(params.since === undefined ? {} : { since: params.since }),
    },
    options,
  );
  return {
    items: page.messages.map(toMessage),
    ...(page.next === null ? {} : { nextCursor: page.next }),
  };
}
