import { mixSeed, Random } from '../random.js';
import { agentLine, customerLine, customerOpener, emailFor, personName, phoneNumber } from '../seed.js';
import { SEED_ANCHOR_MS } from '../time.js';

/** The merchant every seeded UltraCart object belongs to. */
export const MERCHANT_ID = 'DEMO';

/** An agent (UltraCart user) that can take chats. */
export interface UcAgent {
  readonly userId: number;
  readonly arn: string;
  readonly name: string;
  readonly email: string;
}

/** Agent availability within a queue. */
export type AgentStatus = 'available' | 'busy' | 'unavailable';

/** A webchat queue with per-agent status and waiting customers. */
export interface UcQueue {
  readonly name: string;
  readonly uuid: string;
  readonly agentStatus: Map<string, AgentStatus>;
  readonly entries: {
    name: string;
    email: string;
    question: string;
    joinMs: number;
    arn: string;
    /** The conversation a customer waits in, for customers that arrived as inbound activity. */
    conversationUuid?: string;
  }[];
  readonly stats: { abandon: number; chat: number; avgAbandon: number; avgChat: number; avgHold: number };
}

/** A participant as stored (times in epoch ms). */
export interface UcParticipant {
  uuid: string;
  arn: string;
  name: string;
  kind: 'agent' | 'customer';
  email?: string;
  phone?: string;
  joinedMs: number;
  leftMs?: number;
  unread: number;
  lastMessageMs?: number;
}

/** A stored message. */
export interface UcMessage {
  readonly uuid: string;
  readonly authorArn: string;
  readonly authorName: string;
  readonly body: string;
  readonly epoch: number;
  readonly type: 'message' | 'notice';
  readonly mediaUrls: string[];
  readonly fromAgent: boolean;
}

/**
 * A conversation kept compact: participants and messages are regenerated from `index` on demand
 * (so 100,000 conversations stay cheap) and only stored once something changes them.
 */
export interface UcConversation {
  readonly index: number;
  readonly uuid: string;
  readonly medium: 'sms' | 'websocket';
  readonly startMs: number;
  lastMs: number;
  closed: boolean;
  unread: boolean;
  messageCount: number;
  readonly queue: number;
  readonly customerName: string;
  lastBody: string;
  lastAuthor: 'agent' | 'customer';
  /** The first customer message no agent answered yet, once inbound activity set it (else `lastMs`). */
  firstUnrespondedMs?: number;
  participants?: UcParticipant[];
  messages?: UcMessage[];
}

const QUEUE_NAMES = ['Sales', 'Support', 'Billing', 'Returns', 'Wholesale'] as const;
const AGENT_NAMES = [
  'Alex Rivera',
  'Jordan Lee',
  'Sam Patel',
  'Taylor Brooks',
  'Morgan Chen',
  'Casey Okafor',
] as const;

/** `arn:…` for an agent; UltraCart's exact ARN layout is unpublished, this one is stable and unique. */
function agentArn(userId: number): string {
  return `arn:ultracart:conversation:${MERCHANT_ID}:participant/agent/${userId}`;
}

/** `arn:…` for a customer participant. */
export function customerArn(id: string): string {
  return `arn:ultracart:conversation:${MERCHANT_ID}:participant/customer/${id}`;
}

/** `arn:…` for a conversation. */
export function conversationArn(uuid: string): string {
  return `arn:ultracart:conversation:${MERCHANT_ID}:conversation/${uuid}`;
}

/** The six seeded agents; the first one owns the emulator's API key. */
export function seedAgents(): UcAgent[] {
  return AGENT_NAMES.map((name, i) => ({
    userId: 1001 + i,
    arn: agentArn(1001 + i),
    name,
    email: `${name.toLowerCase().replace(' ', '.')}@shop.example`,
  }));
}

/** The five queues, with statuses and waiting customers derived from the seed. */
export function seedQueues(seed: number, agents: readonly UcAgent[]): UcQueue[] {
  const rng = new Random(seed, 101);
  return QUEUE_NAMES.map((name, q) => {
    const agentStatus = new Map<string, AgentStatus>();
    agents.forEach((agent, a) => {
      // Agent 0 (the key's owner) is in every queue so status changes are visible everywhere.
      if (a === 0 || rng.chance(0.6)) {
        agentStatus.set(agent.arn, a === 0 ? 'available' : rng.pick(['available', 'busy', 'unavailable']));
      }
    });
    const entries = Array.from({ length: q === 1 ? 3 : rng.int(0, 2) }, (_, e) => {
      const person = personName(rng);
      return {
        name: person,
        email: emailFor(rng, person),
        question: customerOpener(rng),
        joinMs: SEED_ANCHOR_MS - (e + 1) * rng.int(20_000, 240_000),
        arn: customerArn(rng.hex(16)),
      };
    });
    return {
      name,
      uuid: new Random(seed, 200 + q).uuid(),
      agentStatus,
      entries,
      stats: {
        abandon: rng.int(0, 40),
        chat: rng.int(50, 900),
        avgAbandon: rng.int(20, 300),
        avgChat: rng.int(120, 900),
        avgHold: rng.int(5, 120),
      },
    };
  });
}

/** Conversations with this index have more than 250 messages (multi-page histories). */
function isLongHistory(index: number): boolean {
  return index % 7 === 3;
}

