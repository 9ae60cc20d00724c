import { parseWire, type Transport, type TransportRequest } from '@parley/core/provider';
import type * as v from 'valibot';
import type * as Deferred from './deferred.js';
import { loadDeferred } from './load-deferred.js';
import {
  body,
  getConversationMessagesRequest,
  getConversationRequest,
  getConversationsRequest,
  refuse,
  segment,
} from './requests.js';
import type {
  UltraCartConversationAgentAuthResponse,
  UltraCartConversationMultimediaUploadUrlResponse,
} from './wire/agent.js';
import type { UltraCartConversationWebchatContext } from './wire/context.js';
import type {
  UltraCartConversationJoinRequest,
  UltraCartConversationMessagesResponse,
  UltraCartConversationResponse,
  UltraCartConversationStartRequest,
  UltraCartConversationStartResponse,
  UltraCartConversationsResponse,
  UltraCartGetConversationsQuery,
} from './wire/conversation.js';
import type {
  UltraCartConversationWebchatQueueStatusesResponse,
  UltraCartConversationWebchatQueueStatusUpdateRequest,
} from './wire/queue.js';

export { ULTRACART_MAX_LIMIT } from './requests.js';

const PROVIDER = 'ultracart';
/** What `getConversationMultimediaUploadUrl` takes as an extension: it becomes a path segment. */
const UPLOAD_EXTENSION = /^[a-z0-9]{1,10}$/;

/** Options of every raw call. */
export interface UltraCartCallOptions {
  /** Cancels the call: the queue, budget and backoff waits, the request and its body. */
  signal?: AbortSignal | undefined;
}

// Set by UltraCartApi's static block: the provider's reads reach the api's transport through it,
// without a public method on `client.raw`.
let send: (api: UltraCartApi, request: TransportRequest, options: UltraCartCallOptions) => Promise<unknown>;

/**
 * UltraCart's conversation REST API, one method per operation of the spec (same operationIds),
 * wire types in and out, on the transport the adapter builds (`X-UltraCart-Api-Version`, the
 * credential, one request at a time, the request budget, retries on 429/5xx when repeating is
 * harmless). Every failure is a `ConversationError`; a 2xx body with `success: false` is
 * `provider_error`. Inputs are checked before any request: ids are path-encoded (a blank id, `.` or
 * `..` is refused), limits are in range, bodies match their wire model.
 *
 * An app reaches it as `client.raw` once `client.provider === 'ultracart'` narrowed the client.
 *
 * @example
 * ```ts
 * if (client.provider === 'ultracart') {
 *   const { conversations, metadata } = await client.raw.getConversations({ _limit: 50 });
 *   await client.raw.getAgentKeepAlive();
 * }
 * ```
 */
