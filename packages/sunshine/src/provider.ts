import {
  allCapabilities,
  type Capability,
  type ClientSettings,
  type Conversation,
  ConversationError,
  type ConversationProviderV1,
  type CreateConversationInput,
  issueMessage,
  issuePath,
  type MediaAttachment,
  type Message,
  type ParticipantRef,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
  type SendMessageInput,
  type UpdateConversationInput,
  type UploadInput,
} from '@parley/core';
import * as v from 'valibot';
import type { SunshineApi } from './api.js';
import { type SunshineProviderConfigInput, sunshineConfigSchema } from './config.js';
import {
  checkSunshineContentType,
  checkSunshineUploadExtension,
  checkSunshineUploadSize,
  refuse,
  sunshineLimits,
  uploadExtension,
} from './limits.js';
import {
  toAttachment,
  toConversation,
  toCreateBody,
  toMessage,
  toMessagePost,
  toParticipantSubSchema,
  toUpdateBody,
} from './map.js';
import {
  checkState,
  collectAll,
  listMessagesPage,
  MAX_PAGE_SIZE,
  MESSAGES_PER_PAGE,
  newestMessages,
  nextCursor,
} from './paging.js';
import { createSunshineApi } from './transport.js';
import type { SunshineParticipant, SunshineParticipantLeaveBody } from './wire.js';

/** What Sunshine can do: everything but UltraCart's queues and agent sessions. */
export const sunshineCapabilities: ReadonlySet<Capability> = new Set(
  allCapabilities.filter(
    (capability) => !capability.startsWith('queues.') && !capability.startsWith('agent.'),
  ),
);

/**
 * Options for sibling reads that run together: when one fails, `cancel()` aborts the others, so no
 * request (or its retries) keeps running for an answer nobody will read.
 */
function siblings(options: ProviderCallOptions): { options: ProviderCallOptions; cancel: () => void } {
  const controller = new AbortController();
  const signal =
    options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]);
  return { options: { signal }, cancel: () => controller.abort() };
}

