import { encodePathSegment, parseWire, type Transport } from '@parley/core/provider';
import {
  type AcmeConversationListQuery,
  type AcmeConversationListResponse,
  type AcmeConversationResponse,
  conversationListResponseSchema,
  conversationResponseSchema,
} from './wire/conversation.js';
import {
  type AcmeMessageListQuery,
  type AcmeMessageListResponse,
  type AcmeMessageResponse,
  type AcmeSendMessageBody,
  messageListResponseSchema,
  messageResponseSchema,
} from './wire/message.js';

/** Options of every raw call. */
export interface AcmeRequestOptions {
  signal?: AbortSignal | undefined;
}

/**
 * The raw Acme Chat API: one method per operation of the service, wire types in and out, every
 * answer checked against its schema (`invalid_response` naming the bad field otherwise). The
 * neutral client's `raw` is this.
 *
 * @example
 * ```ts
 * const api = new AcmeApi(createAcmeTransport(config, settings));
 * const { conversations, next } = await api.listConversations({ limit: 10 });
 * ```
 */
export class AcmeApi {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** `GET /conversations`: a page of conversations, newest first. */
  async listConversations(
    query: AcmeConversationListQuery = {},
    options: AcmeRequestOptions = {},
  ): Promise<AcmeConversationListResponse> {
    const operation = 'listConversations';
    const { data } = await this.#transport.request({
      operation,
      method: 'GET',
      path: 'conversations',
      query: { ...query },
      signal: options.signal,
    });
    return parseWire(conversationListResponseSchema, data, { provider: 'acme', operation });
  }

  /** `GET /conversations/{id}`: one conversation with its participants. */
  async getConversation(id: string, options: AcmeRequestOptions = {}): Promise<AcmeConversationResponse> {
    const operation = 'getConversation';
    const context = { provider: 'acme', operation };
    const { data } = await this.#transport.request({
      operation,
      method: 'GET',
      path: `conversations/${encodePathSegment(id, 'conversationId', context)}`,
      signal: options.signal,
    });
    return parseWire(conversationResponseSchema, data, context);
  }

  /** `GET /conversations/{id}/messages`: a page of a conversation's messages. */
  async listMessages(
    conversationId: string,
    query: AcmeMessageListQuery = {},
    options: AcmeRequestOptions = {},
  ): Promise<AcmeMessageListResponse> {
    const operation = 'listMessages';
    const context = { provider: 'acme', operation };
    const { data } = await this.#transport.request({
      operation,
      method: 'GET',
      path: `conversations/${encodePathSegment(conversationId, 'conversationId', context)}/messages`,
      query: { ...query },
      signal: options.signal,
    });
    return parseWire(messageListResponseSchema, data, context);
  }

  /** `POST /conversations/{id}/messages`: sends a message as the agent (not retried: it is a write). */
  async sendMessage(
    conversationId: string,
    body: AcmeSendMessageBody,
    options: AcmeRequestOptions = {},
  ): Promise<AcmeMessageResponse> {
    const operation = 'sendMessage';
    const context = { provider: 'acme', operation };
    const { data } = await this.#transport.request({
      operation,
      method: 'POST',
      path: `conversations/${encodePathSegment(conversationId, 'conversationId', context)}/messages`,
      json: body,
      signal: options.signal,
    });
    return parseWire(messageResponseSchema, data, context);
  }
}
