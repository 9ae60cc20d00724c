/**
 * Neutral objects every provider maps to. Timestamps are ISO-8601 UTC strings with milliseconds
 * (`2025-10-07T18:50:23.000Z`) whatever the provider sent; `raw` is the provider's object unchanged.
 */

/** Who a participant or message author is, as far as the provider reveals it. */
export type ParticipantRole = 'agent' | 'customer' | 'bot' | 'unknown';

/** A provider's JSON object, kept as received. */
export type RawObject = Readonly<Record<string, unknown>>;

/** Flat key/value metadata attached to a conversation or message. */
export type Metadata = Record<string, string | number | boolean>;

/** Someone taking part in a conversation. */
export interface Participant {
  /** The provider's participant id (UltraCart participant ARN, Sunshine participant id). */
  id: string;
  name?: string;
  role: ParticipantRole;
  /** Sunshine user id, when the provider links the participant to a user. */
  userId?: string;
  joinedAt?: string;
  leftAt?: string;
  avatarUrl?: string;
  raw: RawObject;
}

/** A file attached to a message, or returned by `media.upload`. */
export interface MediaAttachment {
  /** Where the file can be fetched (Sunshine `mediaUrl`, UltraCart presigned/served URL). */
  url?: string;
  /** UltraCart upload key: what a message's `upload_keys` takes. */
  key?: string;
  contentType: string;
  /** Size in bytes; 0 when the provider does not say. */
  size: number;
  raw: RawObject;
}

/** One message of a conversation. */
export interface Message {
  id: string;
  conversationId: string;
  author: { id?: string; name?: string; role: ParticipantRole };
  text?: string;
  media: MediaAttachment[];
  sentAt: string;
  metadata?: Metadata;
  raw: RawObject;
}

/** A conversation, from a listing (summary) or `get` (with participants and, where available, messages). */
export interface Conversation {
  id: string;
  /** The adapter that produced it, e.g. `ultracart`. */
  provider: string;
  title?: string;
  description?: string;
  iconUrl?: string;
  /** `sms` or `webchat` on UltraCart; absent where the provider does not say. */
  channel?: 'sms' | 'webchat';
  status: 'open' | 'closed';
  createdAt?: string;
  lastActivityAt?: string;
  unread?: boolean;
  messageCount?: number;
  lastMessage?: {
    text?: string;
    sentAt?: string;
    author?: { id?: string; name?: string; role: ParticipantRole };
  };
  participants: Participant[];
  messages?: Message[];
  metadata: Metadata;
  raw: RawObject;
}

/** An agent of a queue and their status. */
export interface QueueAgent {
  id?: string;
  name?: string;
  /** `available`, `busy`, `unavailable`, or whatever newer value the provider sends. */
  status: string;
}

/** Someone waiting in a queue. */
export interface QueueEntry {
  name?: string;
  question?: string;
  since?: string;
}

/** A support queue (UltraCart webchat queues). */
export interface Queue {
  name: string;
  agents: QueueAgent[];
  waiting: QueueEntry[];
  /** Counters the provider reports, e.g. `{ agentsAvailable: 2, waiting: 3 }`. */
  counts: Record<string, number>;
  raw: RawObject;
}

/** The agent status `queues.setAgentStatus` sets. */
export type AgentStatus = 'available' | 'busy' | 'unavailable';

/** What an agent needs to open the provider's realtime websocket. */
export interface AgentSession {
  token: string;
  websocketUrl: string;
  participantId?: string;
  participantName?: string;
  raw: RawObject;
}
