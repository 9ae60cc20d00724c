import {
  ConversationError,
  createRequestBudget,
  createTransport,
  invalidRequest,
  issueMessage,
  issuePath,
  parseWire,
  type RetryOptions,
  scrub,
  type Transport,
  type TransportHooks,
  type TransportRequest,
} from '@parley/core';
import * as v from 'valibot';
import { body, optionalInt, parseUltraCartError, segment, UPLOAD_EXTENSION } from './api-checks.js';
import { type UltraCartProviderConfigInput, ultracartConfigSchema } from './config.js';
import {
  ConversationAgentAuthResponseSchema,
  ConversationJoinRequestSchema,
  ConversationMessagesResponseSchema,
  ConversationMultimediaUploadUrlResponseSchema,
  ConversationResponseSchema,
  ConversationStartRequestSchema,
  ConversationStartResponseSchema,
  ConversationsResponseSchema,
  ConversationWebchatContextSchema,
  ConversationWebchatQueueStatusesResponseSchema,
  ConversationWebchatQueueStatusUpdateRequestSchema,
  type UltraCartConversationAgentAuthResponse,
  type UltraCartConversationJoinRequest,
  type UltraCartConversationMessagesResponse,
  type UltraCartConversationMultimediaUploadUrlResponse,
  type UltraCartConversationResponse,
  type UltraCartConversationStartRequest,
  type UltraCartConversationStartResponse,
  type UltraCartConversationsResponse,
  type UltraCartConversationWebchatContext,
  type UltraCartConversationWebchatQueueStatusesResponse,
  type UltraCartConversationWebchatQueueStatusUpdateRequest,
} from './wire.js';

const PROVIDER = 'ultracart';
/** The API version UltraCart requires on every request ("Requests will FAIL if … not specified"). */
export const ULTRACART_API_VERSION = '2017-03-01';
/** Largest `_limit` of `getConversations` ("Max 200"). */
export const ULTRACART_MAX_LIMIT = 200;

/** Options of every raw call. */
export interface UltraCartCallOptions {
  signal?: AbortSignal | undefined;
}

/** How the raw API sends requests; `createConversations` fills these from the shared config. */
export interface UltraCartTransportSettings {
  /** Deadline of each attempt in milliseconds (connection, headers and body); default 30 000. */
  timeoutMs?: number | undefined;
  /** Largest answer read, in bytes after decompression; default 32 MiB. */
  maxResponseBytes?: number | undefined;
  retry?: RetryOptions | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  hooks?: TransportHooks | undefined;
  /** Backoff waits; injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** Query of `getConversations`, named as on the wire. */
export interface UltraCartGetConversationsQuery {
  /** `sms` or `websocket` (inferred from `Conversation.medium`; the spec leaves it free-form). */
  medium?: string | undefined;
  /** Undocumented string, probably a date-time bound (inferred, unverified). */
  before?: string | undefined;
  /** Page size, 1..200; UltraCart's default is 100. */
  _limit?: number | undefined;
  /** Zero-based offset; default 0. */
  _offset?: number | undefined;
}

const transports = new WeakMap<UltraCartApi, Transport>();

/** @internal The transport of `api`, for the presigned upload PUT the provider sends. */
export function transportOf(api: UltraCartApi): Transport {
  const transport = transports.get(api);
  if (transport === undefined) throw new TypeError('not an UltraCartApi');
  return transport;
}

/**
 * UltraCart's conversation REST API, one method per operation of the spec (same operationIds),
 * wire types in and out. Every request carries `X-UltraCart-Api-Version: 2017-03-01` and the
 * configured credential, goes out one at a time (UltraCart answers concurrent requests with 429),
 * is retried with backoff on 429/5xx when repeating it is harmless, and every failure is a
 * `ConversationError` (a 2xx body with `success: false` is `provider_error`).
 *
 * @example
 * ```ts
 * const api = new UltraCartApi({ apiKey: process.env.ULTRACART_API_KEY });
 * const { conversations, metadata } = await api.getConversations({ _limit: 50 });
 * ```
 */
export class UltraCartApi {
  readonly #transport: Transport;
  readonly #secrets: readonly string[];
  /** The base URL requests go to. */
  readonly baseUrl: string;

