import { HttpError, type Json } from '../http.js';
import { Random } from '../random.js';
import { ConversationIndex, type ConversationPageOptions } from './conversation-index.js';
import { type ConversationReader, summaryWire } from './conversation-wire.js';
import {
  type AgentStatus,
  customerArn,
  generateMessages,
  generateParticipants,
  seedAgents,
  seedConversations,
  seedQueues,
  type UcAgent,
  type UcConversation,
  type UcMessage,
  type UcParticipant,
  type UcQueue,
} from './model.js';

/**
 * Stateful UltraCart conversation data: seeded, then changed by start/join/leave/markread/status
 * calls and by inbound activity (customer messages, new conversations). The wire shapes are in
 * `conversation-wire.ts` and `queue-wire.ts`, the lookup and list order in `conversation-index.ts`.
 */
export class UltraCartStore implements ConversationReader {
  /** The agent the emulator's API key belongs to. */
  readonly me: UcAgent;
  readonly agents: readonly UcAgent[];
  readonly queues: readonly UcQueue[];
  private readonly index: ConversationIndex;
  private readonly rng: Random;

  constructor(
    readonly seed: number,
    count: number,
  ) {
    this.agents = seedAgents();
    const me = this.agents[0];
    if (!me) throw new Error('no agents');
    this.me = me;
    this.queues = seedQueues(seed, this.agents);
    this.index = new ConversationIndex(seedConversations(seed, count));
    // Runtime ids come from their own stream so they do not disturb seeded data.
    this.rng = new Random(seed, 999);
  }

  /** Seeded conversations, newest first. */
  get seeded(): readonly UcConversation[] {
    return this.index.seeded;
  }

  /** Looks a conversation up or throws 404. */
  find(uuid: string): UcConversation {
    return this.index.find(uuid);
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
   * last message, so a conversation a customer just wrote in comes first.
   */
  list(opts: ConversationPageOptions): { items: Json[]; total: number } {
    const { items, total } = this.index.page(opts);
    return { items: items.map((conv) => summaryWire(this, conv)), total };
  }

  /** Open conversations near the top of the list (where inbound activity usually lands). */
  recentOpen(max: number): UcConversation[] {
    return this.index.recentOpen(max);
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
      index: this.index.nextCreatedIndex(),
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
    this.index.add(conv);
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
    const epoch = Math.max(at, conv.lastMs, messages[messages.length - 1]?.epoch ?? 0, this.index.seedEndMs);
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
    this.index.touch(conv);
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
    const epoch = Math.max(input.at, this.index.seedEndMs);
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
      index: this.index.nextCreatedIndex(),
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
    this.index.add(conv);
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

  /** A fresh 16-hex-digit id, the file part of an upload key. */
  newUploadId(): string {
    return this.rng.hex(16);
  }
}
