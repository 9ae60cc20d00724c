// The data of the Acme Chat service: what it stores and answers, in its own JSON shapes (snake_case,
// epoch-millisecond timestamps). It knows nothing of Parley.

/** A participant as the service stores it. */
interface StoredParticipant {
  id: string;
  display_name: string;
  kind: 'agent' | 'customer' | 'bot';
  joined_at: number;
}

/** A message as the service stores it. */
export interface StoredMessage {
  id: string;
  conversation_id: string;
  author: { id: string; display_name: string; kind: 'agent' | 'customer' | 'bot' };
  body: string;
  sent_at: number;
}

/** A conversation as the service stores it (its messages are listed separately). */
export interface StoredConversation {
  id: string;
  subject: string | null;
  state: 'open' | 'closed';
  created_at: number;
  updated_at: number;
  participants: StoredParticipant[];
  message_count: number;
  /** A field the adapter does not read: wire schemas tolerate what a service adds. */
  priority: 'normal' | 'high';
}

/** How much data the service starts with. */
export interface SeedOptions {
  /** Default 7. */
  conversations?: number;
  /** Default 3. */
  messagesPerConversation?: number;
}

const START = Date.UTC(2025, 9, 7, 9, 0, 0);
const agent = { id: 'agent-1', display_name: 'Ada Agent', kind: 'agent' } as const;

/** The service's state, seeded deterministically: the same options give the same data. */
export class AcmeStore {
  readonly conversations = new Map<string, StoredConversation>();
  readonly messages = new Map<string, StoredMessage[]>();

  constructor(options: SeedOptions = {}) {
    const total = options.conversations ?? 7;
    const perConversation = options.messagesPerConversation ?? 3;
    for (let i = 1; i <= total; i++) {
      const id = `conv-${String(i).padStart(3, '0')}`;
      const created = START + i * 3_600_000;
      const customer = { id: `customer-${i}`, display_name: `Customer ${i}`, kind: 'customer' } as const;
      const messages: StoredMessage[] = [];
      for (let k = 0; k < perConversation; k++) {
        const author = k % 2 === 0 ? customer : agent;
        messages.push({
          id: `${id}-m${k + 1}`,
          conversation_id: id,
          author,
          body: k % 2 === 0 ? `Question ${k + 1} about order #${1000 + i}` : `Answer ${k + 1} from Ada`,
          sent_at: created + (k + 1) * 60_000,
        });
      }
      this.messages.set(id, messages);
      this.conversations.set(id, {
        id,
        subject: i % 3 === 0 ? null : `Order #${1000 + i}`,
        state: i % 4 === 0 ? 'closed' : 'open',
        created_at: created,
        updated_at: messages.at(-1)?.sent_at ?? created,
        participants: [
          { ...customer, joined_at: created },
          { ...agent, joined_at: created + 30_000 },
        ],
        message_count: messages.length,
        priority: i % 5 === 0 ? 'high' : 'normal',
      });
    }
  }

  /** Conversations newest first, those of `participant` only when given. */
  listConversations(participant: string | undefined): StoredConversation[] {
    return [...this.conversations.values()]
      .filter((c) => participant === undefined || c.participants.some((p) => p.id === participant))
      .sort((a, b) => b.created_at - a.created_at);
  }

  /** Appends a message from the agent; its time is now, and always after the previous message. */
  addMessage(conversation: StoredConversation, body: string): StoredMessage {
    const messages = this.messages.get(conversation.id) ?? [];
    const last = messages.at(-1)?.sent_at ?? conversation.created_at;
    const message: StoredMessage = {
      id: `${conversation.id}-m${messages.length + 1}`,
      conversation_id: conversation.id,
      author: agent,
      body,
      sent_at: Math.max(Date.now(), last + 1),
    };
    messages.push(message);
    this.messages.set(conversation.id, messages);
    conversation.message_count = messages.length;
    conversation.updated_at = message.sent_at;
    return message;
  }
}
