import {
  type AgentSession,
  type AgentStatus,
  allCapabilities,
  type Capability,
  type Conversation,
  ConversationError,
  type ConversationProviderV1,
  type CreateConversationInput,
  invalidRequest,
  type MediaAttachment,
  type Message,
  type ParticipantRef,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
  type Queue,
  type UploadInput,
} from '@parley/core';
import { transportOf, ULTRACART_MAX_LIMIT, UltraCartApi, type UltraCartTransportSettings } from './api.js';
import type { UltraCartProviderConfigInput } from './config.js';
import {
  invalidResponseAt,
  mapAgentSession,
  mapConversation,
  mapConversationSummary,
  mapQueue,
  toMedium,
  toStartRequest,
} from './map.js';
import { listMessagesPage, MESSAGE_PAGE_SIZE } from './message-paging.js';
import { toUploadBlob, uploadExtension } from './upload.js';

const PROVIDER = 'ultracart';
const UPLOAD_URL = 'getConversationMultimediaUploadUrl';

/** What the UltraCart adapter can do; update, delete and messages.send are not REST operations. */
export const ultracartCapabilities: ReadonlySet<Capability> = new Set<Capability>(
  allCapabilities.filter(
    (capability) =>
      capability !== 'conversations.update' &&
      capability !== 'conversations.delete' &&
      capability !== 'messages.send',
  ),
);

/**
 * The UltraCart provider: the neutral contract on top of {@link UltraCartApi}. Conversations page
 * by offset (the cursor state is the next `_offset`), messages by `since` (see
 * `listMessagesPage`), uploads go through a presigned URL.
 */
export class UltraCartProvider implements ConversationProviderV1<UltraCartApi> {
  readonly specificationVersion = 'v1' as const;
  readonly name = PROVIDER;
  readonly capabilities = ultracartCapabilities;
  readonly maxPageSize = { conversations: ULTRACART_MAX_LIMIT, messages: MESSAGE_PAGE_SIZE } as const;
  readonly raw: UltraCartApi;

  constructor(api: UltraCartApi) {
    this.raw = api;
  }

