import { mixSeed, Random } from '../random.js';
import { agentLine, customerLine, customerOpener, personName } from '../seed.js';
import { SEED_ANCHOR_MS } from '../time.js';

/** A Sunshine user (the Users API is outside the reference; users exist only as seeded). */
export interface ScUser {
  readonly index: number;
  readonly id: string;
  readonly externalId: string;
  readonly name: string;
  /** The user's conversations in creation order (deleted ones are removed). */
  readonly conversations: ScConversation[];
}

/** A participant as stored. */
export interface ScParticipant {
  readonly id: string;
  readonly user: ScUser;
  unreadCount: number;
  readonly clientType: string;
  readonly clientId: string;
  lastReadMs?: number;
}

/** A message as stored; `content` is the wire content object. */
export interface ScMessage {
  readonly id: string;
  readonly receivedMs: number;
  readonly author: Record<string, unknown>;
  readonly content: Record<string, unknown>;
  readonly source: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

/** Flat metadata as Sunshine stores it. */
export type Metadata = Record<string, string | number | boolean>;

/** A conversation kept compact; participants and messages are generated on first use. */
export interface ScConversation {
  readonly index: number;
  readonly id: string;
  readonly type: 'personal' | 'sdkGroup';
  readonly isDefault: boolean;
  displayName?: string;
  description?: string;
  iconUrl?: string;
  metadata?: Metadata;
  businessLastReadMs?: number;
  lastUpdatedMs: number;
  readonly createdMs: number;
  readonly messageCount: number;
  readonly members: ScUser[];
  readonly switchboard: boolean;
  participants?: ScParticipant[];
  messages?: ScMessage[];
}

/** External id of the seeded user with the most conversations (for paging tests). */
export const POWER_USER_EXTERNAL_ID = 'parley-power-user';
/** How many conversations the power user has by default (`sunshinePowerUserConversations`). */
export const POWER_USER_CONVERSATIONS = 260;

/** `source` of what a customer sends from the web messenger (the seeded Web Widget integration). */
export const WEB_SOURCE: Readonly<Record<string, string>> = {
  type: 'web',
  integrationId: '5e6a7b8c9d0e1f2a3b4c5d6e',
};

/** A Mongo-ObjectId-like id: 8 hex digits of seconds, then 16 random hex digits. */
export function objectId(rng: Random, ms: number): string {
  return (
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8) + rng.hex(16)
  );
}

/** Seeded conversations at this index have more than 250 messages. */
function isLongHistory(index: number): boolean {
  return index % 9 === 4;
}

const AGENTS = ['Alex (Support)', 'Jordan (Billing)', 'Sam (Sales)'] as const;
const TOPICS = [
  'Order help',
  'Billing question',
  'Returns',
  'Product question',
  'Delivery',
  'Account',
] as const;
const CLIENTS = ['sdk', 'sdk', 'whatsapp', 'messenger', 'twilio'] as const;

/**
 * Seeded users and conversations. User 0 is the power user with `powerCount` conversations; the
 * rest share `count` conversations.
 */
