import {
  encodePathSegment,
  type HttpMethod,
  parseWire,
  type QueryInit,
  type Transport,
} from '@parley/core/provider';
import type * as v from 'valibot';
import { type SunshineUploadFile, uploadForm } from './upload-form.js';
import { emptyResponseSchema, type SunshinePageQuery } from './wire/common.js';
import {
  conversationListResponseSchema,
  conversationResponseSchema,
  participantListResponseSchema,
  participantResponseSchema,
  type SunshineConversationListResponse,
  type SunshineConversationResponse,
  type SunshineParticipantListResponse,
  type SunshineParticipantResponse,
} from './wire/conversations.js';
import {
  attachmentResponseSchema,
  messageListResponseSchema,
  messagePostResponseSchema,
  type SunshineAttachmentResponse,
  type SunshineMessageListResponse,
  type SunshineMessagePostResponse,
} from './wire/messages.js';
import type {
  SunshineActivityPost,
  SunshineAttachmentDeleteBody,
  SunshineControlBody,
  SunshineControlTransferBody,
  SunshineConversationCreateBody,
  SunshineConversationUpdateBody,
  SunshineMessagePost,
  SunshineParticipantJoinBody,
  SunshineParticipantLeaveBody,
  SunshineUploadQuery,
} from './wire/requests.js';

export type { SunshineUploadFile } from './upload-form.js';

/** Options every raw call takes last. */
export interface SunshineCallOptions {
  /** Cancels the request; it rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
}

/** Filter of List Conversations: exactly one of `userId` / `userExternalId`. */
export type SunshineConversationFilter = { userId: string } | { userExternalId: string };

/**
 * OpenAPI `style: deepObject, explode: true`, added to `query`: `page`, `{ after: 'x' }` →
 * `page[after]=x`. Written in place: a listing builds one query per page.
 */
function deepObject(name: string, value: object, query: Record<string, string> = {}): Record<string, string> {
  for (const key in value) {
    const inner: unknown = value[key as keyof typeof value];
    if (inner !== undefined && inner !== null) query[`${name}[${key}]`] = String(inner);
  }
  return query;
}

/** What one call sends besides its method and path. */
interface Send {
  json?: unknown;
  body?: BodyInit;
  query?: QueryInit;
}

/** The page of `listMessages` (`page[…]`): a cursor only, since Sunshine serves a fixed 100 (`page[size]` does not apply). */
export type SunshineMessagePageQuery = Omit<SunshinePageQuery, 'size'>;

/** `conversations/{conversationId}` + `suffix`, the id encoded as one segment. */
function conversationPath(conversationId: string, suffix = ''): string {
  return `conversations/${encodePathSegment(conversationId, 'conversationId', { provider: 'sunshine' })}${suffix}`;
}

/** A GET of `api`, answered without validation; set by the class, which alone reaches its transport. */
let get: (
  api: SunshineApi,
  operation: string,
  path: string,
  options: SunshineCallOptions,
  query?: QueryInit,
) => Promise<unknown>;

/**
 * The reads behind `conversations.get`, `conversations.list` and `messages.list`, answered as
 * received: the provider checks only the fields it reads, without copying (`answers.ts`, DESIGN
 * §4). The methods of {@link SunshineApi} send the same requests and validate every answer in
 * full; these are functions, not methods, so `client.raw` never answers unvalidated.
 */
export const unvalidated = {
  getConversation: (api: SunshineApi, conversationId: string, options: SunshineCallOptions) =>
    get(api, 'getConversation', conversationPath(conversationId), options),
  listConversations: (
    api: SunshineApi,
    filter: SunshineConversationFilter,
    page: SunshinePageQuery,
    options: SunshineCallOptions,
  ) =>
    get(
      api,
      'listConversations',
      'conversations',
      options,
      deepObject('page', page, deepObject('filter', filter)),
    ),
  listParticipants: (api: SunshineApi, id: string, page: SunshinePageQuery, options: SunshineCallOptions) =>
    get(api, 'listParticipants', conversationPath(id, '/participants'), options, deepObject('page', page)),
  listMessages: (
    api: SunshineApi,
    id: string,
    page: SunshineMessagePageQuery,
    options: SunshineCallOptions,
  ) => get(api, 'listMessages', conversationPath(id, '/messages'), options, deepObject('page', page)),
};

/**
 * The raw Sunshine Conversations v2 API: one method per operation, wire types in and out, every
 * answer validated. Paths, methods and bodies follow spec 17.12.1; `appId` is bound at construction.
 * Each id is encoded as one path segment; an empty id, `.` or `..` rejects with `invalid_request`.
 * A POST (create, post message, join, …) is retried only when Sunshine certainly did not act on it
 * (429, connection refused), so a write is never applied twice. Reach it as `client.raw` of a
 * client on the `sunshine` adapter.
 *
 * @example
 * ```ts
 * if (client.provider === 'sunshine') {
 *   const { conversation } = await client.raw.getConversation('67a0ecf8f0305f4a391e9db1');
 *   await client.raw.passControl(conversation.id, { switchboardIntegration: 'next' });
 * }
 * ```
 */
export class SunshineApi {
  readonly #transport: Transport;
  readonly #app: string;

