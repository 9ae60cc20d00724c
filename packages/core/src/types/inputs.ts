import type { Metadata } from './model.js';

/** Options every client call takes as its last parameter. */
export interface CallOptions {
  /** Cancels the call; it rejects with code `aborted` and sends nothing more. */
  signal?: AbortSignal;
}

/** A participant to add or name: `id` is the provider's participant id (UltraCart ARN). */
export interface ParticipantRef {
  id?: string;
  userId?: string;
  userExternalId?: string;
}

/** Input of `conversations.create`. */
export interface CreateConversationInput {
  /** `group` is Sunshine's `sdkGroup`. Default `personal`. */
  type?: 'personal' | 'group';
  title?: string;
  description?: string;
  iconUrl?: string;
  metadata?: Metadata;
  participants?: ParticipantRef[];
  /** UltraCart webchat queue to start the conversation in. */
  queue?: string;
}

/** Input of `conversations.update`. */
export interface UpdateConversationInput {
  title?: string;
  description?: string;
  iconUrl?: string;
  metadata?: Metadata;
}

/** Input of `messages.send`. */
export interface SendMessageInput {
  text?: string;
  media?: { url: string; contentType?: string }[];
  metadata?: Metadata;
}

/** Input of `media.upload`. */
export interface UploadInput {
  data: Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;
  contentType: string;
  filename?: string;
  conversationId?: string;
}

/** Filters and paging of `conversations.list`. */
export interface ListConversationsParams extends CallOptions {
  /** Page size; defaults to the provider's largest page. */
  limit?: number;
  /** A cursor from an earlier page's `nextCursor`. */
  cursor?: string;
  /** Sunshine: list this user's conversations (one of `userId`/`userExternalId` is required there). */
  userId?: string;
  userExternalId?: string;
  /** UltraCart: only `sms` or `webchat` conversations. */
  channel?: 'sms' | 'webchat';
}

/** Paging of `messages.list`. */
export interface ListMessagesParams extends CallOptions {
  /** Only messages sent after this instant (ISO-8601 string, `Date` or epoch milliseconds). */
  since?: string | Date | number;
  limit?: number;
  cursor?: string;
  /** `asc` (default) oldest first, `desc` newest first. */
  order?: 'asc' | 'desc';
}

/** Options of `conversations.get`. */
export interface GetConversationOptions extends CallOptions {
  /** How many recent messages to include, where the provider returns them with the conversation. */
  messageLimit?: number;
}

/** Options of `conversations.join` and `conversations.leave`. */
export interface ParticipantOptions extends CallOptions {
  /** Who joins or leaves; UltraCart defaults to the authenticated agent, Sunshine requires it. */
  participant?: ParticipantRef;
}

/** What `conversations.typing` shows: the indicator on (`start`) or off (`stop`). */
export type TypingAction = 'start' | 'stop';
