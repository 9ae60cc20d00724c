import {
  type AgentSession,
  type Conversation,
  ConversationError,
  type CreateConversationInput,
  type ErrorContext,
  invalidRequest,
  isoUtc,
  type MediaAttachment,
  type Message,
  type Participant,
  type Queue,
  type QueueAgent,
  type QueueEntry,
} from '@parley/core';
import { isIsoYearRange, parseIsoTimestamp } from './wire/dts.js';
import type {
  UltraCartConversation,
  UltraCartConversationAgentAuth,
  UltraCartConversationMessage,
  UltraCartConversationParticipant,
  UltraCartConversationStartRequest,
  UltraCartConversationSummary,
  UltraCartConversationWebchatQueueStatus,
} from './wire.js';

const PROVIDER = 'ultracart';

/**
 * An UltraCart `*_dts` value (ISO-8601 with an offset, e.g. `2025-10-07T14:50:23-04:00`) as a UTC
 * ISO-8601 string with milliseconds (`2025-10-07T18:50:23.000Z`); undefined when absent or unreadable
 * (the wire schemas already refuse unreadable ones).
 *
 * @example
 * ```ts
 * toIsoUtc('2025-10-07T14:50:23-04:00'); // '2025-10-07T18:50:23.000Z'
 * ```
 */
export function toIsoUtc(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = parseIsoTimestamp(value);
  return ms === undefined ? undefined : isoUtc(ms);
}

/** The neutral channel of an UltraCart `medium`: `sms` → `sms`, `websocket` → `webchat`. */
export function toChannel(medium: string | null | undefined): 'sms' | 'webchat' | undefined {
  if (medium === 'sms') return 'sms';
  if (medium === 'websocket') return 'webchat';
  return undefined;
}

/** The UltraCart `medium` of a neutral channel (the `medium` query of `getConversations`). */
export function toMedium(channel: 'sms' | 'webchat'): 'sms' | 'websocket' {
  return channel === 'sms' ? 'sms' : 'websocket';
}

/** Where a mapping runs: the raw operation and the path of the object in its response. */
export interface MapContext extends ErrorContext {
  path: string;
}

/**
 * `invalid_response` for a field at `path` of `operation`'s answer that Parley cannot use (the wire
 * schema accepted it: every UltraCart field is optional).
 */
export function invalidResponseAt(
  operation: string | undefined,
  path: string,
  problem = 'required by Parley but missing',
): ConversationError {
  return new ConversationError({
    code: 'invalid_response',
    message: `ultracart sent an unexpected ${operation ?? ''} response at ${path}: ${problem}`,
    provider: PROVIDER,
    operation,
  });
}

function missing(field: string, context: MapContext, problem?: string): ConversationError {
  return invalidResponseAt(context.operation, `${context.path}.${field}`, problem);
}

function defined<T extends object>(entries: T): { [K in keyof T]: Exclude<T[K], undefined | null> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined && value !== null) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined | null> };
}

/** A participant; `id` is its ARN (what join/start take), else its uuid. */
function mapParticipant(
  participant: UltraCartConversationParticipant,
  context: MapContext,
  index: number,
): Participant {
  const id = participant.conversation_participant_arn ?? participant.conversation_participant_uuid;
  // The path is built only for an error: listings map every participant of every conversation.
  if (!id)
    throw missing('conversation_participant_arn', {
      ...context,
      path: `${context.path}.participants[${index}]`,
    });
  // UltraCart does not say whether a participant is an agent or a customer.
  const out: Participant = { id, role: 'unknown', raw: participant };
  const name = participant.conversation_participant_name;
  if (name != null) out.name = name;
  const joinedAt = toIsoUtc(participant.joined_dts);
  if (joinedAt !== undefined) out.joinedAt = joinedAt;
  const leftAt = toIsoUtc(participant.left_dts);
  if (leftAt !== undefined) out.leftAt = leftAt;
  const avatarUrl = participant.profile_image_url;
  if (avatarUrl != null) out.avatarUrl = avatarUrl;
  return out;
}

/**
 * When a message was sent, in epoch milliseconds: `message_epoch`, else `message_dts`. Undefined
 * when it has neither.
 */
function messageEpoch(message: UltraCartConversationMessage): number | undefined {
  // An epoch no Date can hold (past ±8.64e15, or beyond year 9999) is as good as none.
  if (typeof message.message_epoch === 'number' && isIsoYearRange(message.message_epoch))
    return message.message_epoch;
  return message.message_dts ? parseIsoTimestamp(message.message_dts) : undefined;
}

const contentTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
};

/** A content type guessed from a URL's extension; UltraCart's messages do not carry one. */
export function contentTypeOf(url: string): string {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Not an absolute URL: guess from the text itself.
  }
  const extension = /\.([a-z0-9]{1,10})$/i.exec(pathname)?.[1]?.toLowerCase();
  return (extension && contentTypes[extension]) || 'application/octet-stream';
}

