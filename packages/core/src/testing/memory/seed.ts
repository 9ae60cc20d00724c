import type { Conversation, Message, Participant, Queue } from '../../types/model.js';

/** Options of the in-memory provider's seed data. */
export interface MemorySeedOptions {
  /** How many conversations to start with. Default 12. */
  conversations?: number;
  /** Messages in each conversation. Default 5. */
  messagesPerConversation?: number;
}

const names = ['Ada Customer', 'Ben Buyer', 'Cleo Client', 'Dev Shopper', 'Eve Patron'];
const base = Date.UTC(2025, 9, 7, 18, 0, 0);

/** Deterministic conversations, messages and queues: the same options give the same data. */
export function seedMemory(options: MemorySeedOptions = {}) {
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  const total = options.conversations ?? 12;
  const perConversation = options.messagesPerConversation ?? 5;
  for (let index = 0; index < total; index++) {
    const id = `conv-${String(index + 1).padStart(4, '0')}`;
    const customerName = names[index % names.length] ?? 'Customer';
    const customer: Participant = {
      id: `user-${(index % names.length) + 1}`,
      name: customerName,
      role: 'customer',
      userId: `user-${(index % names.length) + 1}`,
      joinedAt: new Date(base + index * 60_000).toISOString(),
      raw: { seeded: true },
    };
    const agent: Participant = { id: 'agent-1', name: 'Sam Agent', role: 'agent', raw: { seeded: true } };
    const list: Message[] = [];
    for (let n = 0; n < perConversation; n++) {
      const author = n % 2 === 0 ? customer : agent;
      list.push({
        id: `${id}-msg-${n + 1}`,
        conversationId: id,
        author: {
          id: author.id,
          ...(author.name === undefined ? {} : { name: author.name }),
          role: author.role,
        },
        text: n % 2 === 0 ? `Question ${n / 2 + 1} from ${customerName}` : `Answer ${(n + 1) / 2} from Sam`,
        media: [],
        sentAt: new Date(base + index * 60_000 + n * 1_000).toISOString(),
        raw: { seeded: true },
      });
    }
    messages.set(id, list);
    const last = list.at(-1);
    conversations.set(id, {
      id,
      provider: 'memory',
      title: `Order question #${1000 + index}`,
      channel: index % 3 === 0 ? 'sms' : 'webchat',
      status: index % 5 === 4 ? 'closed' : 'open',
      createdAt: new Date(base + index * 60_000).toISOString(),
      ...(last === undefined ? {} : { lastActivityAt: last.sentAt }),
      unread: index % 2 === 0,
      messageCount: list.length,
      participants: [customer, agent],
      metadata: {},
      raw: { seeded: true },
    });
  }
  const queues: Queue[] = ['sales', 'support'].map((name) => ({
    name,
    agents: [{ id: 'agent-1', name: 'Sam Agent', status: 'unavailable' }],
    waiting: [{ name: 'Ada Customer', question: 'Where is my order?', since: new Date(base).toISOString() }],
    counts: { agents: 1, waiting: 1 },
    raw: { seeded: true },
  }));
  return { conversations, messages, queues };
}
