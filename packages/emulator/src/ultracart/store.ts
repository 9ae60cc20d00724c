import { HttpError } from '../http.js';
import { mixSeed, Random } from '../random.js';
import { ultracartDate } from '../time.js';
import {
  type AgentStatus,
  conversationArn,
  customerArn,
  generateMessages,
  generateParticipants,
  MERCHANT_ID,
  seedAgents,
  seedConversations,
  seedQueues,
  type UcAgent,
  type UcConversation,
  type UcMessage,
  type UcParticipant,
  type UcQueue,
} from './model.js';

type Json = Record<string, unknown>;

/**
 * Stateful UltraCart conversation data: seeded, then changed by start/join/leave/markread/status
 * calls and by inbound activity (customer messages, new conversations).
 */
export class UltraCartStore {
  /** The agent the emulator's API key belongs to. */
  readonly me: UcAgent;
  readonly agents: readonly UcAgent[];
  readonly queues: readonly UcQueue[];
  /** Seeded conversations, newest first. */
  readonly seeded: readonly UcConversation[];
  /**
   * Conversations whose last message moved since seeding (started here or given inbound activity),
   * oldest `lastMs` first; the list shows them before the seeded ones that never moved.
   */
  private readonly moved: UcConversation[] = [];
  /** Seeded indexes in `moved` (and sorted, built when needed). */
  private readonly movedSeeded = new Set<number>();
  private movedSeededSorted: number[] | undefined;
  private createdCount = 0;
  private readonly byUuid = new Map<string, UcConversation>();
  private readonly rng: Random;

  constructor(
    private readonly seed: number,
    count: number,
  ) {
    this.agents = seedAgents();
    const me = this.agents[0];
    if (!me) throw new Error('no agents');
    this.me = me;
    this.queues = seedQueues(seed, this.agents);
    this.seeded = seedConversations(seed, count);
    for (const conv of this.seeded) this.byUuid.set(conv.uuid, conv);
    // Runtime ids come from their own stream so they do not disturb seeded data.
    this.rng = new Random(seed, 999);
  }

  /** Looks a conversation up or throws 404. */
  find(uuid: string): UcConversation {
    const conv = this.byUuid.get(uuid);
    if (!conv) throw new HttpError(404, 'not_found', `Conversation ${uuid} does not exist.`);
    return conv;
  }

  /** Participants, generated from the seed until something changes them. */
  participantsOf(conv: UcConversation): UcParticipant[] {
    return conv.participants ?? generateParticipants(this.seed, conv, this.agents);
  }

  /** Messages oldest first. */
  messagesOf(conv: UcConversation): readonly UcMessage[] {
    return conv.messages ?? generateMessages(this.seed, conv, this.participantsOf(conv));
  }

  /**
   * One page of summaries, newest first, as `GET /conversation/conversations` returns them: by the
   * last message (UltraCart says "newest to oldest"; ordering by last activity is inferred), so a
   * conversation a customer just wrote in comes first.
   */
  list(opts: { medium?: string; before?: number; limit: number; offset: number }): {
    items: Json[];
    total: number;
  } {
    const count = this.moved.length + this.seeded.length - this.movedSeeded.size;
    const items: Json[] = [];
    if (opts.medium === undefined && opts.before === undefined) {
      // Unfiltered: the page starts at its offset, no scan.
      for (const conv of this.ordered(opts.offset)) {
        if (items.length >= opts.limit) break;
        items.push(this.summaryWire(conv));
      }
      return { items, total: count };
    }
    let total = 0;
    for (const conv of this.ordered(0)) {
      if (opts.medium !== undefined && conv.medium !== opts.medium) continue;
      if (opts.before !== undefined && conv.lastMs >= opts.before) continue;
      if (total >= opts.offset && items.length < opts.limit) items.push(this.summaryWire(conv));
      total++;
    }
    return { items, total };
  }

  /** Conversations in list order (latest message first), from position `from`. */
  private *ordered(from: number): Generator<UcConversation> {
    const moved = this.moved;
    let i = from;
    for (; i < moved.length; i++) {
      const conv = moved[moved.length - 1 - i];
      if (conv) yield conv;
    }
    // Seeded conversations that never moved keep their seeded order: find the one at this position.
    let j = i - moved.length;
    this.movedSeededSorted ??= [...this.movedSeeded].sort((a, b) => a - b);
    for (const skipped of this.movedSeededSorted) {
      if (skipped > j) break;
      j++;
    }
    for (; j < this.seeded.length; j++) {
      const conv = this.seeded[j];
      if (conv && !this.movedSeeded.has(j)) yield conv;
    }
  }

