import { Random } from '../random.js';
import { customerLine } from '../seed.js';
import { sunshineDate } from '../time.js';
import type { ScConversation, ScUser } from './model.js';
import type { SunshineStore } from './store.js';

/** A customer message that arrived as inbound activity. */
export interface SunshineMessageActivity {
  readonly conversationId: string;
  readonly messageId: string;
  /** The author (a member of the conversation). */
  readonly userId: string;
  readonly text: string;
  /** `received`, ISO-8601 UTC with milliseconds. */
  readonly receivedAt: string;
}

/** A customer's typing or read activity. */
export interface SunshineCustomerActivity {
  readonly conversationId: string;
  readonly userId: string;
  readonly type: 'typing:start' | 'typing:stop' | 'conversation:read';
  readonly at: string;
}

/** Which member acts (default the conversation's first member). */
export interface SunshineActivityOptions {
  readonly userId?: string;
}

/**
 * Inbound Sunshine activity, made to happen on demand: what a customer (an appUser, on the web
 * messenger) does, with the webhooks Sunshine sends for it (`conversation:message`,
 * `conversation:typing`, `conversation:read`, to every webhook listening).
 */
export interface SunshineActivity {
  /**
   * A customer sends `text` (default a random customer line) in a conversation (default a random
   * conversation of a seeded user): stored like a message posted by a user, with `source.type`
   * `web`, and sent as a `conversation:message` webhook.
   */
  customerMessage(
    conversationId?: string,
    text?: string,
    options?: SunshineActivityOptions,
  ): SunshineMessageActivity;
  /** A customer starts or stops typing: a `conversation:typing` webhook. */
  customerTyping(
    conversationId: string,
    typing: 'start' | 'stop',
    options?: SunshineActivityOptions,
  ): SunshineCustomerActivity;
  /** A customer reads the conversation (their unread count goes to 0): a `conversation:read` webhook. */
  customerRead(conversationId: string, options?: SunshineActivityOptions): SunshineCustomerActivity;
}

/** Inbound activity on a Sunshine store; random choices come from the seed. */
export function createSunshineActivity(
  store: SunshineStore,
  seed: number,
  now: () => number,
): SunshineActivity {
  const rng = new Random(seed, 778);
  const actor = (conv: ScConversation, options: SunshineActivityOptions): ScUser => {
    const user = options.userId === undefined ? conv.members[0] : store.user({ userId: options.userId });
    if (!user) throw new Error(`conversation ${conv.id} has no member`);
    return user;
  };
  const randomConversation = (): ScConversation => {
    // Users 1… are the ordinary seeded customers (user 0 is the power user).
    const users = store.users.slice(1, 11).filter((u) => u.conversations.length > 0);
    const user = users.length > 0 ? rng.pick(users) : undefined;
    const conv = user ? rng.pick(user.conversations) : undefined;
    if (!conv) throw new Error('no Sunshine conversation to write in');
    return conv;
  };
  const activity = (
    conversationId: string,
    type: SunshineCustomerActivity['type'],
    options: SunshineActivityOptions,
  ): SunshineCustomerActivity => {
    const conv = store.find(conversationId);
    const user = actor(conv, options);
    const at = now();
    store.customerActivity(conv, user, type, at);
    return { conversationId: conv.id, userId: user.id, type, at: sunshineDate(at) };
  };
  return {
    customerMessage(conversationId, text, options = {}) {
      const conv = conversationId === undefined ? randomConversation() : store.find(conversationId);
      const user = actor(conv, options);
      const body = text ?? customerLine(rng);
      const message = store.customerMessage(conv, user, body, now());
      return {
        conversationId: conv.id,
        messageId: message.id,
        userId: user.id,
        text: body,
        receivedAt: sunshineDate(message.receivedMs),
      };
    },
    customerTyping(conversationId, typing, options = {}) {
      if (typing !== 'start' && typing !== 'stop') throw new TypeError("typing must be 'start' or 'stop'");
      return activity(conversationId, typing === 'start' ? 'typing:start' : 'typing:stop', options);
    },
    customerRead: (conversationId, options = {}) => activity(conversationId, 'conversation:read', options),
  };
}