export function seedSunshine(
  seed: number,
  count: number,
  powerCount = POWER_USER_CONVERSATIONS,
): { users: ScUser[]; conversations: ScConversation[] } {
  const rng = new Random(seed, 11);
  const userCount = Math.max(8, Math.ceil(count / 4) + 1);
  const users: ScUser[] = new Array(userCount);
  for (let i = 0; i < userCount; i++) {
    users[i] = {
      index: i,
      id: objectId(rng, SEED_ANCHOR_MS - 400 * 86_400_000 + i * 1000),
      externalId: i === 0 ? POWER_USER_EXTERNAL_ID : `customer-${String(i).padStart(5, '0')}`,
      name: i === 0 ? 'Pat Power' : personName(rng),
      conversations: [],
    };
  }
  const total = count + powerCount;
  const conversations: ScConversation[] = new Array(total);
  const hasPersonal = new Uint8Array(userCount);
  // Creation times run forward so ids (which start with the creation second) sort by age.
  let createdMs = SEED_ANCHOR_MS - total * 30 * 60_000;
  for (let index = 0; index < total; index++) {
    createdMs += rng.int(60_000, 59 * 60_000);
    const power =
      powerCount > 0 &&
      index % Math.max(1, Math.floor(total / powerCount)) === 0 &&
      countOf(users[0]) < powerCount;
    const owner = (power ? users[0] : users[1 + rng.int(0, userCount - 2)]) as ScUser;
    const group = !power && index % 5 === 2;
    const members = [owner];
    if (group) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        const other = users[1 + rng.int(0, userCount - 2)] as ScUser;
        if (!members.includes(other)) members.push(other);
      }
    }
    const isDefault = !group && hasPersonal[owner.index] === 0;
    if (!group) hasPersonal[owner.index] = 1;
    const messageCount = power ? rng.int(1, 4) : isLongHistory(index) ? rng.int(260, 400) : rng.int(1, 30);
    const conv: ScConversation = {
      index,
      id: objectId(rng, createdMs),
      type: group ? 'sdkGroup' : 'personal',
      isDefault,
      createdMs,
      lastUpdatedMs: createdMs + messageCount * rng.int(20_000, 120_000),
      messageCount,
      members,
      switchboard: rng.chance(0.8),
    };
    if (group) {
      conv.displayName = `${rng.pick(TOPICS)} (${members.length} people)`;
      conv.description = 'Group conversation created from the web widget';
      conv.iconUrl = `https://static.shop.example/icons/group-${rng.int(1, 6)}.png`;
    }
    if (rng.chance(0.5))
      conv.metadata = { 'zen:ticket_id': rng.int(10_000, 99_999), lang: 'en-US', vip: rng.chance(0.2) };
    if (rng.chance(0.6)) conv.businessLastReadMs = conv.lastUpdatedMs - rng.int(0, 3_600_000);
    conversations[index] = conv;
    for (const m of members) m.conversations.push(conv);
  }
  return { users, conversations };
}

function countOf(user: ScUser | undefined): number {
  return user?.conversations.length ?? 0;
}

/** Participants of a seeded conversation, one per member. */
export function generateParticipants(seed: number, conv: ScConversation): ScParticipant[] {
  const rng = new Random(mixSeed(seed, conv.index, 21));
  return conv.members.map((user) => {
    const p: ScParticipant = {
      id: objectId(rng, conv.createdMs),
      user,
      unreadCount: rng.chance(0.3) ? rng.int(1, 5) : 0,
      clientType: rng.pick(CLIENTS),
      clientId: objectId(rng, conv.createdMs),
    };
    if (p.unreadCount === 0) p.lastReadMs = conv.lastUpdatedMs;
    return p;
  });
}

/** Messages of a seeded conversation, oldest first. */
export function generateMessages(seed: number, conv: ScConversation, origin: string): ScMessage[] {
  const rng = new Random(mixSeed(seed, conv.index, 22));
  const n = conv.messageCount;
  const span = conv.lastUpdatedMs - conv.createdMs;
  const out: ScMessage[] = [];
  let prev = conv.createdMs;
  for (let i = 0; i < n; i++) {
    const receivedMs =
      i === n - 1
        ? conv.lastUpdatedMs
        : Math.max(prev, conv.createdMs + Math.floor((span * i) / n) + rng.int(0, 999));
    prev = receivedMs;
    const fromUser = i === 0 || rng.chance(0.5);
    const user = conv.members[rng.int(0, conv.members.length - 1)] as ScUser;
    const author: Record<string, unknown> = fromUser
      ? {
          type: 'user',
          userId: user.id,
          displayName: user.name,
          avatarUrl: 'https://www.gravatar.com/avatar/00000000000000000000000000000000.png?s=200&d=mm',
        }
      : {
          type: 'business',
          subtypes: ['agent'],
          displayName: rng.pick(AGENTS),
          avatarUrl: 'https://static.shop.example/agents/avatar.png',
        };
    let content: Record<string, unknown>;
    if (fromUser && i > 0 && rng.chance(0.04)) {
      const key = rng.hex(26).toUpperCase();
      content = {
        type: 'image',
        mediaUrl: `${origin}/sc/attachments/v2/seed/${key}/photo.png`,
        mediaType: 'image/png',
        mediaSize: rng.int(20_000, 900_000),
        altText: 'Photo from customer',
      };
    } else {
      content = {
        type: 'text',
        text: i === 0 ? customerOpener(rng) : fromUser ? customerLine(rng) : agentLine(rng),
      };
    }
    out.push({
      id: objectId(rng, receivedMs),
      receivedMs,
      author,
      content,
      source: fromUser ? { ...WEB_SOURCE } : { type: 'api:conversations' },
    });
  }
  return out;
}
