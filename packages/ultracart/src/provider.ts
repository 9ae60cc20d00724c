import {
  type AgentSession,
  type AgentStatus,
  type Conversation,
  ConversationError,
  type CreateConversationInput,
  type MediaAttachment,
  type Message,
  type ParticipantRef,
  type Queue,
  type UploadInput,
} from '@parley/core';
import {
  type ConversationProviderV1,
  invalidRequest,
  invalidResponseAt,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
  type ProviderSubscribeOptions,
  type ProviderSubscription,
  type RequestBudget,
  readUpload,
  runPoller,
  uploadExtension,
} from '@parley/core/provider';
import { fetchUnchecked, ULTRACART_MAX_LIMIT, type UltraCartApi } from './api.js';
import { pollUltraCartEvents, startUltraCartEvents, type UltraCartCheckpoint } from './events.js';
import { toAgentSession } from './map/agent.js';
import { readConversationAnswer } from './map/answer.js';
import { REQUIRED } from './map/context.js';
import { toStartRequest } from './map/conversation.js';
import { toMediaAttachment } from './map/media.js';
import { toQueue } from './map/queue.js';
import { listConversationsPage, listMessagesPage, MESSAGE_PAGE_SIZE } from './paging.js';
import { getConversationRequest } from './requests.js';

const PROVIDER = 'ultracart';

/**
 * The largest file `media.upload` sends. UltraCart documents no limit for its presigned upload (the
 * method, headers and expiry of that PUT are undocumented too, ultracart-notes §5), and the file is
 * read into memory first (a presigned PUT needs its length, and a buffered body can be retried), so
 * Parley caps it at 50 MiB: an inferred bound, not one UltraCart states. A larger file is refused
 * with `invalid_request` before any request (a stream is read only up to the limit).
 */
export const ULTRACART_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const UPLOAD_URL = { provider: PROVIDER, operation: 'getConversationMultimediaUploadUrl' };

/** The presigned target of an upload, or `invalid_response`: only an absolute http(s) URL can be one. */
function parseUploadUrl(value: string | null | undefined): URL {
  const url = value && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalidResponseAt(
      'conversation_multimedia_upload_url.url',
      value ? 'not an absolute http(s) URL' : REQUIRED,
      UPLOAD_URL,
    );
  return url;
}

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
    const request = toStartRequest(input, { provider: PROVIDER, operation: 'conversations.create' });
    const response = await this.raw.startConversation(request, options);
    return readConversationAnswer(response, 'startConversation');
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
   * {@link ULTRACART_MAX_UPLOAD_BYTES}. The returned `url` is the object's location without the
   * signature; `raw` keeps UltraCart's answer.
   */
  async uploadMedia(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment> {
    const context = { provider: PROVIDER, operation: 'media.upload' };
    const extension = uploadExtension(input, context);
    // readUpload refuses a stream that fails as `invalid_request` ("input.data could not be read").
    const file = await readUpload(input, { maxBytes: ULTRACART_MAX_UPLOAD_BYTES, context });
    const response = await this.raw.getConversationMultimediaUploadUrl(extension, options);
    const upload = response.conversation_multimedia_upload_url;
    if (!upload) throw invalidResponseAt('conversation_multimedia_upload_url', REQUIRED, UPLOAD_URL);
    if (!upload.key) throw invalidResponseAt('conversation_multimedia_upload_url.key', REQUIRED, UPLOAD_URL);
    const url = parseUploadUrl(upload.url);
    try {
      await this.raw.uploadToPresignedUrl(url.href, file, input.contentType, options);
    } catch (error) {
      if (!ConversationError.isInstance(error) || error.code === 'aborted') throw error;
      // Name the step: the upload URL was obtained, the PUT to storage is what failed.
      throw error.withMessage(
        `${PROVIDER} media upload failed at step 2 of 2 (PUT of the file to the presigned upload URL): ${error.message}`,
      );
    }
    const sent = { key: upload.key, url, contentType: input.contentType, size: file.size };
    return toMediaAttachment(upload, sent);
  }

  async listQueues(options: ProviderCallOptions): Promise<Queue[]> {
    const response = await this.raw.getConversationWebchatQueueStatuses(options);
    const operation = 'getConversationWebchatQueueStatuses';
    return (response.queue_statuses ?? []).map((queue, index) =>
      toQueue(queue, { provider: PROVIDER, operation, path: `queue_statuses[${index}]` }),
    );
  }

  async setAgentStatus(queue: string, status: AgentStatus, options: ProviderCallOptions): Promise<void> {
    await this.raw.updateConversationWebchatQueueStatus(queue, { agent_status: status }, options);
  }

  async authorizeAgent(options: ProviderCallOptions): Promise<AgentSession> {
    const response = await this.raw.getAgentWebsocketAuthorization(options);
    return toAgentSession(response.agent_auth, {
      provider: PROVIDER,
      operation: 'getAgentWebsocketAuthorization',
      path: 'agent_auth',
    });
  }

  async keepAlive(options: ProviderCallOptions): Promise<void> {
    await this.raw.getAgentKeepAlive(options);
  }

  /**
   * Live events by polling, through core's `runPoller` (one poller per account across the
   * processes sharing the store, its checkpoint there, paced within half the request budget): each
   * poll reads the conversation list and the new messages of each conversation that moved (see
   * `events.ts`).
   */
  subscribe(subscription: ProviderSubscribeOptions): ProviderSubscription {
    const api = this.raw;
    const { budget, leaseTtlMs, maxIntervalMs } = this.#events;
    this.#account ??= this.#events.account();
    const account = this.#account;
    const run = async () =>
      runPoller<UltraCartCheckpoint>({
        subscription,
        account: await account,
        start: (signal) => startUltraCartEvents(api, signal),
        poll: (checkpoint, signal) => pollUltraCartEvents(api, checkpoint, signal),
        budget,
        ...(leaseTtlMs === undefined ? {} : { leaseTtlMs }),
        ...(maxIntervalMs === undefined ? {} : { maxIntervalMs }),
      });
    return { done: run() };
  }

  /** What `JSON.stringify` shows: never the credentials. */
  toJSON(): Record<string, unknown> {
    return { provider: PROVIDER };
  }
}
