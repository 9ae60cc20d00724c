import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConversationEvent,
  createConversations,
  createMemoryEventStore,
  type EventStore,
  toNodeListener,
} from '@parley/core';
import { EMULATED_WEBHOOK_TRIGGERS, type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sunshine } from '../adapter.js';
import { createWebhookHandler } from './webhook-handler.js';

// Sunshine's live events end to end, over real loopback HTTP: the client calls the emulator's
// Sunshine API (on the node:http sender and on fetch), the emulator POSTs its webhooks to a local
// node:http server running `toNodeListener(subscription.webhook)`, and the app's handler receives
// neutral events.

const SECRET = 'whsec-loopback-secret';

type Fetch = typeof globalThis.fetch;
const senders: [string, Fetch | undefined][] = [
  ['node:http sender', undefined],
  ['fetch sender', globalThis.fetch],
];

/** What a test looks at: type, conversation and, for messages, the text and author role. */
function summary(event: ConversationEvent): string {
  if (event.type === 'message.created')
    return `${event.type} ${event.conversationId} ${event.message.author.role}: ${event.message.text}`;
  return `${event.type} ${event.conversationId}`;
}

describe.each(senders)('Sunshine live events over loopback HTTP (%s)', (_sender, fetch) => {
  let emulator: Emulator;
  let server: Server;
  let target: string;
  // What the server hands each request to; each test mounts its own subscription(s).
  let route: (request: Request) => Promise<Response> = async () => new Response(null, { status: 404 });
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 11, webhookRetryBaseMs: 10 });
    server = createServer(toNodeListener((request) => route(request)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sunshine`;
  });

  afterEach(async () => {
    await emulator.webhooksSettled();
    emulator.setWebhookFaults(undefined);
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  afterAll(async () => {
    await emulator.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A client on the emulator with the webhook secret, as an app configures it. */
  function client() {
    return createConversations({
      adapters: [sunshine],
      config: {
        provider: 'sunshine',
        sunshine: {
          appId: emulator.sunshine.appId,
          keyId: emulator.sunshine.keyId,
          keySecret: emulator.sunshine.keySecret,
          baseUrl: emulator.sunshine.baseUrl,
          webhookSecret: SECRET,
        },
      },
      fetch,
    });
  }

  /** A subscription whose handler records what it received (and may fail first). */
  function subscribe(options: { store?: EventStore; fail?: (event: ConversationEvent) => boolean } = {}) {
    const app = client();
    const received: ConversationEvent[] = [];
    const subscription = app.events.subscribe(
      (event) => {
        if (options.fail?.(event)) throw new Error(`handler failed on ${event.id}`);
        received.push(event);
      },
      { store: options.store },
    );
    cleanups.push(() => subscription.close());
    return { app, subscription, received };
  }

  /** Registers an emulator webhook on the server, removed after the test. */
  function register(secret = SECRET) {
    const hook = emulator.addWebhook({ target, secret, triggers: [...EMULATED_WEBHOOK_TRIGGERS] });
    cleanups.push(() => emulator.removeWebhook(hook.id));
    return hook;
  }

  const deliveriesOf = (webhookId: string) =>
    emulator.webhookDeliveries.filter((delivery) => delivery.webhookId === webhookId);

  const customerId = () => emulator.facts.sunshine.users[1]?.id ?? emulator.facts.sunshine.powerUser.id;

  /** Conversation, two business messages, typing, read and a customer message. */
  async function activity(app: ReturnType<typeof client>): Promise<{ id: string; expected: string[] }> {
    const conversation = await app.conversations.create({
      type: 'personal',
      title: 'Live events',
      participants: [{ userId: customerId() }],
    });
    const id = conversation.id;
    await app.messages.send(id, { text: 'Hello from the desk' });
    await app.conversations.typing(id, 'start');
    await app.conversations.typing(id, 'stop');
    await app.messages.send(id, { text: 'Your parcel left today' });
    await app.conversations.markRead(id);
    emulator.sunshine.activity.customerMessage(id, 'Thanks, where is it now?');
    return {
      id,
      expected: [
        `conversation.created ${id}`,
        `message.created ${id} agent: Hello from the desk`,
        `typing.started ${id}`,
        `typing.stopped ${id}`,
        `message.created ${id} agent: Your parcel left today`,
        `conversation.read ${id}`,
        `message.created ${id} customer: Thanks, where is it now?`,
      ],
    };
  }

  it('hands the client’s and the customer’s activity to the handler as neutral events, each once, in order', async () => {
    const { app, subscription, received } = subscribe();
    route = subscription.webhook;
    const hook = register();
    const { id, expected } = await activity(app);
    await emulator.webhooksSettled();
    expect(received.map(summary)).toEqual(expected);
    expect(received.every((event) => event.provider === 'sunshine' && event.conversationId === id)).toBe(
      true,
    );
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length);
    expect(deliveriesOf(hook.id).map((delivery) => delivery.status)).toEqual(expected.map(() => 200));
  });

  it('handles each event once under the emulator’s duplicate-delivery fault', async () => {
    const { app, subscription, received } = subscribe();
    route = subscription.webhook;
    const hook = register();
    emulator.setWebhookFaults({ duplicate: 1 });
    const { expected } = await activity(app);
    await emulator.webhooksSettled();
    const duplicates = deliveriesOf(hook.id).filter((delivery) => delivery.duplicate);
    expect(duplicates).toHaveLength(expected.length);
    expect(duplicates.every((delivery) => delivery.status === 200)).toBe(true);
    expect(received.map(summary)).toEqual(expected);
  });

  it('handles each event once across two replicas sharing one store behind one URL, duplicates included', async () => {
    const store = createMemoryEventStore();
    const a = subscribe({ store });
    const b = subscribe({ store });
    // A load balancer: deliveries go a, b, b, a, b, b, … so each replica gets first tries and copies.
    let n = 0;
    route = (request) => (n++ % 3 === 0 ? a : b).subscription.webhook(request);
    register();
    emulator.setWebhookFaults({ duplicate: 1 });
    const { expected } = await activity(a.app);
    await emulator.webhooksSettled();
    expect(a.received.length).toBeGreaterThan(0);
    expect(b.received.length).toBeGreaterThan(0);
    const all = [...a.received, ...b.received];
    expect(new Set(all.map((event) => event.id)).size).toBe(expected.length);
    expect(all.map(summary).sort()).toEqual([...expected].sort());
  });

  it('retries a handler that failed (500) and then handles the event once', async () => {
    let failures = 1;
    const { app, subscription, received } = subscribe({
      fail: (event) => event.type === 'message.created' && failures-- > 0,
    });
    route = subscription.webhook;
    const hook = register();
    const { expected } = await activity(app);
    await emulator.webhooksSettled();
    // The retry comes later than the events after it (one event per envelope, as the emulator
    // sends): Sunshine promises no order across retries.
    expect(received.map(summary).sort()).toEqual([...expected].sort());
    const deliveries = deliveriesOf(hook.id);
    const failed = deliveries.filter((delivery) => delivery.status === 500);
    expect(failed).toHaveLength(1);
    const failedId = failed[0]?.eventIds[0];
    expect(
      deliveries.filter((delivery) => delivery.eventIds[0] === failedId).map((delivery) => delivery.status),
    ).toEqual([500, 200]);
    expect(received.filter((event) => event.id === failedId).map(summary)).toEqual([expected[1]]);
    expect(deliveries.filter((delivery) => delivery.status === 200)).toHaveLength(expected.length);
  });

  it('with a wrong secret on the emulator side, reaches no handler (401, not retried)', async () => {
    const { app, subscription, received } = subscribe();
    route = subscription.webhook;
    const hook = register('not-the-configured-secret');
    const { expected } = await activity(app);
    await emulator.webhooksSettled();
    expect(received).toEqual([]);
    const deliveries = deliveriesOf(hook.id);
    expect(deliveries).toHaveLength(expected.length);
    expect(deliveries.every((delivery) => delivery.status === 401 && delivery.attempt === 1)).toBe(true);
  });

  it('a subscription closed during activity answers 503; one restarted on the store receives the retries once', async () => {
    const store = createMemoryEventStore();
    const first = subscribe({ store });
    route = first.subscription.webhook;
    const hook = register();
    await first.subscription.close();
    const { expected } = await activity(first.app);
    const second = subscribe({ store });
    route = second.subscription.webhook;
    await emulator.webhooksSettled();
    expect(first.received).toEqual([]);
    expect(second.received.map(summary).sort()).toEqual([...expected].sort());
    expect(deliveriesOf(hook.id).some((delivery) => delivery.status === 503)).toBe(true);
  });

  it('serves createWebhookHandler the same way', async () => {
    const texts: string[] = [];
    route = createWebhookHandler({
      secret: SECRET,
      onEvent: (event) => {
        if (event.type === 'message.created' && event.message.text !== undefined)
          texts.push(event.message.text);
      },
    });
    register();
    emulator.setWebhookFaults({ duplicate: 1 });
    await activity(client());
    await emulator.webhooksSettled();
    expect(texts).toEqual(['Hello from the desk', 'Your parcel left today', 'Thanks, where is it now?']);
  });
});
