import type { Conversation, Message, SendMessageInput } from '@parley/core';
import type {
  ConversationProviderV1,
  ProviderCallOptions,
  ProviderListConversationsParams,
  ProviderListMessagesParams,
  ProviderPage,
} from '@parley/core/provider';
import type { AcmeApi } from './api.js';
import { ACME_MAX_PAGE_SIZE } from './config.js';
import { toConversation } from './map/conversation.js';
import { toMessage, toSendMessageBody } from './map/message.js';
import { listConversationsPage, listMessagesPage } from './paging.js';

/**
 * Acme Chat behind the provider contract. Its capabilities are the methods below: it lists and
 * gets conversations, lists and sends messages, and defines nothing else, so the client answers
 * every other call with `unsupported` before any request.
 */
export class AcmeProvider implements ConversationProviderV1<AcmeApi> {
  readonly specificationVersion = 'v1';
  readonly name = 'acme';
  readonly maxPageSize = { conversations: ACME_MAX_PAGE_SIZE, messages: ACME_MAX_PAGE_SIZE };
  readonly raw: AcmeApi;

  constructor(api: AcmeApi) {
    this.raw = api;
  }

  listConversations(
    params: ProviderListConversationsParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Conversation>> {
    return listConversationsPage(this.raw, params, options);
  }

  /** Acme sends a conversation without its messages, so `messageLimit` has nothing to limit. */
  async getConversation(
    id: string,
    _params: { messageLimit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    return toConversation((await this.raw.getConversation(id, options)).conversation);
  }

  listMessages(
    conversationId: string,
    params: ProviderListMessagesParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Message>> {
    return listMessagesPage(this.raw, conversationId, params, options);
  }

  async sendMessage(
    conversationId: string,
    input: SendMessageInput,
    options: ProviderCallOptions,
  ): Promise<Message> {
    const body = toSendMessageBody(input, { provider: 'acme', operation: 'messages.send' });
    return toMessage((await this.raw.sendMessage(conversationId, body, options)).message);
  }
}