function mapMedia(message: UltraCartConversationMessage): MediaAttachment[] {
  const urls = message.media_urls ?? [];
  const keys = message.upload_keys ?? [];
  // How upload keys become media URLs is undocumented; pairing them by position when the counts
  // match is an inference; otherwise keys are only shown when no URL is.
  if (urls.length > 0)
    return urls.map((url, index) => {
      const key = keys.length === urls.length ? keys[index] : undefined;
      return {
        url,
        ...(key === undefined ? {} : { key }),
        contentType: contentTypeOf(url),
        size: 0,
        raw: key === undefined ? { media_url: url } : { media_url: url, upload_key: key },
      };
    });
  return keys.map((key) => ({ key, contentType: contentTypeOf(key), size: 0, raw: { upload_key: key } }));
}

/**
 * A message of `conversationId`; `sentAt` from `message_epoch` (else `message_dts`). A caller that
 * already read the send time passes it as `epoch`.
 */
export function mapMessage(
  message: UltraCartConversationMessage,
  conversationId: string,
  context: MapContext,
  epoch: number | undefined = messageEpoch(message),
): Message {
  const id = message.conversation_message_uuid;
  if (!id) throw missing('conversation_message_uuid', context);
  if (epoch === undefined)
    throw missing('message_epoch', context, 'required by Parley but missing or not a readable instant');
  const author: Message['author'] = { role: 'unknown' };
  const authorId = message.author_conversation_participant_arn;
  if (authorId != null) author.id = authorId;
  const authorName = message.author_conversation_participant_name;
  if (authorName != null) author.name = authorName;
  const out: Message = {
    id,
    conversationId,
    author,
    media: mapMedia(message),
    sentAt: isoUtc(epoch),
    raw: message,
  };
  if (message.body != null) out.text = message.body;
  return out;
}

/** A mapped message with its send time in epoch milliseconds. */
export interface TimedMessage {
  message: Message;
  epoch: number;
}

/**
 * The messages of the array at `context.path`, in their order, each with its send time (read once,
 * not on every comparison of a sort). An element's path is built only for an error: a page can
 * carry hundreds of messages.
 */
export function mapTimedMessages(
  messages: readonly UltraCartConversationMessage[],
  conversationId: string,
  context: MapContext,
): TimedMessage[] {
  return messages.map((message, index) => {
    const epoch = messageEpoch(message);
    const at =
      message.conversation_message_uuid && epoch !== undefined
        ? context
        : { ...context, path: `${context.path}[${index}]` };
    // mapMessage refuses a message without a time, so `epoch` is defined past it.
    return { message: mapMessage(message, conversationId, at, epoch), epoch: epoch as number };
  });
}

/** Messages oldest first; Array#sort is stable, so messages of one millisecond keep UltraCart's order. */
function mapMessages(
  messages: UltraCartConversationMessage[],
  conversationId: string,
  context: MapContext,
): Message[] {
  const timed = mapTimedMessages(messages, conversationId, { ...context, path: `${context.path}.messages` });
  timed.sort((a, b) => a.epoch - b.epoch);
  return timed.map((entry) => entry.message);
}

/** A conversation from `getConversation`/`startConversation`, with its participants and messages. */
export function mapConversation(conversation: UltraCartConversation, context: MapContext): Conversation {
  return toConversation(conversation, conversation.messages, context);
}

/** A conversation summary from the listing (participants, last message, no messages). */
export function mapConversationSummary(
  conversation: UltraCartConversationSummary,
  context: MapContext,
): Conversation {
  return toConversation(conversation, undefined, context);
}

function toConversation(
  conversation: UltraCartConversation | UltraCartConversationSummary,
  messages: UltraCartConversationMessage[] | null | undefined,
  context: MapContext,
): Conversation {
  const id = conversation.conversation_uuid;
  if (!id) throw missing('conversation_uuid', context);
  const participants = conversation.participants;
  const out: Conversation = {
    id,
    provider: PROVIDER,
    status: conversation.closed === true ? 'closed' : 'open',
    participants:
      participants == null
        ? []
        : participants.map((participant, index) => mapParticipant(participant, context, index)),
    // UltraCart conversations carry no free-form metadata; `raw` has every provider field.
    metadata: {},
    raw: conversation,
  };
  const channel = toChannel(conversation.medium);
  if (channel !== undefined) out.channel = channel;
  const createdAt = toIsoUtc(conversation.start_dts);
  if (createdAt !== undefined) out.createdAt = createdAt;
  const lastMessageAt = toIsoUtc(conversation.last_message_dts);
  const lastActivityAt = lastMessageAt ?? toIsoUtc(conversation.last_interactive_message_dts);
  if (lastActivityAt !== undefined) out.lastActivityAt = lastActivityAt;
  if (conversation.unread_messages != null) out.unread = conversation.unread_messages;
  if (conversation.message_count != null) out.messageCount = conversation.message_count;
  const lastMessage = lastMessageOf(conversation, lastMessageAt);
  if (lastMessage !== undefined) out.lastMessage = lastMessage;
  if (messages != null) out.messages = mapMessages(messages, id, context);
  return out;
}

