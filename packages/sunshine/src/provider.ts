import type {
  Conversation,
  CreateConversationInput,
  MediaAttachment,
  Message,
  Participant,
  ParticipantRef,
  SendMessageInput,
  TypingAction,
  UpdateConversationInput,
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
  readUpload,
  uploadExtension,
} from '@parley/core/provider';
import { readConversationAnswer } from './answers.js';
import { type SunshineApi, unvalidated } from './api.js';
import { SUNSHINE_LIMITS, SUNSHINE_MAX_PAGE_SIZE, SUNSHINE_MAX_UPLOAD_BYTES } from './limits.js';
import { deferredBody } from './load-deferred.js';
import { toConversation } from './map/conversation.js';
import { toMediaAttachment } from './map/media.js';
import { toMessage } from './map/message.js';
import { toParticipantSubSchema } from './map/participant.js';
import { allParticipants, listConversationsPage, listMessagesPage, newestMessages } from './paging.js';
import { subscribeWebhook } from './webhook/webhook-subscription.js';

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

/** What the provider needs beyond the API. */
export interface SunshineProviderOptions {
  /** `sunshine.webhookSecret`: what `subscribe` checks `X-API-Key` against. */
  webhookSecret?: string | undefined;
}

/**
 * The Sunshine Conversations provider: maps the neutral operations onto {@link SunshineApi} and
 * checks Sunshine's input limits before anything is sent. It has no queues or agent sessions, so
 * it leaves those methods out. Sunshine pushes its events, so `subscribe` returns a webhook.
 */
export class SunshineProvider implements ConversationProviderV1<SunshineApi> {
  readonly specificationVersion = 'v1';
  readonly name = 'sunshine';
  readonly maxPageSize = {
    conversations: SUNSHINE_MAX_PAGE_SIZE,
    messages: SUNSHINE_LIMITS.messagesPerPage,
  } as const;
  readonly raw: SunshineApi;
  // Private, so it stays out of `JSON.stringify(provider)` and any inspection of the client.
  readonly #webhookSecret: string | undefined;

  constructor(api: SunshineApi, options: SunshineProviderOptions = {}) {
    this.raw = api;
    this.#webhookSecret = options.webhookSecret;
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
    // Three independent reads: the model has no participants, and messages only come from their list.
    const [conversation, participants, messages] = await allOrCancel(options, (linked) => [
      // Read as it arrives: a broken answer fails the call and cancels the other two at once.
      unvalidated.getConversation(this.raw, id, linked).then(readConversationAnswer),
      allParticipants(this.raw, id, linked),
      params.messageLimit === undefined
        ? Promise.resolve(undefined)
        : newestMessages(this.raw, id, params.messageLimit, linked),
    ]);
    conversation.participants = participants;
    if (messages !== undefined) conversation.messages = messages;
    return conversation;
  }

  async createConversation(
    input: CreateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation> {
    const body = await deferredBody('conversations.create', ({ toCreateBody }) => toCreateBody(input));
    const response = await this.raw.createConversation(body, options);
    const conversation = response.conversation;
    let participants: Participant[] = [];
    try {
      participants = await allParticipants(this.raw, conversation.id, options);
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
    const body = await deferredBody('conversations.update', ({ toUpdateBody }) => toUpdateBody(patch));
    // The participants read runs alongside, but never cancels the write: once the update is
    // applied, failing (and inviting a retry) over a read would be wrong; like create, the
    // participants then stay readable through conversations.get.
    const read = siblings(options);
    const participants = allParticipants(this.raw, id, read.options).catch(() => []);
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
    const context = { provider: 'sunshine', operation: 'conversations.join' };
    if (participant === undefined)
      throw invalidRequest(
        'options.participant',
        'is required: Sunshine adds a user (userId or userExternalId)',
        context,
      );
    const sub = toParticipantSubSchema(participant, 'options.participant', context);
    // Join only works on sdkGroup conversations, where `subscribeSDKClient` is required; `false`
    // adds the user without creating an SDK client or push subscription as a side effect.
    await this.raw.joinConversation(id, { ...sub, subscribeSDKClient: false }, options);
  }

  async leaveConversation(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void> {
    const context = { provider: 'sunshine', operation: 'conversations.leave' };
    if (participant === undefined)
      throw invalidRequest(
        'options.participant',
        'is required: Sunshine removes a user or participant',
        context,
      );
    const body = await deferredBody(context.operation, ({ toLeaveBody }) =>
      toLeaveBody(participant, 'options.participant'),
    );
    await this.raw.leaveConversation(id, body, options);
  }

  async markConversationRead(id: string, options: ProviderCallOptions): Promise<void> {
    await this.raw.postActivity(id, { author: { type: 'business' }, type: 'conversation:read' }, options);
  }

  async sendTyping(id: string, action: TypingAction, options: ProviderCallOptions): Promise<void> {
    // Business authors may post typing (users only `conversation:read`, sunshine-notes §2b).
    const type = action === 'start' ? 'typing:start' : 'typing:stop';
    await this.raw.postActivity(id, { author: { type: 'business' }, type }, options);
  }

  subscribe(options: ProviderSubscribeOptions): ProviderSubscription {
    return subscribeWebhook(this.#webhookSecret, options);
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
    const body = await deferredBody('messages.send', ({ toMessagePost }) => toMessagePost(input));
    const response = await this.raw.postMessage(conversationId, body, options);
    // Several messages come back only for a template with leading text; the content is the last.
    // The wire schema refuses an empty list.
    const message = response.messages[response.messages.length - 1]!;
    return toMessage(message, conversationId, input.media?.[0]?.contentType);
  }

  async uploadMedia(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment> {
    const context = { provider: 'sunshine', operation: 'media.upload' };
    // Before reading: a bad content type or file name is refused without touching the data.
    const extension = uploadExtension(input, context);
    const source = await readUpload(input, { maxBytes: SUNSHINE_MAX_UPLOAD_BYTES, context });
    const filename = input.filename ?? `upload.${extension}`;
    const response = await this.raw.uploadAttachment(
      { source, filename, contentType: input.contentType },
      // `for=message` lets Sunshine delete the file with the conversation it was uploaded for.
      input.conversationId === undefined
        ? { access: 'public' }
        : { access: 'public', for: 'message', conversationId: input.conversationId },
      options,
    );
    return toMediaAttachment(response, input.contentType, source.size);
  }
}