  /** Puts a conversation whose `lastMs` changed (or a new one) in its place in the list order. */
  private touch(conv: UcConversation): void {
    const at = this.moved.indexOf(conv);
    if (at >= 0) this.moved.splice(at, 1);
    let i = this.moved.length;
    while (i > 0 && (this.moved[i - 1]?.lastMs ?? 0) > conv.lastMs) i--;
    this.moved.splice(i, 0, conv);
    if (conv.index >= 0 && !this.movedSeeded.has(conv.index)) {
      this.movedSeeded.add(conv.index);
      this.movedSeededSorted = undefined;
    }
  }

  /** The newest seeded message instant: inbound activity never lands before it. */
  private get seedEndMs(): number {
    return this.seeded[0]?.lastMs ?? 0;
  }

  /** Open conversations near the top of the list (where inbound activity usually lands). */
  recentOpen(max: number): UcConversation[] {
    const out: UcConversation[] = [];
    let seen = 0;
    for (const conv of this.ordered(0)) {
      if (++seen > max * 4 || out.length >= max) break;
      if (!conv.closed) out.push(conv);
    }
    return out;
  }

  /** `ConversationSummary` on the wire. */
  summaryWire(conv: UcConversation): Json {
    const participants = this.participantsOf(conv);
    const wire: Json = {
      closed: conv.closed,
      conversation_arn: conversationArn(conv.uuid),
      conversation_uuid: conv.uuid,
      last_interactive_message_dts: ultracartDate(conv.lastMs),
      last_message_dts: ultracartDate(conv.lastMs),
      medium: conv.medium,
      merchant_id: MERCHANT_ID,
      message_count: conv.messageCount,
      participants: participants.map((p) => this.participantWire(p)),
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
      wire.sentiment = this.sentimentWire(conv);
    }
    if (!conv.closed && conv.lastAuthor === 'customer' && conv.messageCount > 0) {
      wire.customer_first_message_unresponded_to_dts = ultracartDate(conv.firstUnrespondedMs ?? conv.lastMs);
    }
    return wire;
  }