  constructor(config: UltraCartProviderConfigInput, settings: UltraCartTransportSettings = {}) {
    const parsed = v.safeParse(ultracartConfigSchema, config);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue === undefined ? '(root)' : issuePath(issue);
      const field = path === '(root)' ? 'config' : path;
      // issueMessage drops valibot's "but received <value>", so a key is never echoed.
      const problem = issue === undefined ? 'is invalid' : issueMessage(issue);
      throw new ConversationError({
        code: 'invalid_config',
        message: `Invalid ultracart config: ${field} ${problem}`,
        provider: PROVIDER,
        operation: 'createProvider',
      });
    }
    const { apiKey, accessToken, baseUrl, budget } = parsed.output;
    this.baseUrl = baseUrl;
    this.#secrets = [apiKey, accessToken].filter((secret): secret is string => secret !== undefined);
    this.#transport = createTransport({
      provider: PROVIDER,
      baseUrl,
      headers: { 'X-UltraCart-Api-Version': ULTRACART_API_VERSION, Accept: 'application/json' },
      authenticate: () =>
        apiKey !== undefined
          ? { 'x-ultracart-simple-key': apiKey }
          : { authorization: `Bearer ${accessToken ?? ''}` },
      secrets: this.#secrets,
      // "Do NOT perform concurrent requests by application or IP… or you will also receive a 429."
      concurrency: 1,
      // "up to 1,000 requests per hour and 10,000 per day… implemented as a leaky bucket".
      budget: budget === false ? undefined : createRequestBudget(budget),
      parseError: parseUltraCartError,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.maxResponseBytes === undefined ? {} : { maxResponseBytes: settings.maxResponseBytes }),
      ...(settings.retry === undefined ? {} : { retry: settings.retry }),
      ...(settings.sleep === undefined ? {} : { sleep: settings.sleep }),
      fetch: settings.fetch,
      hooks: settings.hooks,
    });
    transports.set(this, this.#transport);
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
      ConversationAgentAuthResponseSchema,
      options,
    );
  }

  /** `GET /conversation/conversations/{conversation_uuid}`: a conversation with participants and messages. */
  async getConversation(
    conversationUuid: string,
    query: { limit?: number | undefined } = {},
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationResponse> {
    const operation = 'getConversation';
    const limit = optionalInt(query.limit, 'limit', 1, operation);
    return this.#json(
      {
        operation,
        method: 'GET',
        path: `conversation/conversations/${segment(conversationUuid, 'conversation_uuid', operation)}`,
        query: { limit },
      },
      ConversationResponseSchema,
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
      ConversationWebchatContextSchema,
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
    const operation = 'getConversationMessages';
    if (!Number.isSafeInteger(since) || since < 0)
      throw invalidRequest('since', 'must be a non-negative integer of epoch milliseconds', {
        provider: PROVIDER,
        operation,
      });
    const uuid = segment(conversationUuid, 'conversation_uuid', operation);
    return this.#json(
      {
        operation,
        method: 'GET',
        path: `conversation/conversations/${uuid}/messages/${since}`,
        query: { limit: optionalInt(query.limit, 'limit', 1, operation) },
      },
      ConversationMessagesResponseSchema,
      options,
    );
  }

  /** `GET /conversation/upload_url/{extension}`: an upload key and a presigned URL to PUT the file to. */
  async getConversationMultimediaUploadUrl(
    extension: string,
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationMultimediaUploadUrlResponse> {
    const operation = 'getConversationMultimediaUploadUrl';
    // The extension becomes a path segment: a strict pattern keeps `../x` and friends out entirely.
    if (typeof extension !== 'string' || !UPLOAD_EXTENSION.test(extension))
      throw invalidRequest('extension', 'must match [a-z0-9]{1,10}, e.g. png', {
        provider: PROVIDER,
        operation,
      });
    return this.#json(
      { operation, method: 'GET', path: `conversation/upload_url/${extension}` },
      ConversationMultimediaUploadUrlResponseSchema,
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
      ConversationWebchatQueueStatusesResponseSchema,
      options,
    );
  }

  /** `GET /conversation/conversations`: conversation summaries, newest first, paged by `_limit`/`_offset`. */
  async getConversations(
    query: UltraCartGetConversationsQuery = {},
    options: UltraCartCallOptions = {},
  ): Promise<UltraCartConversationsResponse> {
    const operation = 'getConversations';
    const limit = optionalInt(query._limit, '_limit', 1, operation);
    if (limit !== undefined && limit > ULTRACART_MAX_LIMIT)
      throw invalidRequest('_limit', `must be at most ${ULTRACART_MAX_LIMIT}`, {
        provider: PROVIDER,
        operation,
      });
    return this.#json(
      {
        operation,
        method: 'GET',
        path: 'conversation/conversations',
        query: {
          medium: query.medium,
          before: query.before,
          _limit: limit,
          _offset: optionalInt(query._offset, '_offset', 0, operation),
        },
      },
      ConversationsResponseSchema,
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
    await this.#void(
      {
        operation,
        method: 'PUT',
        path: `conversation/conversations/${uuid}/join`,
        ...(joinRequest === undefined
          ? {}
          : { json: body(ConversationJoinRequestSchema, joinRequest, 'join_request', operation) }),
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
    return this.#json(
      {
        operation,
        method: 'PUT',
        path: 'conversation/conversations',
        json: body(ConversationStartRequestSchema, startRequest, 'start_request', operation),
        // UltraCart does not say that repeating this PUT is safe: a repeat may start a second conversation.
        idempotent: false,
      },
      ConversationStartResponseSchema,
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
    await this.#void(
      {
        operation,
        method: 'PUT',
        path: `conversation/conversations/queues/${queue}/status`,
        json: body(
          ConversationWebchatQueueStatusUpdateRequestSchema,
          statusRequest,
          'status_request',
          operation,
        ),
      },
      options,
    );
  }

  /** What `JSON.stringify` shows: never the credentials. */
  toJSON(): Record<string, string> {
    return { provider: PROVIDER, baseUrl: this.baseUrl };
  }

  async #json<const TSchema extends v.GenericSchema>(
    request: TransportRequest,
    schema: TSchema,
    options: UltraCartCallOptions,
  ): Promise<v.InferOutput<TSchema>> {
    const response = await this.#transport.request({ ...request, signal: options.signal });
    const context = { provider: PROVIDER, operation: request.operation };
    const data = parseWire(schema, response.data, context);
    this.#checkSuccess(data, response.headers, response.status, request.operation);
    return data;
  }

  async #void(request: TransportRequest, options: UltraCartCallOptions): Promise<void> {
    const response = await this.#transport.request({ ...request, signal: options.signal });
    // The spec declares no success body for these; any 2xx counts, unless a body says it failed.
    this.#checkSuccess(response.data, response.headers, response.status, request.operation);
  }

  #checkSuccess(data: unknown, headers: Headers, status: number, operation: string): void {
    if (typeof data !== 'object' || data === null || (data as { success?: unknown }).success !== false)
      return;
    const details = parseUltraCartError({ status, headers, body: data });
    const message =
      details.providerMessage === undefined ? undefined : scrub(details.providerMessage, this.#secrets);
    throw new ConversationError({
      code: 'provider_error',
      message: `ultracart reported a failure on ${operation} (HTTP ${status}, success: false)${message === undefined ? '' : `: ${message}`}`,
      provider: PROVIDER,
      operation,
      status,
      requestId: details.requestId,
      providerCode:
        details.providerCode === undefined ? undefined : scrub(details.providerCode, this.#secrets),
      providerMessage: message,
    });
  }
}