function lastMessageOf(
  conversation: UltraCartConversation | UltraCartConversationSummary,
  sentAt: string | undefined,
): Conversation['lastMessage'] {
  const text = conversation.last_conversation_message_body;
  const authorId = conversation.last_conversation_participant_arn;
  const authorName = conversation.last_conversation_participant_name;
  if (text == null && sentAt === undefined && authorId == null && authorName == null) return undefined;
  const last: NonNullable<Conversation['lastMessage']> = {};
  if (text != null) last.text = text;
  if (sentAt !== undefined) last.sentAt = sentAt;
  if (authorId != null || authorName != null) {
    const author: NonNullable<typeof last.author> = { role: 'unknown' };
    if (authorId != null) author.id = authorId;
    if (authorName != null) author.name = authorName;
    last.author = author;
  }
  return last;
}

/** A webchat queue with its agents, waiting customers and counters. */
export function mapQueue(queue: UltraCartConversationWebchatQueueStatus, context: MapContext): Queue {
  const name = queue.queue_name;
  if (!name) throw missing('queue_name', context);
  const agents: QueueAgent[] = (queue.agents ?? []).map((agent) => ({
    ...defined({ id: agent.conversation_participant_arn, name: agent.conversation_participant_name }),
    status: agent.agent_status ?? 'unknown',
  }));
  const waiting: QueueEntry[] = (queue.queue_entries ?? []).map((entry) =>
    defined({
      name: entry.conversation_participant_name,
      question: entry.question,
      since: toIsoUtc(entry.join_dts),
    }),
  );
  const counts = defined({
    agents: queue.agent_count,
    agentsAvailable: queue.agent_available_count,
    agentsBusy: queue.agent_busy_count,
    agentsUnavailable: queue.agent_unavailable_count,
    waiting: queue.customer_waiting_count,
    active: queue.customer_active_count,
    chats: queue.customer_chat_count,
    abandoned: queue.customer_abandon_count,
    averageAbandonSeconds: queue.customer_average_abandon_time_seconds,
    averageChatSeconds: queue.customer_average_chat_time_seconds,
    averageHoldSeconds: queue.customer_average_hold_time_seconds,
  });
  return { name, agents, waiting, counts, raw: queue };
}

/** The agent's websocket session. The JWT is a secret: it never appears in an error. */
export function mapAgentSession(
  auth: UltraCartConversationAgentAuth | null | undefined,
  context: MapContext,
): AgentSession {
  if (!auth) throw invalidResponseAt(context.operation, 'agent_auth');
  if (!auth.jwt) throw missing('jwt', context);
  if (!auth.websocket_url) throw missing('websocket_url', context);
  return {
    token: auth.jwt,
    websocketUrl: auth.websocket_url,
    ...defined({
      participantId: auth.conversation_participant_arn,
      participantName: auth.conversation_participant_name,
    }),
    raw: auth,
  };
}

/**
 * The start request of `conversations.create`: participants' `id`s are participant ARNs
 * (`add_conversation_participant_arns`) and `queue` is the webchat queue uuid. UltraCart's start
 * has nowhere to put a title, description, icon, metadata or a group type, so those are refused
 * rather than silently dropped.
 */
export function toStartRequest(
  input: CreateConversationInput,
  context: ErrorContext,
): UltraCartConversationStartRequest {
  for (const field of ['title', 'description', 'iconUrl'] as const)
    if (input[field] !== undefined)
      throw invalidRequest(`input.${field}`, 'is not supported by UltraCart conversations', context);
  if (input.metadata !== undefined && Object.keys(input.metadata).length > 0)
    throw invalidRequest('input.metadata', 'is not supported by UltraCart conversations', context);
  if (input.type === 'group')
    throw invalidRequest('input.type', "must be 'personal' on UltraCart (no group conversations)", context);
  const arns = (input.participants ?? []).map((participant, index) => {
    if (participant.id === undefined)
      throw invalidRequest(
        `input.participants[${index}]`,
        'needs id (an UltraCart participant ARN); userId/userExternalId are Sunshine references',
        context,
      );
    return participant.id;
  });
  return {
    ...(arns.length === 0 ? {} : { add_conversation_participant_arns: arns }),
    ...(input.queue === undefined ? {} : { conversation_webchat_queue_uuid: input.queue }),
  };
}