  /** `ConversationSentiment`: seeded scores that sum to about 1, labelled by the largest. */
  private sentimentWire(conv: UcConversation): Json {
    const sr = new Random(mixSeed(this.seed, conv.index, 4));
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

  /** `Conversation` on the wire, with the most recent `messageLimit` messages. */
  conversationWire(conv: UcConversation, messageLimit: number): Json {
    const messages = this.messagesOf(conv);
    const customer = this.participantsOf(conv).find((p) => p.kind === 'customer');
    return {
      ...this.summaryWire(conv),
      base_language_iso_code: 'en',
      messages: messages
        .slice(Math.max(0, messages.length - messageLimit))
        .map((m) => this.messageWire(m, customer)),
      virtual_agent: false,
      virtual_agent_cost: 0,
    };
  }

  /** Messages with `message_epoch` strictly after `since`, oldest first, at most `limit`. */
  messagesSince(conv: UcConversation, since: number, limit: number): Json[] {
    const customer = this.participantsOf(conv).find((p) => p.kind === 'customer');
    const out: Json[] = [];
    for (const m of this.messagesOf(conv)) {
      if (m.epoch <= since) continue;
      if (out.length >= limit) break;
      out.push(this.messageWire(m, customer));
    }
    return out;
  }

  private participantWire(p: UcParticipant): Json {
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

  private messageWire(m: UcMessage, customer: UcParticipant | undefined): Json {
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

  /** `PUT /conversation/conversations`: starts a webchat conversation with the key's agent in it. */
  start(body: { arns: string[]; queueUuid?: string }, now: number): UcConversation {
    if (body.queueUuid !== undefined && !this.queues.some((q) => q.uuid === body.queueUuid)) {
      throw new HttpError(400, 'bad_request', `Unknown conversation_webchat_queue_uuid ${body.queueUuid}`);
    }
    const participants: UcParticipant[] = [this.newAgentParticipant(now)];
    for (const arn of body.arns) {
      if (participants.some((p) => p.arn === arn)) continue;
      const agent = this.agents.find((a) => a.arn === arn);
      participants.push({
        uuid: this.rng.uuid(),
        arn,
        name: agent?.name ?? 'Guest',
        kind: agent ? 'agent' : 'customer',
        joinedMs: now,
        unread: 0,
        ...(agent ? { email: agent.email } : {}),
      });
    }
    const conv: UcConversation = {
      index: -1 - this.createdCount++,
      uuid: this.rng.uuid(),
      medium: 'websocket',
      startMs: now,
      lastMs: now,
      closed: false,
      unread: false,
      messageCount: 0,
      queue: Math.max(
        0,
        this.queues.findIndex((q) => q.uuid === body.queueUuid),
      ),
      customerName: 'Guest',
      lastBody: '',
      lastAuthor: 'agent',
      participants,
      messages: [],
    };
    this.byUuid.set(conv.uuid, conv);
    this.touch(conv);
    return conv;
  }

  /**
   * Inbound activity: a customer message arrives in `conv` at `at`, moved forward when needed so
   * it is not older than the conversation's last message (it may share that millisecond) nor
   * than the seeded history. Reopens a closed conversation (inferred: a customer writing again).
   */
  customerMessage(conv: UcConversation, body: string, at: number): UcMessage {
    // Participants, then messages, are kept before anything changes: both are generated from it.
    const participants = this.own(conv);
    conv.messages ??= generateMessages(this.seed, conv, participants);
    const messages = conv.messages;
    const epoch = Math.max(at, conv.lastMs, messages[messages.length - 1]?.epoch ?? 0, this.seedEndMs);
    let customer = participants.find((p) => p.kind === 'customer');
    if (!customer) {
      customer = {
        uuid: this.rng.uuid(),
        arn: customerArn(this.rng.hex(16)),
        name: conv.customerName,
        kind: 'customer',
        joinedMs: epoch,
        unread: 0,
      };
      participants.push(customer);
    }
    delete customer.leftMs;
    customer.lastMessageMs = epoch;
    const message: UcMessage = {
      uuid: this.rng.uuid(),
      authorArn: customer.arn,
      authorName: customer.name,
      body,
      epoch,
      type: 'message',
      mediaUrls: [],
      fromAgent: false,
    };
    messages.push(message);
    conv.firstUnrespondedMs =
      conv.lastAuthor === 'customer' && conv.messageCount > 0
        ? (conv.firstUnrespondedMs ?? conv.lastMs)
        : epoch;
    conv.messageCount++;
    conv.lastMs = epoch;
    conv.lastBody = body;
    conv.lastAuthor = 'customer';
    conv.unread = true;
    conv.closed = false;
    for (const p of participants) if (p.kind === 'agent' && p.leftMs === undefined) p.unread++;
    this.touch(conv);
    return message;
  }

  /**
   * Inbound activity: a customer starts a conversation with a first message. A webchat customer
   * also waits in the queue's entries until the key's agent joins.
   */
  customerConversation(input: {
    readonly queue: number;
    readonly medium: 'sms' | 'websocket';
    readonly name: string;
    readonly email?: string;
    readonly phone?: string;
    readonly body: string;
    readonly at: number;
  }): UcConversation {
    const epoch = Math.max(input.at, this.seedEndMs);
    const customer: UcParticipant = {
      uuid: this.rng.uuid(),
      arn: customerArn(this.rng.hex(16)),
      name: input.name,
      kind: 'customer',
      joinedMs: epoch,
      unread: 0,
      lastMessageMs: epoch,
      ...(input.medium === 'sms' ? { phone: input.phone ?? '+15555550100' } : {}),
      ...(input.medium === 'websocket' && input.email !== undefined ? { email: input.email } : {}),
    };
    const conv: UcConversation = {
      index: -1 - this.createdCount++,
      uuid: this.rng.uuid(),
      medium: input.medium,
      startMs: epoch,
      lastMs: epoch,
      closed: false,
      unread: true,
      messageCount: 1,
      queue: input.queue,
      customerName: input.name,
      lastBody: input.body,
      lastAuthor: 'customer',
      firstUnrespondedMs: epoch,
      participants: [customer],
      messages: [
        {
          uuid: this.rng.uuid(),
          authorArn: customer.arn,
          authorName: customer.name,
          body: input.body,
          epoch,
          type: 'message',
          mediaUrls: [],
          fromAgent: false,
        },
      ],
    };
    this.byUuid.set(conv.uuid, conv);
    this.touch(conv);
    const queue = this.queues[input.queue];
    if (queue && input.medium === 'websocket') {
      queue.entries.push({
        name: input.name,
        email: input.email ?? '',
        question: input.body,
        joinMs: epoch,
        arn: customer.arn,
        conversationUuid: conv.uuid,
      });
    }
    return conv;
  }

  private newAgentParticipant(now: number): UcParticipant {
    return {
      uuid: this.rng.uuid(),
      arn: this.me.arn,
      name: this.me.name,
      kind: 'agent',
      email: this.me.email,
      joinedMs: now,
      unread: 0,
    };
  }

  /** The key's agent joins (again, after leaving, as a new participant row). */
  join(conv: UcConversation, now: number): void {
    const participants = this.own(conv);
    if (participants.some((p) => p.arn === this.me.arn && p.leftMs === undefined)) return;
    participants.push(this.newAgentParticipant(now));
    conv.closed = false;
    // A customer who waited in a queue for this conversation is no longer waiting.
    for (const queue of this.queues) {
      const at = queue.entries.findIndex((e) => e.conversationUuid === conv.uuid);
      if (at >= 0) queue.entries.splice(at, 1);
    }
  }

  /** The key's agent leaves; leaving when not joined is a no-op. */
  leave(conv: UcConversation, now: number): void {
    for (const p of this.own(conv)) if (p.arn === this.me.arn && p.leftMs === undefined) p.leftMs = now;
  }

  /** Marks the conversation read for the key's agent. */
  markRead(conv: UcConversation): void {
    conv.unread = false;
    for (const p of this.own(conv)) if (p.kind === 'agent') p.unread = 0;
  }

  private own(conv: UcConversation): UcParticipant[] {
    conv.participants ??= this.participantsOf(conv);
    return conv.participants;
  }

  /** Sets the key's agent status in a queue. */
  setQueueStatus(queueName: string, status: AgentStatus): void {
    const queue = this.queues.find((q) => q.name === queueName);
    if (!queue) throw new HttpError(404, 'not_found', `Queue ${queueName} does not exist.`);
    queue.agentStatus.set(this.me.arn, status);
  }

  /** `ConversationWebchatQueueStatus[]` on the wire. */
  queueStatusesWire(): Json[] {
    return this.queues.map((q, queueIndex) => {
      const agents = [...q.agentStatus.entries()].map(([arn, status], i) => {
        const agent = this.agents.find((a) => a.arn === arn);
        return {
          agent_status: status,
          conversation_participant_arn: arn,
          conversation_participant_name: agent?.name ?? arn,
          last_chat_dts: ultracartDate(q.entries[0]?.joinMs ?? Date.UTC(2025, 9, 7, 18) - i * 600_000),
          next_round_robin: i === 0,
          profile_image_url: `https://www.gravatar.com/avatar/${agent?.userId ?? 0}?d=identicon`,
        };
      });
      const count = (s: AgentStatus): number => agents.filter((a) => a.agent_status === s).length;
      const oldest = q.entries.reduce<number | undefined>(
        (m, e) => (m === undefined || e.joinMs < m ? e.joinMs : m),
        undefined,
      );
      const wire: Json = {
        agent_available_count: count('available'),
        agent_busy_count: count('busy'),
        agent_count: agents.length,
        agent_unavailable_count: count('unavailable'),
        agents,
        customer_abandon_count: q.stats.abandon,
        customer_active_count: this.seeded.filter((c) => !c.closed && c.queue === queueIndex).length,
        customer_average_abandon_time_seconds: q.stats.avgAbandon,
        customer_average_chat_time_seconds: q.stats.avgChat,
        customer_average_hold_time_seconds: q.stats.avgHold,
        customer_chat_count: q.stats.chat,
        customer_waiting_count: q.entries.length,
        queue_entries: q.entries.map((e) => ({
          conversation_participant_arn: e.arn,
          conversation_participant_name: e.name,
          conversation_webchat_queue_uuid: q.uuid,
          email: e.email,
          join_dts: ultracartDate(e.joinMs),
          participant_language_iso_code: 'en',
          question: e.question,
          queue_name: q.name,
        })),
        queue_name: q.name,
      };
      if (oldest !== undefined) wire.customer_waiting_join_dts = ultracartDate(oldest);
      return wire;
    });
  }

  /** A fresh 16-hex-digit id, the file part of an upload key. */
  newUploadId(): string {
    return this.rng.hex(16);
  }
}
