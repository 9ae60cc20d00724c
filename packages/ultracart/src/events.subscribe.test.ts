import {
  type ConversationClient,
  type ConversationEvent,
  createConversations,
  createMemoryEventStore,
  type EventStore,
} from '@parley/core';
import { type Emulator, type EmulatorOptions, startEmulator } from '@parley/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { ultracartAccount } from './account.js';
import { ultracart } from './adapter.js';
import type { UltraCartConfigInput } from './config.js';

// `client.events.subscribe` on UltraCart over real loopback HTTP against the emulator, on both
// senders. The poller's lease TTL and idle interval are lowered through the adapter's own config
// (`ultracart.events`), and the request budget is off unless a test is about pacing.

const SENDERS = [
  ['node:http', undefined],
  ['fetch', globalThis.fetch],
] as const;
const EVENTS = { leaseTtlMs: 600, maxIntervalMs: 200 };

let emulator: Emulator | undefined;
const running: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const one of running.splice(0)) await one.close();
  await emulator?.close();
  emulator = undefined;
});
const start = async (options: EmulatorOptions = {}) => {
  emulator = await startEmulator({ seed: 5, ...options });
  return emulator;
};

/** Waits until `condition` holds (checked every 10 ms), failing after `ms`. */
async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(SENDERS)('UltraCart live events over loopback [%s]', (_sender, fetch) => {
  /** A client of the emulator whose every request attempt is counted in `requests`. */
  const client = (em: Emulator, section: Partial<UltraCartConfigInput> = {}) => {
    const requests: string[] = [];
    const ultracartSection = {
      apiKey: em.ultracart.apiKey,
      baseUrl: em.ultracart.baseUrl,
      budget: false as const,
      events: EVENTS,
      ...section,
    };
    const c: ConversationClient = createConversations({
      adapters: [ultracart],
      config: { provider: 'ultracart', ultracart: ultracartSection },
      fetch,
      hooks: { onRequest: (request) => requests.push(request.operation) },
    });
    return { client: c, requests };
  };

  /** A running subscription; `handled` are the events its handler finished, in order. */
  const subscribe = (
    c: ConversationClient,
    store: EventStore,
    handled: ConversationEvent[] = [],
    options: { fail?: (event: ConversationEvent) => boolean; pollIntervalMs?: number } = {},
  ) => {
    const errors: unknown[] = [];
    const subscription = c.events.subscribe(
      (event) => {
        if (options.fail?.(event)) throw new Error(`handler failed on ${event.id}`);
        handled.push(event);
      },
      { store, pollIntervalMs: options.pollIntervalMs ?? 100, onError: (error) => errors.push(error) },
    );
    running.push(subscription);
    return { subscription, handled, errors };
  };

  /** Resolves once the store holds the account's checkpoint: the subscription started from "now". */
  const started = async (em: Emulator, store: EventStore) => {
    const key = `${await ultracartAccount(em.ultracart.baseUrl, em.ultracart.apiKey)}:checkpoint`;
    await until(async () => (await store.getCheckpoint(key)) !== undefined);
  };
  const ids = (events: readonly ConversationEvent[]) => events.map((e) => e.id);

  it('delivers a customer message and a new conversation made after the start, nothing from before', async () => {
    const em = await start();
    const store = createMemoryEventStore();
    const before = em.ultracart.activity.customerMessage(undefined, 'sent before the start');
    const { handled, errors } = subscribe(client(em).client, store);
    await started(em, store);
    const message = em.ultracart.activity.customerMessage(before.conversationUuid, 'after the start');
    const conversation = em.ultracart.activity.newConversation(undefined, 'hello there');
    await until(() => handled.some((e) => e.id === `message:${conversation.message.messageUuid}`));
    await pause(300); // a few more polls: nothing else arrives
    expect(ids(handled)).toEqual([
      `message:${message.messageUuid}`,
      `conversation:${conversation.conversationUuid}`,
      expect.stringMatching(/^participant:/),
      `message:${conversation.message.messageUuid}`,
    ]);
    expect(handled[0]).toMatchObject({ type: 'message.created', message: { text: 'after the start' } });
    expect(handled[1]).toMatchObject({ type: 'conversation.created', conversation: { channel: 'webchat' } });
    expect(errors).toEqual([]);
  });

  it('after a restart on the same store, delivers exactly what happened while it was down', async () => {
    const em = await start();
    const store = createMemoryEventStore();
    const handled: ConversationEvent[] = [];
    const first = subscribe(client(em).client, store, handled);
    await started(em, store);
    const conversation = em.facts.ultracart.joinedConversationUuid;
    const a = em.ultracart.activity.customerMessage(conversation, 'a');
    await until(() => handled.length === 1);
    await first.subscription.close();
    const b = em.ultracart.activity.customerMessage(conversation, 'b');
    const c = em.ultracart.activity.newConversation(undefined, 'c');
    const d = em.ultracart.activity.customerMessage(c.conversationUuid, 'd');
    subscribe(client(em).client, store, handled);
    await until(() => handled.length === 6);
    await pause(300);
    expect(ids(handled)).toEqual([
      `message:${a.messageUuid}`,
      `message:${b.messageUuid}`,
      `conversation:${c.conversationUuid}`,
      expect.stringMatching(`^participant:${c.conversationUuid}:`),
      `message:${c.message.messageUuid}`,
      `message:${d.messageUuid}`,
    ]);
  });

  it('polls from one client of two sharing a store; the other takes over with nothing lost or repeated', async () => {
    const em = await start();
    const store = createMemoryEventStore();
    const handled: ConversationEvent[] = [];
    const one = client(em);
    const two = client(em);
    const subscriptions = [subscribe(one.client, store, handled), subscribe(two.client, store, handled)];
    await started(em, store);
    await pause(500);
    const [leader, standby] = one.requests.length > 0 ? [0, 1] : [1, 0];
    const clients = [one, two];
    expect(clients[leader]?.requests.length).toBeGreaterThan(2);
    expect(clients[standby]?.requests).toEqual([]);
    const x = em.ultracart.activity.customerMessage(undefined, 'x');
    await until(() => handled.length === 1);
    await subscriptions[leader]?.subscription.close();
    const leaderRequests = clients[leader]?.requests.length;
    const y = em.ultracart.activity.customerMessage(x.conversationUuid, 'y');
    await until(() => (clients[standby]?.requests.length ?? 0) > 0, EVENTS.leaseTtlMs * 2);
    const z = em.ultracart.activity.customerMessage(undefined, 'z');
    await until(() => handled.length === 3);
    await pause(300);
    expect(ids(handled)).toEqual([x, y, z].map((m) => `message:${m.messageUuid}`));
    expect(clients[leader]?.requests.length).toBe(leaderRequests); // nothing after its close
    // Once both are closed, the emulator saw only the two clients' requests: the hooks count each
    // before it is sent, so a request a close cancelled on its way (one per client at most) may be
    // counted here and never arrive.
    for (const each of running.splice(0)) await each.close();
    const total = one.requests.length + two.requests.length;
    const arrived = em.requests.filter((r) => r.provider === 'ultracart').length;
    expect(arrived).toBeLessThanOrEqual(total);
    expect(arrived).toBeGreaterThanOrEqual(total - 2);
  });

  it('hands an event whose handler threw to the handler again, then once', async () => {
    const em = await start();
    const store = createMemoryEventStore();
    const attempts: string[] = [];
    let failed = false;
    const fail = (event: ConversationEvent) => {
      attempts.push(event.id);
      if (failed) return false;
      failed = true;
      return true;
    };
    const { handled, errors } = subscribe(client(em).client, store, [], { fail });
    await started(em, store);
    const m = em.ultracart.activity.customerMessage(undefined, 'first try fails');
    await until(() => handled.length === 1);
    await pause(400);
    expect(attempts).toEqual([`message:${m.messageUuid}`, `message:${m.messageUuid}`]);
    expect(ids(handled)).toEqual([`message:${m.messageUuid}`]);
    expect(String(errors[0])).toContain(`handler failed on message:${m.messageUuid}`);
  });

  it('delivers two messages of the same millisecond once each', async () => {
    const em = await start();
    const store = createMemoryEventStore();
    const { handled } = subscribe(client(em).client, store);
    await started(em, store);
    const one = em.ultracart.activity.customerMessage(undefined, 'one');
    const two = em.ultracart.activity.customerMessage(one.conversationUuid, 'two', { at: one.messageEpoch });
    await until(() => handled.length === 2);
    const three = em.ultracart.activity.customerMessage(one.conversationUuid, 'three', {
      at: one.messageEpoch,
    });
    await until(() => handled.length === 3);
    await pause(300);
    expect(new Set([one, two, three].map((m) => m.messageEpoch)).size).toBe(1);
    expect(ids(handled)).toEqual([one, two, three].map((m) => `message:${m.messageUuid}`));
  });

  it("never receives a 429 from UltraCart's rate limit while the budget paces it, which an unpaced poller does", async () => {
    // Emulated: 20 requests per hour, an hour every 5 s (4 requests/s drained). The client's budget
    // has the same rate in real time; the poller spends at most half of it.
    const timeScale = 720;
    const em = await start({ ultracart: { rateLimit: { perHour: 20, perDay: 1e6, timeScale } } });
    const perHour = 20 * timeScale;
    const paced = client(em, { budget: { perHour, perDay: perHour * 24 } });
    const store = createMemoryEventStore();
    const { handled, errors } = subscribe(paced.client, store);
    await started(em, store);
    const conversation = em.facts.ultracart.joinedConversationUuid;
    const began = Date.now();
    const sent: string[] = [];
    while (Date.now() - began < 4_000) {
      sent.push(`message:${em.ultracart.activity.customerMessage(conversation, 'busy').messageUuid}`);
      await pause(300);
    }
    await until(() => handled.length === sent.length, 8_000);
    expect(ids(handled)).toEqual(sent);
    expect(em.ultracart.rateLimit.refused).toBe(0);
    expect(errors).toEqual([]);
    // At most half the budget's rate (2/s) over the run, plus the start.
    const seconds = (Date.now() - began) / 1000;
    expect(paced.requests.length).toBeLessThanOrEqual(Math.ceil(seconds * 2) + 4);

    // The same limit refuses a poller that ignores it (no budget, 100 ms apart).
    for (const one of running.splice(0)) await one.close();
    em.ultracart.rateLimit.reset();
    const unpaced = client(em, { events: { ...EVENTS, maxIntervalMs: 100 } });
    subscribe(unpaced.client, createMemoryEventStore());
    await until(() => em.ultracart.rateLimit.refused > 0, 8_000);
  });
});
