import {
  ConversationError,
  encodePathSegment,
  type HttpMethod,
  type ProviderErrorDetails,
  parseWire,
  type Transport,
} from '@parley/core';
import * as v from 'valibot';
import { type SunshineUploadFile, uploadForm } from './upload-form.js';
import {
  attachmentResponseSchema,
  conversationListResponseSchema,
  conversationResponseSchema,
  emptyResponseSchema,
  errorResponseSchema,
  messageListResponseSchema,
  messagePostResponseSchema,
  participantListResponseSchema,
  participantResponseSchema,
  type SunshineActivityPost,
  type SunshineAttachmentDeleteBody,
  type SunshineAttachmentResponse,
  type SunshineControlBody,
  type SunshineControlTransferBody,
  type SunshineConversationCreateBody,
  type SunshineConversationListResponse,
  type SunshineConversationResponse,
  type SunshineConversationUpdateBody,
  type SunshineMessageListResponse,
  type SunshineMessagePost,
  type SunshineMessagePostResponse,
  type SunshinePageQuery,
  type SunshineParticipantJoinBody,
  type SunshineParticipantLeaveBody,
  type SunshineParticipantListResponse,
  type SunshineParticipantResponse,
  type SunshineUploadQuery,
} from './wire.js';

/** Options every raw call takes last. */
export interface SunshineRequestOptions {
  /** Cancels the request; it rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
}

/** Filter of List Conversations: exactly one of `userId` / `userExternalId`. */
export type SunshineConversationFilter = { userId: string } | { userExternalId: string };

export type { SunshineUploadFile } from './upload-form.js';

/**
 * The first code and every title (a 400 may carry several) of Sunshine's `{ errors: [{ code, title }] }`;
 * undefined for any other body or an empty list.
 */
export function sunshineErrorDetails(body: unknown): ProviderErrorDetails | undefined {
  const parsed = v.safeParse(errorResponseSchema, body);
  if (!parsed.success || parsed.output.errors.length === 0) return undefined;
  const errors = parsed.output.errors;
  const code = errors.find((error) => error.code !== undefined)?.code;
  const titles = errors.map((error) => error.title).filter((title) => title !== undefined);
  return {
    ...(code === undefined ? {} : { providerCode: code }),
    ...(titles.length === 0 ? {} : { providerMessage: titles.join('; ') }),
  };
}

function deepObject(params: URLSearchParams, name: string, value: object | undefined): void {
  // OpenAPI `style: deepObject, explode: true`: `page[after]=…&page[size]=…`.
  if (value === undefined) return;
  for (const [key, inner] of Object.entries(value))
    if (inner !== undefined && inner !== null) params.append(`${name}[${key}]`, String(inner));
}

/**
 * The raw Sunshine Conversations v2 API: one method per operation, wire types in and out, every
 * answer validated. Paths, methods and bodies follow spec 17.12.1; `appId` is bound at construction.
 * Each id is encoded as one path segment; an empty id, `.` or `..` rejects with `invalid_request`.
 * A POST (create, post message, join, …) is retried only when Sunshine certainly did not act on it
 * (429, connection refused), so a write is never applied twice.
 *
 * @example
 * ```ts
 * const { conversation } = await client.raw.getConversation('67a0ecf8f0305f4a391e9db1');
 * await client.raw.passControl(conversation.id, { switchboardIntegration: 'next' });
 * ```
 */
export class SunshineApi {
  readonly #transport: Transport;
  readonly #app: string;
  readonly #scrub: (text: string) => string;

  /**
   * Binds the API to a transport (base URL and auth) and an app. `options.scrub` removes credentials
   * from provider text that reaches an error outside the transport (a 2xx body carrying `errors`).
   */
  constructor(transport: Transport, appId: string, options: { scrub?: (text: string) => string } = {}) {
    this.#transport = transport;
    this.#app = `v2/apps/${encodePathSegment(appId, 'appId', { provider: 'sunshine' })}`;
    this.#scrub = options.scrub ?? ((text) => text);
  }

