import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConversationClient,
  type ConversationEvent,
  createMemoryEventStore,
  type EventSubscription,
  type MessageCreatedEvent,
  toNodeListener,
} from '@parley/core';

/**
 * A customer on the other side of the provider, who can be made to write. Only the demo's
 * emulator can do that (see `customers.ts`); the live section itself never names a provider.
 */
export interface LiveCustomer {
  /**
   * Resolves once a message written now will reach the subscription: a push provider is told to
   * post its webhooks to `webhookUrl`; a pull provider waits until the subscription has positioned
   * itself (a subscription starts from "now").
   */
  ready(webhookUrl: string, signal: AbortSignal): Promise<void>;
  /** Writes `text` in some conversation. */
  say(text: string): void;
  /** Undoes what `ready` set up. */
  disconnect(): void;
}

/** What the live section saw. */
export interface LiveSummary {
  /** The customer's message as the handler received it: `message.created <conversation> <role>: <text>`. */
  event?: string;
  /** Events the handler received in all (the one message, and whatever else the provider reported). */
  handled: number;
}

/** What the customer writes. */
export const LIVE_TEXT = 'Is my order on its way? (live)';

/** Waits until `done` holds, checking every 20 ms, for at most `ms`. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * The live part of the tour: subscribe with one handler (memory store), serve its webhook on a
 * loopback `node:http` server (push providers post there; pull providers poll and never call it),
 * have the customer write once, print the event when it arrives, and close.
 */
export async function runLive(
  client: ConversationClient,
  customer: LiveCustomer,
  options: { log?: (line: string) => void /** Default 10 s. */; timeoutMs?: number } = {},
): Promise<LiveSummary> {
  const log = options.log ?? (() => {});
  const received: ConversationEvent[] = [];
  let subscription: EventSubscription | undefined;
  const server = createServer(
    toNodeListener((request) =>
      subscription ? subscription.webhook(request) : Promise.resolve(new Response(null, { status: 503 })),
    ),
  );
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    // Asked before subscribing, so that whatever the subscription does first counts.
    const ready = customer.ready(webhookUrl, controller.signal);
    // Awaited below; this only keeps a failure before then from counting as unhandled.
    ready.catch(() => {});
    subscription = client.events.subscribe(
      (event) => {
        received.push(event);
      },
      { store: createMemoryEventStore(), pollIntervalMs: 100 },
    );
    await ready;
    const text = LIVE_TEXT;
    const sent = Date.now();
    customer.say(text);
    log(`live: subscribed; a customer writes "${text}"`);
    const isIt = (event: ConversationEvent): event is MessageCreatedEvent =>
      event.type === 'message.created' && event.message.text === text;
    await until(() => received.some(isIt), deadline - Date.now());
    const message = received.find(isIt);
    if (message === undefined) {
      log('live: the message did not arrive in time');
      return { handled: received.length };
    }
    const event = `${message.type} ${message.conversationId} ${message.message.author.role}: ${text}`;
    log(`live: ${event} (after ${Date.now() - sent} ms)`);
    return { event, handled: received.length };
  } finally {
    clearTimeout(timer);
    controller.abort();
    await subscription?.close();
    customer.disconnect();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