  /** Binds the API to a transport (base URL, auth, error bodies) and an app. */
  constructor(transport: Transport, appId: string) {
    this.#transport = transport;
    this.#app = `v2/apps/${encodePathSegment(appId, 'appId', { provider: 'sunshine' })}`;
  }

  async #send<TSchema extends v.GenericSchema>(
    schema: TSchema,
    operation: string,
    method: HttpMethod,
    path: string,
    options: SunshineCallOptions,
    send: Send = {},
  ): Promise<v.InferOutput<TSchema>> {
    return this.#parse(schema, operation, await this.#request(operation, method, path, options, send));
  }

  /** The answer of one request, not validated yet. */
  async #request(
    operation: string,
    method: HttpMethod,
    path: string,
    options: SunshineCallOptions,
    send: Send,
  ): Promise<unknown> {
    const { data } = await this.#transport.request({
      operation,
      method,
      path: `${this.#app}/${path}`,
      ...send,
      signal: options.signal,
    });
    return data;
  }

  #parse<TSchema extends v.GenericSchema>(
    schema: TSchema,
    operation: string,
    data: unknown,
  ): v.InferOutput<TSchema> {
    return parseWire(schema, data, { provider: this.#transport.provider, operation });
  }

  static {
    get = (api, operation, path, options, query) =>
      api.#request(operation, 'GET', path, options, query === undefined ? {} : { query });
  }

  /** A call whose answer is `{}` (or empty). */
  async #empty(
    operation: string,
    method: HttpMethod,
    path: string,
    options: SunshineCallOptions,
    send: Send = {},
  ): Promise<void> {
    await this.#send(emptyResponseSchema, operation, method, path, options, send);
  }

  /** POST `/v2/apps/{appId}/conversations` → 201 `{ conversation }`. */
  async createConversation(
    body: SunshineConversationCreateBody,
    options: SunshineCallOptions = {},
  ): Promise<SunshineConversationResponse> {
    return this.#send(conversationResponseSchema, 'createConversation', 'POST', 'conversations', options, {
      json: body,
    });
  }

  /** GET `/v2/apps/{appId}/conversations?filter[userId|userExternalId]=…&page[…]=…` → 200. */
  async listConversations(
    filter: SunshineConversationFilter,
    page: SunshinePageQuery = {},
    options: SunshineCallOptions = {},
  ): Promise<SunshineConversationListResponse> {
    const data = await unvalidated.listConversations(this, filter, page, options);
    return this.#parse(conversationListResponseSchema, 'listConversations', data);
  }

  /** GET `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{ conversation }`. */
  async getConversation(
    conversationId: string,
    options: SunshineCallOptions = {},
  ): Promise<SunshineConversationResponse> {
    const data = await unvalidated.getConversation(this, conversationId, options);
    return this.#parse(conversationResponseSchema, 'getConversation', data);
  }

  /** PATCH `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{ conversation }`. */
  async updateConversation(
    conversationId: string,
    body: SunshineConversationUpdateBody,
    options: SunshineCallOptions = {},
  ): Promise<SunshineConversationResponse> {
    const path = conversationPath(conversationId);
    return this.#send(conversationResponseSchema, 'updateConversation', 'PATCH', path, options, {
      json: body,
    });
  }

  /** DELETE `/v2/apps/{appId}/conversations/{conversationId}` → 200 `{}` (with its messages and attachments). */
  async deleteConversation(conversationId: string, options: SunshineCallOptions = {}): Promise<void> {
    return this.#empty('deleteConversation', 'DELETE', conversationPath(conversationId), options);
  }

  /** POST `…/conversations/{conversationId}/join` → 201 `{ participant }` (sdkGroup conversations only). */
  async joinConversation(
    conversationId: string,
    body: SunshineParticipantJoinBody,
    options: SunshineCallOptions = {},
  ): Promise<SunshineParticipantResponse> {
    const path = conversationPath(conversationId, '/join');
    return this.#send(participantResponseSchema, 'joinConversation', 'POST', path, options, { json: body });
  }

  /** POST `…/conversations/{conversationId}/leave` → 200 `{}`. */
  async leaveConversation(
    conversationId: string,
    body: SunshineParticipantLeaveBody,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    const path = conversationPath(conversationId, '/leave');
    return this.#empty('leaveConversation', 'POST', path, options, { json: body });
  }

  /** GET `…/conversations/{conversationId}/participants?page[…]=…` → 200 `{ participants, meta, links }`. */
  async listParticipants(
    conversationId: string,
    page: SunshinePageQuery = {},
    options: SunshineCallOptions = {},
  ): Promise<SunshineParticipantListResponse> {
    const data = await unvalidated.listParticipants(this, conversationId, page, options);
    return this.#parse(participantListResponseSchema, 'listParticipants', data);
  }

  /** POST `…/conversations/{conversationId}/messages` → 201 `{ messages }`; 423 when the conversation is full. */
  async postMessage(
    conversationId: string,
    body: SunshineMessagePost,
    options: SunshineCallOptions = {},
  ): Promise<SunshineMessagePostResponse> {
    const path = conversationPath(conversationId, '/messages');
    return this.#send(messagePostResponseSchema, 'postMessage', 'POST', path, options, { json: body });
  }

  /**
   * GET `…/conversations/{conversationId}/messages?page[after|before]=…` → 200. Pages backwards:
   * without a cursor, the newest 100 messages; `page[size]` does not apply.
   */
  async listMessages(
    conversationId: string,
    page: SunshineMessagePageQuery = {},
    options: SunshineCallOptions = {},
  ): Promise<SunshineMessageListResponse> {
    const data = await unvalidated.listMessages(this, conversationId, page, options);
    return this.#parse(messageListResponseSchema, 'listMessages', data);
  }

  /** DELETE `…/conversations/{conversationId}/messages` → 200 `{}`: makes room in a full conversation. */
  async deleteAllMessages(conversationId: string, options: SunshineCallOptions = {}): Promise<void> {
    return this.#empty('deleteAllMessages', 'DELETE', conversationPath(conversationId, '/messages'), options);
  }

  /** DELETE `…/conversations/{conversationId}/messages/{messageId}` → 200 `{}`. */
  async deleteMessage(
    conversationId: string,
    messageId: string,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    const message = encodePathSegment(messageId, 'messageId', { provider: 'sunshine' });
    const path = conversationPath(conversationId, `/messages/${message}`);
    return this.#empty('deleteMessage', 'DELETE', path, options);
  }

  /** POST `…/conversations/{conversationId}/activity` → 200 `{}` (read receipt, typing). */
  async postActivity(
    conversationId: string,
    body: SunshineActivityPost,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    const path = conversationPath(conversationId, '/activity');
    return this.#empty('postActivity', 'POST', path, options, { json: body });
  }

  /**
   * POST `/v2/apps/{appId}/attachments?access=public[&for=message][&conversationId=…]`, multipart
   * with one part `source` → 201 `{ attachment: { mediaUrl, mediaType } }`. Files up to 50 MB. An
   * invalid media type (`file.contentType`, else `file.source.type`) rejects with `invalid_request`.
   */
  async uploadAttachment(
    file: SunshineUploadFile,
    query: SunshineUploadQuery = {},
    options: SunshineCallOptions = {},
  ): Promise<SunshineAttachmentResponse> {
    const search = { access: query.access ?? 'public', for: query.for, conversationId: query.conversationId };
    return this.#send(attachmentResponseSchema, 'uploadAttachment', 'POST', 'attachments', options, {
      body: uploadForm(file, 'uploadAttachment'),
      query: search,
    });
  }

  /** POST `/v2/apps/{appId}/attachments/remove` `{ mediaUrl }` → 200 `{}` (CDN copies may live 15 more minutes). */
  async deleteAttachment(
    body: SunshineAttachmentDeleteBody,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    return this.#empty('deleteAttachment', 'POST', 'attachments/remove', options, { json: body });
  }

  /** POST `…/{conversationId}/passControl` → 200 `{}`: hands control to an integration (or `next`). */
  async passControl(
    conversationId: string,
    body: SunshineControlTransferBody,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    return this.#control('passControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/offerControl` → 200 `{}`: offers control, making the target pending. */
  async offerControl(
    conversationId: string,
    body: SunshineControlTransferBody,
    options: SunshineCallOptions = {},
  ): Promise<void> {
    return this.#control('offerControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/acceptControl` → 200 `{}`; the body is required, so `{}` by default. */
  async acceptControl(
    conversationId: string,
    body: SunshineControlBody = {},
    options: SunshineCallOptions = {},
  ): Promise<void> {
    return this.#control('acceptControl', conversationId, body, options);
  }

  /** POST `…/{conversationId}/releaseControl` → 200 `{}`: clears the switchboard state. */
  async releaseControl(
    conversationId: string,
    body: SunshineControlBody = {},
    options: SunshineCallOptions = {},
  ): Promise<void> {
    return this.#control('releaseControl', conversationId, body, options);
  }

  async #control(
    operation: string,
    conversationId: string,
    body: object,
    options: SunshineCallOptions,
  ): Promise<void> {
    return this.#empty(operation, 'POST', conversationPath(conversationId, `/${operation}`), options, {
      json: body,
    });
  }
}
