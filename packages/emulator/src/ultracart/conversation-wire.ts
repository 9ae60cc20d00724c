import type { Json } from '../http.js';
import { mixSeed, Random } from '../random.js';
import { ultracartDate } from '../time.js';
import {
  conversationArn,
  MERCHANT_ID,
  type UcConversation,
  type UcMessage,
  type UcParticipant,
} from './model.js';

/** What the wire shapes read of a conversation: participants and messages, seeded or stored. */
export interface ConversationReader {
  /** The data seed; sentiment scores are derived from it. */
  readonly seed: number;
  participantsOf(conv: UcConversation): readonly UcParticipant[];
  /** Messages oldest first. */
  messagesOf(conv: UcConversation): readonly UcMessage[];
}

/** `ConversationSummary` on the wire. */
export function summaryWire(reader: ConversationReader, conv: UcConversation): Json {
  const participants = reader.participantsOf(conv);
  const wire: Json = {
    closed: conv.closed,
    conversation_arn: conversationArn(conv.uuid),
    conversation_uuid: conv.uuid,
    last_interactive_message_dts: ultracartDate(conv.lastMs),
    last_message_dts: ultracartDate(conv.lastMs),
    medium: conv.medium,
    merchant_id: MERCHANT_ID,
    message_count: conv.messageCount,
    participants: participants.map(participantWire),
    start_dts: ultracartDate(conv.startMs),
    unread_messages: conv.unread,
    visible: true,
  };
  // A conversation started over the API has no message until a customer writes (REST cannot post).
  if (conv.messageCount > 0) {
    wire.last_conversation_message_body = conv.lastBody;
    const lastAuthor =
      conv.lastAuthor === 'customer'
        ? participants.find((p) => p.kind === 'customer')
        : participants.findLast((p) => p.kind === 'agent');
    if (lastAuthor) {
      wire.last_conversation_participant_arn = lastAuthor.arn;
      wire.last_conversation_participant_name = lastAuthor.name;
    }
    wire.sentiment = sentimentWire(reader.seed, conv);
  }
  if (!conv.closed && conv.lastAuthor === 'customer' && conv.messageCount > 0) {
    wire.customer_first_message_unresponded_to_dts = ultracartDate(conv.firstUnrespondedMs ?? conv.lastMs);
  }
  return wire;
}

/** `Conversation` on the wire, with the most recent `messageLimit` messages. */
export function conversationWire(
  reader: ConversationReader,
  conv: UcConversation,
  messageLimit: number,
): Json {
  const messages = reader.messagesOf(conv);
  const customer = customerOf(reader, conv);
  return {
    ...summaryWire(reader, conv),
    base_language_iso_code: 'en',
    messages: messages
      .slice(Math.max(0, messages.length - messageLimit))
      .map((m) => messageWire(m, customer)),
    virtual_agent: false,
    virtual_agent_cost: 0,
  };
}

/** `ConversationMessage`s with `message_epoch` strictly after `since`, oldest first, at most `limit`. */
export function messagesSinceWire(
  reader: ConversationReader,
  conv: UcConversation,
  since: number,
  limit: number,
): Json[] {
  const customer = customerOf(reader, conv);
  const out: Json[] = [];
  for (const m of reader.messagesOf(conv)) {
    if (m.epoch <= since) continue;
    if (out.length >= limit) break;
    out.push(messageWire(m, customer));
  }
  return out;
}

function customerOf(reader: ConversationReader, conv: UcConversation): UcParticipant | undefined {
  return reader.participantsOf(conv).find((p) => p.kind === 'customer');
}

/** `ConversationSentiment`: seeded scores that sum to about 1, labelled by the largest. */
function sentimentWire(seed: number, conv: UcConversation): Json {
  const sr = new Random(mixSeed(seed, conv.index, 4));
  const scores = [sr.next(), sr.next(), sr.next(), sr.next()];
  const sum = scores.reduce((a, b) => a + b, 0) || 1;
  const [positive = 0, neutral = 0, negative = 0, mixed = 0] = scores.map(
    (s) => Math.round((s / sum) * 1000) / 1000,
  );
  const labels = ['POSITIVE', 'NEUTRAL', 'NEGATIVE', 'MIXED'] as const;
  const best = [positive, neutral, negative, mixed].indexOf(Math.max(positive, neutral, negative, mixed));
  return {
    last_detect_sentiment: ultracartDate(conv.lastMs + 5_000),
    mixed,
    negative,
    neutral,
    positive,
    sentiment: labels[best] ?? 'NEUTRAL',
  };
}

function participantWire(p: UcParticipant): Json {
  const wire: Json = {
    conversation_participant_arn: p.arn,
    conversation_participant_name: p.name,
    conversation_participant_uuid: p.uuid,
    joined_dts: ultracartDate(p.joinedMs),
    language_iso_code: 'en',
    status: p.leftMs === undefined ? 'active' : 'left',
    timezone: 'America/New_York',
    unread_messages: p.unread,
  };
  if (p.email !== undefined) wire.email = p.email;
  if (p.phone !== undefined) wire.sms_phone_number = p.phone;
  if (p.lastMessageMs !== undefined) wire.last_message_dts = ultracartDate(p.lastMessageMs);
  if (p.leftMs !== undefined) wire.left_dts = ultracartDate(p.leftMs);
  if (p.kind === 'agent')
    wire.profile_image_url = `https://www.gravatar.com/avatar/${p.uuid.replace(/-/g, '')}?d=identicon`;
  return wire;
}

function messageWire(m: UcMessage, customer: UcParticipant | undefined): Json {
  return {
    author_conversation_participant_arn: m.authorArn,
    author_conversation_participant_name: m.authorName,
    body: m.body,
    conversation_message_uuid: m.uuid,
    language_iso_code: 'en',
    media_urls: m.mediaUrls,
    merchant_id: MERCHANT_ID,
    message_dts: ultracartDate(m.epoch),
    message_epoch: m.epoch,
    transport_statuses:
      m.fromAgent && customer ? [{ conversation_participant_arn: customer.arn, status: 'read' }] : [],
    type: m.type,
    upload_keys: [],
  };
}
