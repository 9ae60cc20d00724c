import type { ConversationEvent, FetchHandler } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { createRedisEventStore, type RedisEventStore } from '@parley/redis';
import { type RedisServer, startRedisServer } from '@parley/redis/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  liveClient,
  pause,
  positioned,
  type Recorded,
  record,
  registerWebhook,
  startWebhookServer,
  summary,
  until,
  type WebhookServer,
} from './__fixtures__/live-events.js';
import { senders } from './helpers.js';

// Live events shared through a real redis-server, as replicas share them: every subscription has
// its own client and its own connection (`createRedisEventStore({ url })`), and each test its own
// key prefix. Sunshine deliveries reach the replicas through the loopback webhook server; UltraCart
// is polled by whichever replica holds the lease.

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

for (const { sender, fetch } of senders)
  describe(`live events shared through Redis [${sender}]`, () => {
    let emulator: Emulator;
    let server: WebhookServer;
    let prefix = '';
    let tests = 0;
    const running: Recorded[] = [];
    const stores: RedisEventStore[] = [];
    const webhooks: string[] = [];

    beforeAll(async () => {
      emulator = await startEmulator({ seed: 29, webhookRetryBaseMs: 50 });
      server = await startWebhookServer();
    });
    beforeEach(() => {
      // A fresh prefix per test: the emulator (so the UltraCart account) is the same across tests.
      prefix = `${sender}-${++tests}:`;
    });
    afterEach(async () => {
      await emulator.webhooksSettled();
      emulator.setWebhookFaults(undefined);
      for (const id of webhooks.splice(0)) emulator.removeWebhook(id);
      for (const one of running.splice(0)) await one.subscription.close();
      for (const store of stores.splice(0)) await store.close();
    });
    afterAll(async () => {
      await emulator.close();
      await server.close();
    });

    /** A replica's own connection to the shared Redis. */
    const store = () => {
      const one = createRedisEventStore({ url: redis.url }, { prefix });
      stores.push(one);
      return one;
    };

    /** `n` replicas of a subscription on `provider`, each with its own client and Redis connection. */
    const replicas = (
      n: number,
      provider: 'ultracart' | 'sunshine',
      options: Parameters<typeof record>[1] = {},
    ) => {
      const handled: ConversationEvent[] = [];
      const requests = Array.from({ length: n }, () => [] as string[]);
      const list = requests.map((made) => {
        const recorded = record(liveClient(emulator, provider, { fetch, requests: made }), {
          ...options,
          store: store(),
          handled,
        });
        running.push(recorded);
        return recorded;
      });
      return { list, handled, requests };
    };

    const ids = (events: readonly ConversationEvent[]) => events.map((event) => event.id);

    it('Sunshine: four replicas receiving every delivery at once, each twice, handle each event exactly once', async () => {
      const { list, handled } = replicas(4, 'sunshine', { workMs: 30 });
      let calls = 0;
      let concurrent = 0;
      let mostConcurrent = 0;
      // In front of the replicas: every delivery is copied to all four at the same time.
      const fanOut: FetchHandler = async (request) => {
        const body = await request.text();
        const answers = await Promise.all(
          list.map(async ({ subscription }) => {
            calls++;
            mostConcurrent = Math.max(mostConcurrent, ++concurrent);
            const copy = new Request(request.url, { method: 'POST', headers: request.headers, body });
            const answer = await subscription.webhook(copy);
            concurrent--;
            return answer;
          }),
        );
        return answers.find((answer) => answer.status !== 200) ?? (answers[0] as Response);
      };
      server.route = fanOut;
      webhooks.push(registerWebhook(emulator, server.url));
      emulator.setWebhookFaults({ duplicate: 1 });
      const delivered = emulator.webhookDeliveries.length;
      const conversation = emulator.facts.sunshine.groupConversationId;
      const { activity } = emulator.sunshine;
      activity.customerTyping(conversation, 'start');
      const a = activity.customerMessage(conversation, 'one');
      activity.customerTyping(conversation, 'stop');
      const b = activity.customerMessage(conversation, 'two');
      activity.customerRead(conversation);
      await emulator.webhooksSettled();

      const deliveries = emulator.webhookDeliveries.slice(delivered);
      expect(deliveries).toHaveLength(10); // 5 events, each sent twice
      expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
      expect(calls).toBe(40);
      expect(mostConcurrent).toBe(4);
      expect(handled.map(summary)).toEqual([
        `typing.started ${conversation}`,
        `message.created ${conversation} ${a.text}`,
        `typing.stopped ${conversation}`,
        `message.created ${conversation} ${b.text}`,
        `conversation.read ${conversation}`,
      ]);
      expect(new Set(ids(handled)).size).toBe(5);
      // Each handler call was the only one for its event: 5 calls across the four replicas.
      expect(list.reduce((sum, one) => sum + one.attempts.length, 0)).toBe(5);
    });

    it('UltraCart: of four replicas one polls, and each event is handled exactly once', async () => {
      const from = emulator.requests.length;
      const { handled, requests } = replicas(4, 'ultracart');
      await positioned(emulator, from);
      const uc = emulator.facts.ultracart;
      const a = emulator.ultracart.activity.customerMessage(uc.joinedConversationUuid, 'one');
      const c = emulator.ultracart.activity.newConversation(undefined, 'two');
      await until(() => handled.some((event) => event.id === `message:${c.message.messageUuid}`));
      await pause(400);
      expect(ids(handled)).toEqual([
        `message:${a.messageUuid}`,
        `conversation:${c.conversationUuid}`,
        expect.stringMatching(`^participant:${c.conversationUuid}:`),
        `message:${c.message.messageUuid}`,
      ]);
      expect(requests.filter((made) => made.length > 0)).toHaveLength(1);
    });

    it('Sunshine: a replica closed during activity and restarted on the store handles exactly what it missed', async () => {
      const conversation = emulator.facts.sunshine.defaultConversationId;
      const [first] = replicas(1, 'sunshine').list;
      if (first === undefined) throw new Error('no replica');
      server.route = first.subscription.webhook;
      webhooks.push(registerWebhook(emulator, server.url));
      const before = emulator.sunshine.activity.customerMessage(conversation, 'before');
      await emulator.webhooksSettled();
      await first.subscription.close();
      // Closed: the next deliveries are answered 503, and the emulator (like Sunshine) retries them.
      const delivered = emulator.webhookDeliveries.length;
      const during = ['during 1', 'during 2'].map((text) =>
        emulator.sunshine.activity.customerMessage(conversation, text),
      );
      await until(
        () => emulator.webhookDeliveries.slice(delivered).filter((d) => d.status === 503).length >= 2,
      );
      const [second] = replicas(1, 'sunshine').list; // a new process: a new client and connection
      if (second === undefined) throw new Error('no replica');
      server.route = second.subscription.webhook;
      await emulator.webhooksSettled();
      expect(first.handled.map(summary)).toEqual([`message.created ${conversation} ${before.text}`]);
      expect(second.handled.map(summary).sort()).toEqual(
        during.map((m) => `message.created ${conversation} ${m.text}`).sort(),
      );
    });

    it('UltraCart: a replica closed during activity and restarted on the store delivers exactly what happened while it was down', async () => {
      const from = emulator.requests.length;
      const [first] = replicas(1, 'ultracart').list;
      if (first === undefined) throw new Error('no replica');
      await positioned(emulator, from);
      const conversation = emulator.facts.ultracart.joinedConversationUuid;
      const a = emulator.ultracart.activity.customerMessage(conversation, 'a');
      await until(() => first.handled.length === 1);
      await first.subscription.close();
      const b = emulator.ultracart.activity.customerMessage(conversation, 'b');
      const c = emulator.ultracart.activity.newConversation(undefined, 'c');
      const d = emulator.ultracart.activity.customerMessage(c.conversationUuid, 'd');
      const [second] = replicas(1, 'ultracart').list;
      if (second === undefined) throw new Error('no replica');
      await until(() => second.handled.length === 5);
      await pause(400);
      expect(ids(first.handled)).toEqual([`message:${a.messageUuid}`]);
      expect(ids(second.handled)).toEqual([
        `message:${b.messageUuid}`,
        `conversation:${c.conversationUuid}`,
        expect.stringMatching(`^participant:${c.conversationUuid}:`),
        `message:${c.message.messageUuid}`,
        `message:${d.messageUuid}`,
      ]);
    });

    it('UltraCart: two replicas on one account poll from one client; when it closes the other takes over, nothing lost or repeated', async () => {
      const from = emulator.requests.length;
      const { list, handled, requests } = replicas(2, 'ultracart');
      await positioned(emulator, from);
      await pause(300);
      const leader = requests.findIndex((made) => made.length > 0);
      const standby = 1 - leader;
      expect(requests[leader]?.length).toBeGreaterThan(2);
      expect(requests[standby]).toEqual([]);
      // Seeded conversations whose participants joined long ago: a conversation started in the
      // second the subscription started at would also report its customer's join.
      const uc = emulator.facts.ultracart;
      const x = emulator.ultracart.activity.customerMessage(uc.joinedConversationUuid, 'x');
      await until(() => handled.length >= 1);
      await list[leader]?.subscription.close();
      const afterClose = requests[leader]?.length;
      const y = emulator.ultracart.activity.customerMessage(x.conversationUuid, 'y');
      const z = emulator.ultracart.activity.customerMessage(uc.transferredConversationUuid, 'z');
      // The standby takes the lease once the leader gave it back (close releases it): within its TTL.
      await until(() => handled.length >= 3, 3_000);
      await pause(300);
      expect(ids(handled)).toEqual([x, y, z].map((m) => `message:${m.messageUuid}`));
      expect(requests[leader]?.length).toBe(afterClose);
      expect(requests[standby]?.length).toBeGreaterThan(0);
      expect(list[leader]?.attempts).toEqual([`message:${x.messageUuid}`]);
      expect(list[standby]?.attempts).toEqual([y, z].map((m) => `message:${m.messageUuid}`));
    });
  });