  async #send<TSchema extends v.GenericSchema>(
    schema: TSchema,
    operation: string,
    method: HttpMethod,
    path: string,
    options: SunshineRequestOptions,
    extra: { json?: unknown; body?: BodyInit; query?: URLSearchParams } = {},
  ): Promise<v.InferOutput<TSchema>> {
    const { data, status } = await this.#transport.request({
      operation,
      method,
      path: `${this.#app}/${path}`,
      ...extra,
      signal: options.signal,
    });
    this.#refuseErrorBody(data, status, operation);
    return parseWire(schema, data, { provider: this.#transport.provider, operation });
  }

  // Sunshine documents `{ errors }` only with 4xx/5xx. A 2xx that still carries it says it failed:
  // without this check the `{}`-answer calls (delete, leave, activity) would take it for success.
  #refuseErrorBody(data: unknown, status: number, operation: string): void {
    // Most answers have no `errors`: skip the parse, whose failure builds an issue with its message.
    if (typeof data !== 'object' || data === null || !('errors' in data)) return;
    const details = sunshineErrorDetails(data);
    if (details === undefined) return;
    const text = details.providerMessage === undefined ? undefined : this.#scrub(details.providerMessage);
    throw new ConversationError({
      code: 'provider_error',
      message: `sunshine reported a failure on ${operation} (HTTP ${status} with errors)${text === undefined ? '' : `: ${text}`}`,
      provider: this.#transport.provider,
      operation,
      status,
      providerCode: details.providerCode === undefined ? undefined : this.#scrub(details.providerCode),
      providerMessage: text,
    });
  }

  #conversation(conversationId: string, suffix = ''): string {
    return `conversations/${encodePathSegment(conversationId, 'conversationId', { provider: 'sunshine' })}${suffix}`;
  }

  /** POST `/v2/apps/{appId}/conversations` → 201 `{ conversation }`. */
  async createConversation(
    body: SunshineConversationCreateBody,
    options: SunshineRequestOptions = {},
  ): Promise<SunshineConversationResponse> {
    return this.#send(conversationResponseSchema, 'createConversation', 'POST', 'conversations', options, {
      json: body,
    });
  }

  /** GET `/v2/apps/{appId}/conversations?filter[userId|userExternalId]=…&page[…]=…` → 200. */
  async listConversations(
    filter: SunshineConversationFilter,
    page: SunshinePageQuery = {},
    options: SunshineRequestOptions = {},
  ): Promise<SunshineConversationListResponse> {
    const query = new URLSearchParams();
    deepObject(query, 'filter', filter);
    deepObject(query, 'page', page);
    return this.#send(conversationListResponseSchema, 'listConversations', 'GET', 'conversations', options, {
      query,
    });
  }

  /** GET `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{ conversation }`. */
  async getConversation(
    conversationId: string,
    options: SunshineRequestOptions = {},
  ): Promise<SunshineConversationResponse> {
    return this.#send(
      conversationResponseSchema,
      'getConversation',
      'GET',
      this.#conversation(conversationId),
      options,
    );
  }

  /** PATCH `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{ conversation }`. */
  async updateConversation(
    conversationId: string,
    body: SunshineConversationUpdateBody,
    options: SunshineRequestOptions = {},
  ): Promise<SunshineConversationResponse> {
    return this.#send(
      conversationResponseSchema,
      'updateConversation',
      'PATCH',
      this.#conversation(conversationId),
      options,
      { json: body },
    );
  }

  /** DELETE `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{}` (with its messages and attachments). */
  async deleteConversation(conversationId: string, options: SunshineRequestOptions = {}): Promise<void> {
    await this.#send(
      emptyResponseSchema,
      'deleteConversation',
      'DELETE',
      this.#conversation(conversationId),
      options,
    );
  }

  /** POST `…/conversations/{conversationId}/join` → 201 `{ participant }` (sdkGroup conversations only). */
  async joinConversation(
    conversationId: string,
    body: SunshineParticipantJoinBody,
    options: SunshineRequestOptions = {},
  ): Promise<SunshineParticipantResponse> {
    return this.#send(
      participantResponseSchema,
      'joinConversation',
      'POST',
      this.#conversation(conversationId, '/join'),
      options,
      { json: body },
    );
  }

  /** POST `…/conversations/{conversationId}/leave` → 200 `{}`. */
  async leaveConversation(
    conversationId: string,
    body: SunshineParticipantLeaveBody,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#send(
      emptyResponseSchema,
      'leaveConversation',
      'POST',
      this.#conversation(conversationId, '/leave'),
      options,
      { json: body },
    );
  }

  /** GET `…/conversations/{conversationId}/participants?page[…]=…` → 200 `{ participants, meta, links }`. */
  async listParticipants(
    conversationId: string,
    page: SunshinePageQuery = {},
    options: SunshineRequestOptions = {},
  ): Promise<SunshineParticipantListResponse> {
    const query = new URLSearchParams();
    deepObject(query, 'page', page);
    return this.#send(
      participantListResponseSchema,
      'listParticipants',
      'GET',
      this.#conversation(conversationId, '/participants'),
      options,
      { query },
    );
  }

  /** POST `…/conversations/{conversationId}/messages` → 201 `{ messages }`; 423 when the conversation is full. */
  async postMessage(
    conversationId: string,
    body: SunshineMessagePost,
    options: SunshineRequestOptions = {},
  ): Promise<SunshineMessagePostResponse> {
    return this.#send(
      messagePostResponseSchema,
      'postMessage',
      'POST',
      this.#conversation(conversationId, '/messages'),
      options,
      { json: body },
    );
  }

  /**
   * GET `…/conversations/{conversationId}/messages?page[after|before]=…` → 200. Pages backwards:
   * without a cursor, the newest 100 messages; `page[size]` does not apply.
   */
  async listMessages(
    conversationId: string,
    page: Omit<SunshinePageQuery, 'size'> = {},
    options: SunshineRequestOptions = {},
  ): Promise<SunshineMessageListResponse> {
    const query = new URLSearchParams();
    deepObject(query, 'page', page);
    return this.#send(
      messageListResponseSchema,
      'listMessages',
      'GET',
      this.#conversation(conversationId, '/messages'),
      options,
      { query },
    );
  }

  /** DELETE `…/conversations/{conversationId}/messages` → 200 `{}`: makes room in a full conversation. */
  async deleteAllMessages(conversationId: string, options: SunshineRequestOptions = {}): Promise<void> {
    await this.#send(
      emptyResponseSchema,
      'deleteAllMessages',
      'DELETE',
      this.#conversation(conversationId, '/messages'),
      options,
    );
  }

  /** DELETE `…/conversations/{conversationId}/messages/{messageId}` → 200 `{}`. */
  async deleteMessage(
    conversationId: string,
    messageId: string,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#send(
      emptyResponseSchema,
      'deleteMessage',
      'DELETE',
      this.#conversation(
        conversationId,
        `/messages/${encodePathSegment(messageId, 'messageId', { provider: 'sunshine' })}`,
      ),
      options,
    );
  }

  /** POST `…/conversations/{conversationId}/activity` → 200 `{}` (read receipt, typing). */
  async postActivity(
    conversationId: string,
    body: SunshineActivityPost,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#send(
      emptyResponseSchema,
      'postActivity',
      'POST',
      this.#conversation(conversationId, '/activity'),
      options,
      { json: body },
    );
  }

  /**
   * POST `/v2/apps/{appId}/attachments?access=public[&for=message][&conversationId=…]`, multipart
   * with one part `source` → 201 `{ attachment: { mediaUrl, mediaType } }`. Files up to 50 MB. An
   * invalid media type (`file.contentType`, else `file.source.type`) rejects with `invalid_request`.
   */
  async uploadAttachment(
    file: SunshineUploadFile,
    query: SunshineUploadQuery = {},
    options: SunshineRequestOptions = {},
  ): Promise<SunshineAttachmentResponse> {
    const search = new URLSearchParams({ access: query.access ?? 'public' });
    if (query.for !== undefined) search.set('for', query.for);
    if (query.conversationId !== undefined) search.set('conversationId', query.conversationId);
    return this.#send(attachmentResponseSchema, 'uploadAttachment', 'POST', 'attachments', options, {
      body: uploadForm(file, 'uploadAttachment'),
      query: search,
    });
  }

  /** POST `/v2/apps/{appId}/attachments/remove` `{ mediaUrl }` → 200 `{}` (CDN copies may live 15 more minutes). */
  async deleteAttachment(
    body: SunshineAttachmentDeleteBody,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#send(emptyResponseSchema, 'deleteAttachment', 'POST', 'attachments/remove', options, {
      json: body,
    });
  }

  /** POST `…/{conversationId}/passControl` → 200 `{}`: hands control to an integration (or `next`). */
  async passControl(
    conversationId: string,
    body: SunshineControlTransferBody,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#control('passControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/offerControl` → 200 `{}`: offers control, making the target pending. */
  async offerControl(
    conversationId: string,
    body: SunshineControlTransferBody,
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#control('offerControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/acceptControl` → 200 `{}`; the body is required, so `{}` by default. */
  async acceptControl(
    conversationId: string,
    body: SunshineControlBody = {},
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#control('acceptControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/releaseControl` → 200 `{}`: clears the switchboard state. */
  async releaseControl(
    conversationId: string,
    body: SunshineControlBody = {},
    options: SunshineRequestOptions = {},
  ): Promise<void> {
    await this.#control('releaseControl', conversationId, body, options);
  }

  async #control(operation: string, conversationId: string, body: object, options: SunshineRequestOptions) {
    await this.#send(
      emptyResponseSchema,
      operation,
      'POST',
      this.#conversation(conversationId, `/${operation}`),
      options,
      {
        json: body,
      },
    );
  }
}