/** `Promise.all` of sibling reads; the first failure cancels the rest. */
async function allOrCancel<T extends readonly unknown[]>(
  options: ProviderCallOptions,
  run: (options: ProviderCallOptions) => { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const linked = siblings(options);
  try {
    return (await Promise.all(run(linked.options))) as T;
  } catch (error) {
    linked.cancel();
    throw error;
  }
}

/**
 * The Sunshine Conversations provider: maps the neutral operations onto {@link SunshineApi} and
 * checks Sunshine's input limits before anything is sent.
 */
export class SunshineProvider implements ConversationProviderV1<SunshineApi> {
  readonly specificationVersion = 'v1';
  readonly name = 'sunshine';
  readonly capabilities = sunshineCapabilities;
  readonly maxPageSize = { conversations: MAX_PAGE_SIZE, messages: MESSAGES_PER_PAGE } as const;
  readonly raw: SunshineApi;

  constructor(api: SunshineApi) {
    this.raw = api;
  }

  async listConversations(
    params: ProviderListConversationsParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Conversation>> {
    const operation = 'conversations.list';
    if (params.channel !== undefined)
      throw refuse('params.channel', 'is not supported by Sunshine (UltraCart only)', operation);
    // Sunshine lists only one user's conversations: "One of userId or userExternalId is required".
    if (params.userId === undefined && params.userExternalId === undefined)
      throw refuse(
        'params',
        'needs userId or userExternalId: Sunshine lists one user’s conversations',
        operation,
      );
    const filter = toParticipantSubSchema(params, 'params', operation);
    const after = params.cursor === undefined ? undefined : checkState(params.cursor, operation);
    const response = await this.raw.listConversations(
      filter,
      { ...(after === undefined ? {} : { after }), size: params.limit ?? MAX_PAGE_SIZE },
      options,
    );
    const items = response.conversations.map((conversation) => toConversation(conversation));
    const next = nextCursor(response, 'after', response.conversations.at(-1)?.id);
    return { items, ...(next === undefined ? {} : { nextCursor: next }) };
  }

  async getConversation(
    id: string,
    params: { messageLimit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    // Three independent reads: the model has no participants, and messages only come from their list.
    const [response, participants, messages] = await allOrCancel(options, (linked) => [
      this.raw.getConversation(id, linked),
      this.#participants(id, linked),
      params.messageLimit === undefined
        ? Promise.resolve(undefined)
        : newestMessages(this.raw, id, params.messageLimit, linked),
    ]);
    const conversation = toConversation(response.conversation, participants);
    return messages === undefined ? conversation : { ...conversation, messages };
  }

  async createConversation(
    input: CreateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const response = await this.raw.createConversation(toCreateBody(input), options);
    const conversation = response.conversation;
    let participants: SunshineParticipant[] = [];
    try {
      participants = await this.#participants(conversation.id, options);
    } catch {
      // The conversation exists now: failing here would invite a retry that creates a second one.
      // Its participants stay readable through conversations.get.
    }
    return toConversation(conversation, participants);
  }

  async updateConversation(
    id: string,
    patch: UpdateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const body = toUpdateBody(patch);
    // The participants read runs alongside, but never cancels the write: once the update is
    // applied, failing (and inviting a retry) over a read would be wrong; like create, the
    // participants then stay readable through conversations.get.
    const read = siblings(options);
    const participants = this.#participants(id, read.options).catch(() => []);
    try {
      const response = await this.raw.updateConversation(id, body, options);
      return toConversation(response.conversation, await participants);
    } catch (error) {
      read.cancel();
      throw error;
    }
  }

  async deleteConversation(id: string, options: ProviderCallOptions): Promise<void> {
    await this.raw.deleteConversation(id, options);
  }

  async joinConversation(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void> {
    const operation = 'conversations.join';
    if (participant === undefined)
      throw refuse(
        'options.participant',
        'is required: Sunshine adds a user (userId or userExternalId)',
        operation,
      );
    const sub = toParticipantSubSchema(participant, 'options.participant', operation);
    // Join only works on sdkGroup conversations, where `subscribeSDKClient` is required; `false`
    // adds the user without creating an SDK client or push subscription as a side effect.
    await this.raw.joinConversation(id, { ...sub, subscribeSDKClient: false }, options);
  }

  async leaveConversation(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void> {
    const operation = 'conversations.leave';
    if (participant === undefined)
      throw refuse('options.participant', 'is required: Sunshine removes a user or participant', operation);
    const given: SunshineParticipantLeaveBody[] = [
      ...(participant.id === undefined ? [] : [{ participantId: participant.id }]),
      ...(participant.userId === undefined ? [] : [{ userId: participant.userId }]),
      ...(participant.userExternalId === undefined ? [] : [{ userExternalId: participant.userExternalId }]),
    ];
    const [body, ...others] = given;
    // `participantLeaveBody` is a oneOf: exactly one identifier.
    if (body === undefined || others.length > 0)
      throw refuse('options.participant', 'needs exactly one of id, userId or userExternalId', operation);
    await this.raw.leaveConversation(id, body, options);
  }

  async markConversationRead(id: string, options: ProviderCallOptions): Promise<void> {
    await this.raw.postActivity(id, { author: { type: 'business' }, type: 'conversation:read' }, options);
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
    const response = await this.raw.postMessage(conversationId, toMessagePost(input), options);
    // Several messages come back only for a template with leading text; the content is the last.
    const message = response.messages.at(-1);
    if (message === undefined)
      throw new ConversationError({
        code: 'invalid_response',
        message:
          'sunshine sent an unexpected postMessage response at messages: expected at least one message',
        provider: 'sunshine',
        operation: 'postMessage',
      });
    return toMessage(message, conversationId, input.media?.[0]?.contentType);
  }

  async uploadMedia(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment> {
    const operation = 'media.upload';
    // First: a Blob would silently drop a type it cannot hold, and the part would go as
    // application/octet-stream.
    checkSunshineContentType(input.contentType, 'input.contentType', operation);
    const extension = uploadExtension(input.filename, input.contentType);
    checkSunshineUploadExtension(extension, operation);
    const source = await toBlob(input.data, input.contentType, operation);
    const filename = input.filename ?? `upload.${extension}`;
    const response = await this.raw.uploadAttachment(
      { source, filename, contentType: input.contentType },
      // `for=message` lets Sunshine delete the file with the conversation it was uploaded for.
      input.conversationId === undefined
        ? { access: 'public' }
        : { access: 'public', for: 'message', conversationId: input.conversationId },
      options,
    );
    return toAttachment(response, input.contentType, source.size);
  }

  #participants(id: string, options: ProviderCallOptions): Promise<SunshineParticipant[]> {
    return collectAll('conversations.get', async (after) => {
      const response = await this.raw.listParticipants(
        id,
        { ...(after === undefined ? {} : { after }), size: MAX_PAGE_SIZE },
        options,
      );
      return { ...response, items: response.participants };
    });
  }
}

/** The upload as a Blob of `contentType`, refused past 50 MB (a stream is read up to the limit). */
async function toBlob(data: UploadInput['data'], contentType: string, operation: string): Promise<Blob> {
  if (data instanceof Blob) {
    checkSunshineUploadSize(data.size, operation);
    return data.type === contentType ? data : new Blob([data], { type: contentType });
  }
  if (data instanceof ArrayBuffer || data instanceof Uint8Array) {
    checkSunshineUploadSize(data.byteLength, operation);
    return new Blob([new Uint8Array(data)], { type: contentType });
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  const reader = data.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > sunshineLimits.uploadMaxBytes) {
      await reader.cancel();
      checkSunshineUploadSize(total, operation);
    }
    chunks.push(new Uint8Array(value));
  }
  return new Blob(chunks, { type: contentType });
}

/** Settings of {@link createSunshineProvider}: the shared client settings, all optional. */
export type SunshineProviderSettings = Partial<ClientSettings>;

/**
 * A Sunshine provider from a config section, for use without `createConversations` (or in tests).
 * The config is validated first; a bad one throws `invalid_config` naming the field, never its value.
 *
 * @example
 * ```ts
 * const provider = createSunshineProvider({ appId, keyId, keySecret, subdomain: 'acme' });
 * const { conversation } = await provider.raw.getConversation(id);
 * ```
 */
export function createSunshineProvider(
  config: SunshineProviderConfigInput,
  settings: SunshineProviderSettings = {},
): SunshineProvider {
  const parsed = v.safeParse(sunshineConfigSchema, config);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = issue === undefined ? 'sunshine' : issuePath(issue, 'sunshine');
    // issueMessage drops valibot's "but received <value>", which may be the secret.
    const problem = issue === undefined ? 'is invalid' : issueMessage(issue);
    throw new ConversationError({
      code: 'invalid_config',
      message: `Invalid sunshine config: ${field} ${problem}`,
      provider: 'sunshine',
      operation: 'createSunshineProvider',
    });
  }
  return new SunshineProvider(createSunshineApi(parsed.output, settings));
}
