import { Random } from '../random.js';
import { customerLine, customerOpener, emailFor, personName, phoneNumber } from '../seed.js';
import { sunshineDate, ultracartDate } from '../time.js';
import { conversationArn, type UcMessage } from './model.js';
import type { UltraCartStore } from './store.js';

/** A customer message that arrived as inbound activity. */
export interface UltraCartMessageActivity {
  readonly conversationUuid: string;
  /** `conversation_message_uuid`. */
  readonly messageUuid: string;
  /** `message_epoch` (epoch milliseconds): what `GET …/messages/{since}` compares. */
  readonly messageEpoch: number;
  /** `message_dts` as UltraCart sends it (US Eastern offset, no fraction). */
  readonly messageDts: string;
  /** The same instant as ISO-8601 UTC with milliseconds. */
  readonly sentAt: string;
  readonly body: string;
  readonly authorArn: string;
  readonly authorName: string;
}

/** A conversation a customer started, as inbound activity. */
export interface UltraCartConversationActivity {
  readonly conversationUuid: string;
  readonly conversationArn: string;
  readonly medium: 'sms' | 'websocket';
  /** The queue's name (a webchat customer waits in its entries until the key's agent joins). */
  readonly queue: string;
  /** `start_dts` as ISO-8601 UTC with milliseconds. */
  readonly startedAt: string;
  readonly startEpoch: number;
  readonly customer: { readonly arn: string; readonly name: string };
  /** The customer's first message. */
  readonly message: UltraCartMessageActivity;
}

/** Options of {@link UltraCartActivity.customerMessage}. */
export interface UltraCartMessageOptions {
  /**
   * When it arrives, in epoch milliseconds (default now). Never earlier than the conversation's
   * last message: pass that message's epoch to make two messages share a millisecond.
   */
  readonly at?: number;
}

/** Options of {@link UltraCartActivity.newConversation}. */
export interface UltraCartConversationOptions {
  /** `websocket` (webchat, the default) or `sms`. */
  readonly medium?: 'sms' | 'websocket';
  /** The customer's name (default a seeded random one). */
  readonly customerName?: string;
  /** When it starts, in epoch milliseconds (default now). */
  readonly at?: number;
}

/**
 * Inbound UltraCart activity, made to happen on demand: what a customer does arrives in the
 * emulator's data and shows through the REST calls as UltraCart shows it (UltraCart pushes
 * nothing to API clients: they see it by polling).
 */
export interface UltraCartActivity {
  /**
   * A customer message arrives in a conversation (default: a random open one near the top of the
   * list) with `text` (default a random customer line). The conversation's `last_message_dts`,
   * `message_count`, `unread_messages` and last message move, it comes first in the list, and
   * `GET …/messages/{since}` returns the message for any `since` before its epoch.
   */
  customerMessage(
    conversationUuid?: string,
    text?: string,
    options?: UltraCartMessageOptions,
  ): UltraCartMessageActivity;
  /**
   * A customer starts a conversation in `queue` (a queue name or uuid; default a random queue)
   * with a first message `text` (default a random opener). It comes first in the conversation list.
   */
  newConversation(
    queue?: string,
    text?: string,
    options?: UltraCartConversationOptions,
  ): UltraCartConversationActivity;
}

/** Inbound activity on an UltraCart store; random choices come from the seed. */
export function createUltraCartActivity(
  store: UltraCartStore,
  seed: number,
  now: () => number,
): UltraCartActivity {
  const rng = new Random(seed, 777);
  const messageActivity = (conversationUuid: string, m: UcMessage): UltraCartMessageActivity => ({
    conversationUuid,
    messageUuid: m.uuid,
    messageEpoch: m.epoch,
    messageDts: ultracartDate(m.epoch),
    sentAt: sunshineDate(m.epoch),
    body: m.body,
    authorArn: m.authorArn,
    authorName: m.authorName,
  });
  return {
    customerMessage(conversationUuid, text, options = {}) {
      let conv = conversationUuid === undefined ? undefined : store.find(conversationUuid);
      if (!conv) {
        const open = store.recentOpen(20);
        conv = open.length > 0 ? rng.pick(open) : store.seeded[0];
        if (!conv) throw new Error('no UltraCart conversation to write in');
      }
      const message = store.customerMessage(conv, text ?? customerLine(rng), options.at ?? now());
      return messageActivity(conv.uuid, message);
    },
    newConversation(queue, text, options = {}) {
      const index =
        queue === undefined
          ? rng.int(0, store.queues.length - 1)
          : store.queues.findIndex((q) => q.name === queue || q.uuid === queue);
      const found = store.queues[index];
      if (!found) throw new RangeError(`no UltraCart queue ${queue ?? ''}`);
      const medium = options.medium ?? 'websocket';
      const name = options.customerName ?? personName(rng);
      const contact = medium === 'sms' ? { phone: phoneNumber(rng) } : { email: emailFor(rng, name) };
      const conv = store.customerConversation({
        queue: index,
        medium,
        name,
        ...contact,
        body: text ?? customerOpener(rng),
        at: options.at ?? now(),
      });
      const first = conv.messages?.[0];
      const customer = conv.participants?.[0];
      if (!first || !customer) throw new Error('new conversation without its first message');
      return {
        conversationUuid: conv.uuid,
        conversationArn: conversationArn(conv.uuid),
        medium,
        queue: found.name,
        startedAt: sunshineDate(conv.startMs),
        startEpoch: conv.startMs,
        customer: { arn: customer.arn, name: customer.name },
        message: messageActivity(conv.uuid, first),
      };
    },
  };
}