  async listConversations(
    params: ProviderListConversationsParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Conversation>> {
    const context = { provider: PROVIDER, operation: 'conversations.list' };
    // UltraCart has no per-user filter: refusing beats silently listing everyone's conversations.
    if (params.userId !== undefined || params.userExternalId !== undefined)
      throw invalidRequest(
        'params.userId',
        'is not supported by UltraCart (filter by channel instead)',
        context,
      );
    const offset = params.cursor === undefined ? 0 : decodeOffset(params.cursor);
    const limit = params.limit ?? ULTRACART_MAX_LIMIT;
    const response = await this.raw.getConversations(
      {
        ...(params.channel === undefined ? {} : { medium: toMedium(params.channel) }),
        _limit: limit,
        _offset: offset,
      },
      options,
    );
    const summaries = response.conversations ?? [];
    const items = summaries.map((summary, index) =>
      mapConversationSummary(summary, {
        provider: PROVIDER,
        operation: 'getConversations',
        path: `conversations[${index}]`,
      }),
    );
    const resultSet = response.metadata?.result_set;
    // `more`/`next_offset` are the documented signal. Without `more` (inferred fallback): compare
    // with `total_records` when given, else a full page means there may be more.
    const total = resultSet?.total_records;
    const more =
      resultSet?.more ?? (typeof total === 'number' ? offset + items.length < total : items.length >= limit);
    if (!more || items.length === 0) return { items };
    const next = resultSet?.next_offset ?? offset + items.length;
    // A next_offset that does not move forward would page the same results forever.
    if (next <= offset)
      throw invalidResponseAt(
        'getConversations',
        'metadata.result_set.next_offset',
        `${next} does not move past offset ${offset}`,
      );
    return { items, nextCursor: String(next) };
  }

  async getConversation(
    id: string,
    params: { messageLimit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const response = await this.raw.getConversation(
      id,
      params.messageLimit === undefined ? {} : { limit: params.messageLimit },
      options,
    );
    if (!response.conversation) throw invalidResponseAt('getConversation', 'conversation');
    return mapConversation(response.conversation, {
      provider: PROVIDER,
      operation: 'getConversation',
      path: 'conversation',
    });
  }

  async createConversation(
    input: CreateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const request = toStartRequest(input, { provider: PROVIDER, operation: 'conversations.create' });
    const response = await this.raw.startConversation(request, options);
    if (!response.conversation) throw invalidResponseAt('startConversation', 'conversation');
    return mapConversation(response.conversation, {
      provider: PROVIDER,
      operation: 'startConversation',
      path: 'conversation',
    });
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
    return listMessagesPage(this.raw, conversationId, params, options.signal);
  }

  /**
   * Two steps: `GET upload_url/{extension}` for a key and a presigned URL, then a PUT of the bytes
   * to that URL with their Content-Type and without UltraCart credentials (another host). The
   * returned `url` is the object's location without the signature; `raw` keeps UltraCart's answer.
   */
  async uploadMedia(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment> {
    const operation = 'media.upload';
    const extension = uploadExtension(input, { provider: PROVIDER, operation });
    let blob: Blob;
    try {
      blob = await toUploadBlob(input.data, input.contentType);
    } catch (error) {
      if (ConversationError.isInstance(error)) throw error;
      throw new ConversationError({
        code: 'invalid_request',
        message: 'input.data could not be read',
        provider: PROVIDER,
        operation,
        cause: error,
      });
    }
    const response = await this.raw.getConversationMultimediaUploadUrl(extension, options);
    const upload = response.conversation_multimedia_upload_url;
    if (!upload) throw invalidResponseAt(UPLOAD_URL, 'conversation_multimedia_upload_url');
    if (!upload.key) throw invalidResponseAt(UPLOAD_URL, 'conversation_multimedia_upload_url.key');
    const url = parseUploadUrl(upload.url);
    try {
      await transportOf(this.raw).request({
        operation,
        method: 'PUT',
        url: url.href,
        body: blob,
        headers: { 'Content-Type': input.contentType },
        signal: options.signal,
      });
    } catch (error) {
      if (!ConversationError.isInstance(error) || error.code === 'aborted') throw error;
      // Name the step: the upload URL was obtained, the PUT to storage is what failed.
      throw new ConversationError({
        code: error.code,
        message: `ultracart media upload failed at step 2 of 2 (PUT of the file to the presigned upload URL): ${error.message}`,
        provider: PROVIDER,
        operation,
        status: error.status,
        retryable: error.retryable,
        retryAfterMs: error.retryAfterMs,
        requestId: error.requestId,
        providerCode: error.providerCode,
        providerMessage: error.providerMessage,
        cause: error,
      });
    }
    return {
      key: upload.key,
      url: `${url.origin}${url.pathname}`,
      contentType: input.contentType,
      size: blob.size,
      raw: upload,
    };
  }

  async listQueues(options: ProviderCallOptions): Promise<Queue[]> {
    const response = await this.raw.getConversationWebchatQueueStatuses(options);
    return (response.queue_statuses ?? []).map((queue, index) =>
      mapQueue(queue, {
        provider: PROVIDER,
        operation: 'getConversationWebchatQueueStatuses',
        path: `queue_statuses[${index}]`,
      }),
    );
  }

  async setAgentStatus(queue: string, status: AgentStatus, options: ProviderCallOptions): Promise<void> {
    await this.raw.updateConversationWebchatQueueStatus(queue, { agent_status: status }, options);
  }

  async authorizeAgent(options: ProviderCallOptions): Promise<AgentSession> {
    const response = await this.raw.getAgentWebsocketAuthorization(options);
    return mapAgentSession(response.agent_auth, {
      provider: PROVIDER,
      operation: 'getAgentWebsocketAuthorization',
      path: 'agent_auth',
    });
  }

  async keepAlive(options: ProviderCallOptions): Promise<void> {
    await this.raw.getAgentKeepAlive(options);
  }

  /** What `JSON.stringify` shows: never the credentials. */
  toJSON(): Record<string, unknown> {
    return { provider: PROVIDER, baseUrl: this.raw.baseUrl };
  }
}

/**
 * Builds the UltraCart provider without a client, e.g. for tests or to use its raw API.
 *
 * @example
 * ```ts
 * const provider = createUltraCartProvider({ apiKey: process.env.ULTRACART_API_KEY });
 * const queues = await provider.listQueues({});
 * ```
 */
export function createUltraCartProvider(
  config: UltraCartProviderConfigInput,
  settings: UltraCartTransportSettings = {},
): UltraCartProvider {
  return new UltraCartProvider(new UltraCartApi(config, settings));
}

function decodeOffset(state: string): number {
  // The client already checked the cursor's provenance; the state is still checked, not trusted.
  if (!/^\d{1,9}$/.test(state))
    throw invalidRequest('cursor', 'is not a conversations cursor of this listing', {
      provider: PROVIDER,
      operation: 'conversations.list',
    });
  return Number(state);
}

function refuseParticipant(participant: ParticipantRef | undefined, operation: string): void {
  // UltraCart joins and leaves as the authenticated agent; it cannot act for someone else.
  if (participant !== undefined)
    throw invalidRequest(
      'options.participant',
      'is not supported: UltraCart acts as the authenticated agent',
      {
        provider: PROVIDER,
        operation,
      },
    );
}

function parseUploadUrl(value: string | null | undefined): URL {
  let url: URL | undefined;
  try {
    url = value ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  // Only an absolute http(s) URL can be the presigned target; anything else is a broken answer.
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalidResponseAt(
      UPLOAD_URL,
      'conversation_multimedia_upload_url.url',
      value ? 'not an absolute http(s) URL' : undefined,
    );
  return url;
}