/** Generates `count` compact conversations, newest first (index 0 is the most recent). */
export function seedConversations(seed: number, count: number): UcConversation[] {
  const rng = new Random(seed, 1);
  const out: UcConversation[] = new Array(count);
  let lastMs = SEED_ANCHOR_MS;
  for (let index = 0; index < count; index++) {
    const long = isLongHistory(index);
    const messageCount = long ? rng.int(260, 420) : rng.int(2, 40);
    const durationMs = messageCount * rng.int(15_000, 90_000);
    const medium = rng.chance(0.35) ? 'sms' : 'websocket';
    const lastAuthor = rng.chance(0.55) ? 'customer' : 'agent';
    const lr = new Random(mixSeed(seed, index, 3));
    out[index] = {
      index,
      uuid: rng.uuid(),
      medium,
      startMs: lastMs - durationMs,
      lastMs,
      // The newest tenth is still open; older conversations are mostly closed.
      closed: index >= count / 10 ? rng.chance(0.9) : rng.chance(0.1),
      unread: index < Math.max(5, count / 8) && lastAuthor === 'customer',
      messageCount,
      queue: rng.int(0, QUEUE_NAMES.length - 1),
      customerName: personName(rng),
      lastBody: lastAuthor === 'customer' ? customerLine(lr) : agentLine(lr),
      lastAuthor,
    };
    lastMs -= rng.int(60_000, 45 * 60_000);
  }
  return out;
}

/** Participants of a seeded conversation: the customer, an agent, and for some a second agent after a transfer. */
export function generateParticipants(
  seed: number,
  conv: UcConversation,
  agents: readonly UcAgent[],
): UcParticipant[] {
  const rng = new Random(mixSeed(seed, conv.index, 1));
  const customerId = rng.hex(16);
  const customer: UcParticipant = {
    uuid: rng.uuid(),
    arn: customerArn(customerId),
    name: conv.customerName,
    kind: 'customer',
    joinedMs: conv.startMs,
    unread: 0,
    lastMessageMs: conv.lastMs,
  };
  if (conv.medium === 'sms') customer.phone = phoneNumber(rng);
  else customer.email = emailFor(rng, conv.customerName);
  // Agent 0 (the key's owner) takes every third conversation so join/leave tests find it both ways.
  const first = conv.index % 3 === 0 ? 0 : rng.int(1, agents.length - 1);
  const firstAgent = agents[first] ?? agents[0];
  if (!firstAgent) return [customer];
  const agentJoin = conv.startMs + Math.min(60_000, Math.floor((conv.lastMs - conv.startMs) / 4));
  const primary: UcParticipant = {
    uuid: rng.uuid(),
    arn: firstAgent.arn,
    name: firstAgent.name,
    kind: 'agent',
    email: firstAgent.email,
    joinedMs: agentJoin,
    unread: conv.unread ? rng.int(1, 3) : 0,
    lastMessageMs: conv.lastMs,
  };
  const result = [customer, primary];
  const transferred = conv.index % 4 === 1;
  if (transferred) {
    const mid = conv.startMs + Math.floor((conv.lastMs - conv.startMs) / 2);
    primary.leftMs = mid;
    primary.lastMessageMs = mid;
    primary.unread = 0;
    const other = agents[(first + 1) % agents.length] ?? firstAgent;
    result.push({
      uuid: rng.uuid(),
      arn: other.arn,
      name: other.name,
      kind: 'agent',
      email: other.email,
      joinedMs: mid,
      unread: conv.unread ? 1 : 0,
      lastMessageMs: conv.lastMs,
    });
  }
  if (conv.closed) {
    for (const p of result) p.leftMs ??= conv.lastMs;
  }
  return result;
}

/**
 * Messages of a seeded conversation, oldest first. About one message in six shares its
 * millisecond with the previous one (agents send multi-part replies), on purpose.
 */
export function generateMessages(
  seed: number,
  conv: UcConversation,
  participants: readonly UcParticipant[],
): UcMessage[] {
  const rng = new Random(mixSeed(seed, conv.index, 2));
  const n = conv.messageCount;
  const customer = participants.find((p) => p.kind === 'customer');
  const agents = participants.filter((p) => p.kind === 'agent');
  const span = conv.lastMs - conv.startMs;
  const epochs: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = n === 1 ? conv.lastMs : conv.startMs + Math.floor((span * i) / (n - 1));
    const prev = epochs[i - 1];
    if (prev !== undefined && i < n - 1 && rng.chance(0.17)) epochs.push(prev);
    else epochs.push(Math.max(prev ?? 0, i === n - 1 ? conv.lastMs : base + rng.int(0, 999)));
  }
  const out: UcMessage[] = [];
  for (let i = 0; i < n; i++) {
    const epoch = epochs[i] ?? conv.lastMs;
    const last = i === n - 1;
    const fromAgent = last
      ? conv.lastAuthor === 'agent'
      : i > 0 && (epoch === epochs[i - 1] || rng.chance(0.5));
    const agent =
      agents.find((a) => a.joinedMs <= epoch && (a.leftMs === undefined || a.leftMs >= epoch)) ?? agents[0];
    const author = fromAgent ? agent : customer;
    const body = last
      ? conv.lastBody
      : i === 0
        ? customerOpener(rng)
        : fromAgent
          ? agentLine(rng)
          : customerLine(rng);
    out.push({
      uuid: rng.uuid(),
      authorArn: author?.arn ?? '',
      authorName: author?.name ?? '',
      body,
      epoch,
      type: 'message',
      mediaUrls:
        !fromAgent && rng.chance(0.03) ? [`https://media.shop.example/conversation/${rng.hex(12)}.jpg`] : [],
      fromAgent: author?.kind === 'agent',
    });
  }
  return out;
}