export class UltraCartApi {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** `GET /conversation/agent/keepalive`: keeps the agent's session alive. */
  async getAgentKeepAlive(options: UltraCartCallOptions = {}): Promise<void> {
    await this.#void(
      { operation: 'getAgentKeepAlive', method: 'GET', path: 'conversation/agent/keepalive' },
      options,
    );
  }

  /**
   * `PUT /conversation/agent/auth` (no body): a JWT and URL for the agent websocket. It hands out a
   * new token, so it is only retried when UltraCart certainly did not act on it (429, connection refused).
   */
  async getAgentWebsocketAuthorization(
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationAgentAuthResponse> {
    return this.#json(
      {
        operation: 'getAgentWebsocketAuthorization',
        method: 'PUT',
        path: 'conversation/agent/auth',
        // UltraCart does not say that repeating this PUT is safe: it hands out a session each time.
        idempotent: false,
      },
      (schemas) => schemas.ConversationAgentAuthResponseSchema,
      options,
    );
  }

  /** `GET /conversation/conversations/{conversation_uuid}`: a conversation with participants and messages. */
  async getConversation(
    conversationUuid: string,
    query: { limit?: number | undefined } = {},
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationResponse> {
    return this.#json(
      getConversationRequest(conversationUuid, query),
      (schemas) => schemas.ConversationResponseSchema,
      options,
    );
  }

  /** `PUT /conversation/conversations/{conversation_uuid}/context` (no body): the webchat context. */
  async getConversationContext(
    conversationUuid: string,
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationWebchatContext> {
    const operation = 'getConversationContext';
    return this.#json(
      {
        operation,
        method: 'PUT',
        path: `conversation/conversations/${segment(conversationUuid, 'conversation_uuid', operation)}/context`,
      },
      (schemas) => schemas.ConversationWebchatContextSchema,
      options,
    );
  }

  /**
   * `GET /conversation/conversations/{conversation_uuid}/messages/{since}`: messages since `since`
   * (epoch milliseconds, inferred from `message_epoch`; whether the bound is inclusive is
   * undocumented).
   */
  async getConversationMessages(
    conversationUuid: string,
    since: number,
    query: { limit?: number | undefined } = {},
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationMessagesResponse> {
    return this.#json(
      getConversationMessagesRequest(conversationUuid, since, query),
      (schemas) => schemas.ConversationMessagesResponseSchema,
      options,
    );
  }

  /**
   * `GET /conversation/upload_url/{extension}`: an upload key and a presigned URL to PUT the file to
   * (then {@link UltraCartApi.uploadToPresignedUrl}). The extension (`png`, no dot; whether UltraCart
   * wants one is undocumented) must match `[a-z0-9]{1,10}`.
   */
  async getConversationMultimediaUploadUrl(
    extension: string,
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationMultimediaUploadUrlResponse> {
    const operation = 'getConversationMultimediaUploadUrl';
    // The extension becomes a path segment: a strict pattern keeps `../x` and friends out entirely.
    if (typeof extension !== 'string' || !UPLOAD_EXTENSION.test(extension))
      throw refuse('extension', 'must match [a-z0-9]{1,10}, e.g. png', operation);
    return this.#json(
      { operation, method: 'GET', path: `conversation/upload_url/${extension}` },
      (schemas) => schemas.ConversationMultimediaUploadUrlResponseSchema,
      options,
    );
  }

  /** `GET /conversation/conversations/queues/statuses`: every webchat queue with agents and entries. */
  async getConversationWebchatQueueStatuses(
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationWebchatQueueStatusesResponse> {
    return this.#json(
      {
        operation: 'getConversationWebchatQueueStatuses',
        method: 'GET',
        path: 'conversation/conversations/queues/statuses',
      },
      (schemas) => schemas.ConversationWebchatQueueStatusesResponseSchema,
      options,
    );
  }

  /** `GET /conversation/conversations`: conversation summaries, newest first, paged by `_limit`/`_offset`. */
  async getConversations(
    query: UltraCartGetConversationsQuery = {},
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationsResponse> {
    return this.#json(
      getConversationsRequest(query),
      (schemas) => schemas.ConversationsResponseSchema,
      options,
    );
  }

  /** `PUT /conversation/conversations/{conversation_uuid}/join`: the authenticated agent joins. */
  async joinConversation(
    conversationUuid: string,
    joinRequest?: UltraCartConversationJoinRequest,
    options: UltraCartCallOptions = {},
  ): Promise<void> {
    const operation = 'joinConversation';
    const uuid = segment(conversationUuid, 'conversation_uuid', operation);
    const json =
      joinRequest === undefined
        ? undefined
        : body((await loadDeferred()).ConversationJoinRequestSchema, joinRequest, 'join_request', operation);
    await this.#void(
      {
        operation,
        method: 'PUT',
        path: `conversation/conversations/${uuid}/join`,
        ...(json === undefined ? {} : { json }),
      },
      options,
    );
  }

  /** `DELETE /conversation/conversations/{conversation_uuid}/leave`: the authenticated agent leaves. */
  async leaveConversation(conversationUuid: string, options: UltraCartCallOptions = {}): Promise<void> {
    const operation = 'leaveConversation';
    const uuid = segment(conversationUuid, 'conversation_uuid', operation);
    await this.#void(
      { operation, method: 'DELETE', path: `conversation/conversations/${uuid}/leave` },
      options,
    );
  }

  /** `PUT /conversation/conversations/{conversation_uuid}/markread` (no body). */
  async markReadConversation(conversationUuid: string, options: UltraCartCallOptions = {}): Promise<void> {
    const operation = 'markReadConversation';
    const uuid = segment(conversationUuid, 'conversation_uuid', operation);
    await this.#void(
      { operation, method: 'PUT', path: `conversation/conversations/${uuid}/markread` },
      options,
    );
  }

  /**
   * `PUT /conversation/conversations`: starts a conversation. A PUT that creates, so it is only
   * retried when UltraCart certainly did not act on it (429, connection refused).
   */
  async startConversation(
    startRequest: UltraCartConversationStartRequest,
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationStartResponse> {
    const operation = 'startConversation';
    const schemas = await loadDeferred();
    return this.#json(
      {
        operation,
        method: 'PUT',
        path: 'conversation/conversations',
        json: body(schemas.ConversationStartRequestSchema, startRequest, 'start_request', operation),
        // UltraCart does not say that repeating this PUT is safe: a repeat may start a second conversation.
        idempotent: false,
      },
      (loaded) => loaded.ConversationStartResponseSchema,
      options,
    );
  }

  /** `PUT /conversation/conversations/queues/{queue_name}/status`: the agent's status in a queue. */
  async updateConversationWebchatQueueStatus(
    queueName: string,
    statusRequest: UltraCartConversationWebchatQueueStatusUpdateRequest,
    options: UltraCartCallOptions = {},
  ): Promise<void> {
    const operation = 'updateConversationWebchatQueueStatus';
    const queue = segment(queueName, 'queue_name', operation);
    const schemas = await loadDeferred();
    await this.#void(
      {
        operation,
        method: 'PUT',
        path: `conversation/conversations/queues/${queue}/status`,
        json: body(
          schemas.ConversationWebchatQueueStatusUpdateRequestSchema,
          statusRequest,
          'status_request',
          operation,
        ),
      },
      options,
    );
  }

  /**
   * Step 2 of UltraCart's upload: `PUT` of the file to the presigned `url` that
   * {@link UltraCartApi.getConversationMultimediaUploadUrl} returned, with its `Content-Type`. The
   * storage host gets no UltraCart credential, version header or budget, and hooks see the URL
   * without its signature. That it is an S3-style presigned PUT is inferred (ultracart-notes §5).
   */
  async uploadToPresignedUrl(
    url: string,
    file: Blob,
    contentType: string,
    options: UltraCartCallOptions = {},
  ): Promise<void> {
    const operation = 'uploadToPresignedUrl';
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url))
      throw refuse('url', 'must be an absolute http(s) URL', operation);
    await this.#transport.request({
      operation,
      method: 'PUT',
      url,
      body: file,
      headers: { 'Content-Type': contentType },
      signal: options.signal,
    });
  }

  /** What `JSON.stringify` shows: never the credentials. */
  toJSON(): Record<string, string> {
    return { provider: PROVIDER };
  }

  static {
    send = (api, request, options) => api.#send(request, options);
  }

  async #send(request: TransportRequest, options: UltraCartCallOptions): Promise<unknown> {
    return (await this.#transport.request({ ...request, signal: options.signal })).data;
  }

  /**
   * Sends `request` and checks its answer against the wire schema `pick` chooses. The schemas load
   * on first use, meanwhile: the provider's hot reads check answers by hand (`map/`) instead, so an
   * app that never calls a raw method with an answer model never loads them.
   */
  async #json<const TSchema extends v.GenericSchema>(
    request: TransportRequest,
    pick: (schemas: typeof Deferred) => TSchema,
    options: UltraCartCallOptions,
  ): Promise<v.InferOutput<TSchema>> {
    const [data, schemas] = await Promise.all([this.#send(request, options), loadDeferred()]);
    return parseWire(pick(schemas), data, { provider: PROVIDER, operation: request.operation });
  }

  async #void(request: TransportRequest, options: UltraCartCallOptions): Promise<void> {
    // The spec declares no success body for these: any 2xx counts (the transport refuses `success: false`).
    await this.#transport.request({ ...request, signal: options.signal });
  }
}

/**
 * The answer to one of the provider's reads (`getConversation`, `getConversations`,
 * `getConversationMessages`: the same checked request as the raw method) as the transport parsed
 * it, without the wire schema: the provider's readers (`map/`) check the fields they read in place,
 * with the same `invalid_response` path the schema would give. Internal: not exported by the package.
 */
export function fetchUnchecked(
  api: UltraCartApi,
  request: TransportRequest,
  options: UltraCartCallOptions,
): Promise<unknown> {
  return send(api, request, options);
}
