import type {
  AgentSession,
  AgentStatus,
  Conversation,
  CreateConversationInput,
  MediaAttachment,
  Message,
  ParticipantRef,
  Queue,
  UploadInput,
} from '@parley/core';
import {
  type ConversationProviderV1,
  invalidRequest,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
  type ProviderSubscribeOptions,
  type ProviderSubscription,
  type RequestBudget,
} from '@parley/core/provider';
import { fetchUnchecked, ULTRACART_MAX_LIMIT, type UltraCartApi } from './api.js';
import { loadDeferred } from './load-deferred.js';
import { readConversationAnswer } from './map/answer.js';
import { listConversationsPage, listMessagesPage, MESSAGE_PAGE_SIZE } from './paging.js';
import { getConversationRequest } from './requests.js';

const PROVIDER = 'ultracart';

/** Refuses a participant: UltraCart joins and leaves as the authenticated agent, never for someone else. */
function refuseParticipant(participant: ParticipantRef | undefined, operation: string): void {
  if (participant !== undefined)
    throw invalidRequest(
      'options.participant',
      'is not supported: UltraCart acts as the authenticated agent',
      { provider: PROVIDER, operation },
    );
}

/** What the live-events poller of a provider needs besides the raw API. */
export interface UltraCartEventOptions {
  /** The account key of the poller's lease and checkpoint in the store: no secret in it. */
  account: () => Promise<string>;
  /** The client's request budget: the poller spends at most half its steady rate. */
  budget?: RequestBudget | undefined;
  /** How long the poller lease holds without renewal (config `events.leaseTtlMs`). */
  leaseTtlMs?: number | undefined;
  /** The longest wait between polls while idle (config `events.maxIntervalMs`). */
  maxIntervalMs?: number | undefined;
}

/**
 * The UltraCart provider: the neutral contract on top of {@link UltraCartApi}. Conversations page
 * by offset and messages by `since` (see `paging.ts`); uploads go through a presigned URL. It leaves
 * out what UltraCart's REST API cannot do (update, delete, sending a message: those go over the
 * agent websocket), so the client answers those with `unsupported` before any request; typing is
 * websocket-only too. Live events come by polling (see `events.ts`).
 *
 * The hot reads (`getConversation`, conversation and message pages) skip the raw API's full wire
 * schema: their readers (`map/answer.ts`) check the fields they read, in place, and fail with the
 * same `invalid_response` path and words as the schema when one of those breaks it. Fields they
 * do not read (listed in each reader) are not checked, and reach `raw` as UltraCart sent them.
 * `client.raw` keeps the full schema.
 */
export class UltraCartProvider implements ConversationProviderV1<UltraCartApi> {
  readonly specificationVersion = 'v1' as const;
  readonly name = PROVIDER;
  readonly maxPageSize = { conversations: ULTRACART_MAX_LIMIT, messages: MESSAGE_PAGE_SIZE } as const;
  readonly raw: UltraCartApi;
  readonly #events: UltraCartEventOptions;
  #account: Promise<string> | undefined;

  constructor(api: UltraCartApi, events: UltraCartEventOptions = { account: async () => PROVIDER }) {
    this.raw = api;
    this.#events = events;
  }

  listConversations(
    params: ProviderListConversationsParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Conversation>> {
    return listConversationsPage(this.raw, params, options);
  }

  async getConversation(
    id: string,
    params: { messageLimit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const query = params.messageLimit === undefined ? {} : { limit: params.messageLimit };
    // Read in place by the provider's reader (the raw API's `getConversation` runs the full schema).
    const data = await fetchUnchecked(this.raw, getConversationRequest(id, query), options);
    return readConversationAnswer(data, 'getConversation');
  }

  async createConversation(
    input: CreateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    return (await loadDeferred()).createConversation(this.raw, input, options);
  }

  async joinConversation(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void> {
    refuseParticipant(participant, 'conversations.join');
    await this.raw.joinConversation(id, undefined, options);
  }

  async leaveConversation(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void> {
    refuseParticipant(participant, 'conversations.leave');
    await this.raw.leaveConversation(id, options);
  }

  async markConversationRead(id: string, options: ProviderCallOptions): Promise<void> {
    await this.raw.markReadConversation(id, options);
  }

  listMessages(
    conversationId: string,
    params: ProviderListMessagesParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Message>> {
    return listMessagesPage(this.raw, conversationId, params, options);
  }

  /**
   * Two steps: `GET upload_url/{extension}` for a key and a presigned URL, then a PUT of the bytes
   * to that URL with their Content-Type and without UltraCart credentials (another host). The
   * extension is the filename's, else the content type's; the file is at most
   * `ULTRACART_MAX_UPLOAD_BYTES`. The returned `url` is the object's location without the
   * signature; `raw` keeps UltraCart's answer.
   */
  async uploadMedia(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment> {
    return (await loadDeferred()).uploadMedia(this.raw, input, options);
  }

  async listQueues(options: ProviderCallOptions): Promise<Queue[]> {
    return (await loadDeferred()).listQueues(this.raw, options);
  }

  async setAgentStatus(queue: string, status: AgentStatus, options: ProviderCallOptions): Promise<void> {
    await this.raw.updateConversationWebchatQueueStatus(queue, { agent_status: status }, options);
  }

  async authorizeAgent(options: ProviderCallOptions): Promise<AgentSession> {
    return (await loadDeferred()).authorizeAgent(this.raw, options);
  }

  async keepAlive(options: ProviderCallOptions): Promise<void> {
    await this.raw.getAgentKeepAlive(options);
  }

  /**
   * Live events by polling, through core's `runPoller` (one poller per account across the
   * processes sharing the store, its checkpoint there, paced within half the request budget): each
   * poll reads the conversation list and the new messages of each conversation that moved (see
   * `events.ts`, loaded on the first subscription).
   */
  subscribe(subscription: ProviderSubscribeOptions): ProviderSubscription {
    const api = this.raw;
    const { budget, leaseTtlMs, maxIntervalMs } = this.#events;
    this.#account ??= this.#events.account();
    const account = this.#account;
    const run = async () => {
      const [{ runUltraCartEvents }, name] = await Promise.all([loadDeferred(), account]);
      await runUltraCartEvents(api, {
        subscription,
        account: name,
        budget,
        ...(leaseTtlMs === undefined ? {} : { leaseTtlMs }),
        ...(maxIntervalMs === undefined ? {} : { maxIntervalMs }),
      });
    };
    return { done: run() };
  }

  /** What `JSON.stringify` shows: never the credentials. */
  toJSON(): Record<string, unknown> {
    return { provider: PROVIDER };
  }
}
