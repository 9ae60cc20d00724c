import { ConversationError, type ConversationEvent } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  liveClient,
  pause,
  positioned,
  type Recorded,
  record,
  registerWebhook,
  SECRET,
  startWebhookServer,
  summary,
  until,
  type WebhookServer,
} from './__fixtures__/live-events.js';
import { senders } from './helpers.js';

// `client.events.subscribe` end to end on the emulator, one handler for both providers: Sunshine
// pushes webhooks to a loopback node:http server serving `subscription.webhook`, UltraCart is
// polled by the subscription (on each of the client's senders). The same kind of activity, a
// customer writing, goes through the emulator's activity API on both.

for (const { sender, fetch } of senders)
  describe(`live events, push and pull [${sender}]`, () => {
    let emulator: Emulator;
    let server: WebhookServer;
    const running: Recorded[] = [];
    const webhooks: string[] = [];

    beforeAll(async () => {
      emulator = await startEmulator({ seed: 23, webhookRetryBaseMs: 20 });
      server = await startWebhookServer();
    });
    afterEach(async () => {
      await emulator.webhooksSettled();
      for (const id of webhooks.splice(0)) emulator.removeWebhook(id);
      for (const one of running.splice(0)) await one.subscription.close();
    });
    afterAll(async () => {
      await emulator.close();
      await server.close();
    });

    /** A Sunshine subscription mounted on the server, with the emulator posting to it. */
    const pushSubscription = (options: Parameters<typeof record>[1] = {}, secret = SECRET) => {
      const recorded = record(liveClient(emulator, 'sunshine', { fetch }), options);
      running.push(recorded);
      server.route = recorded.subscription.webhook;
      webhooks.push(registerWebhook(emulator, server.url, secret));
      return recorded;
    };

    /** An UltraCart subscription, once it has positioned itself at "now". */
    const pullSubscription = async (
      options: Parameters<typeof record>[1] = {},
      clientOptions: Parameters<typeof liveClient>[2] = {},
    ) => {
      const from = emulator.requests.length;
      const recorded = record(liveClient(emulator, 'ultracart', { fetch, ...clientOptions }), options);
      running.push(recorded);
      return { recorded, ready: () => positioned(emulator, from) };
    };

    /**
     * Each conversation's events as summaries, conversations named by the activity's own labels:
     * what both providers must agree on (ids and role differ; the order across conversations is
     * not promised by either).
     */
    const byConversation = (events: readonly ConversationEvent[], names: Record<string, string>) => {
      const out: Record<string, string[]> = {};
      for (const event of events) {
        const name = names[event.conversationId ?? ''] ?? `other:${event.conversationId}`;
        const line = summary(event).replace(event.conversationId ?? '-', name);
        out[name] = [...(out[name] ?? []), line];
      }
      return out;
    };

    const said = [
      ['X', 'Where is my parcel?'],
      ['X', 'It was due on Monday.'],
      ['Y', 'Can I change the delivery address?'],
    ] as const;
    const expected = {
      X: ['message.created X Where is my parcel?', 'message.created X It was due on Monday.'],
      Y: ['message.created Y Can I change the delivery address?'],
    };

    it('delivers the same neutral events for the same customer activity, by webhook and by polling', async () => {
      const push = pushSubscription();
      const pull = await pullSubscription();
      await pull.ready();
      const uc = emulator.facts.ultracart;
      const sc = emulator.facts.sunshine;
      const other = [uc.smsConversationUuid, uc.webchatConversationUuid, uc.notJoinedConversationUuid];
      const ultracartIds = {
        X: uc.joinedConversationUuid,
        Y: other.find((id) => id !== uc.joinedConversationUuid) ?? '',
      };
      const sunshineIds = { X: sc.defaultConversationId, Y: sc.groupConversationId };
      for (const [conversation, text] of said) {
        emulator.ultracart.activity.customerMessage(ultracartIds[conversation], text);
        emulator.sunshine.activity.customerMessage(sunshineIds[conversation], text);
      }
      await emulator.webhooksSettled();
      await until(() => pull.recorded.handled.length >= said.length);
      await pause(400); // a few more polls: nothing else arrives
      const names = (ids: Record<string, string>) =>
        Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      expect(byConversation(push.handled, names(sunshineIds))).toEqual(expected);
      expect(byConversation(pull.recorded.handled, names(ultracartIds))).toEqual(expected);
      for (const [events, provider] of [
        [push.handled, 'sunshine'],
        [pull.recorded.handled, 'ultracart'],
      ] as const) {
        expect(events.every((event) => event.provider === provider)).toBe(true);
        expect(new Set(events.map((event) => event.id)).size).toBe(said.length);
        for (const event of events)
          expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      expect([...push.errors, ...pull.recorded.errors]).toEqual([]);
    });

    it('Sunshine: a webhook with a wrong secret reaches no handler (401, never retried)', async () => {
      const push = pushSubscription({}, 'not-the-configured-secret');
      const delivered = emulator.webhookDeliveries.length;
      emulator.sunshine.activity.customerMessage(emulator.facts.sunshine.defaultConversationId, 'hello?');
      emulator.sunshine.activity.customerTyping(emulator.facts.sunshine.defaultConversationId, 'start');
      await emulator.webhooksSettled();
      const deliveries = emulator.webhookDeliveries.slice(delivered);
      expect(deliveries.map((d) => [d.status, d.attempt])).toEqual([
        [401, 1],
        [401, 1],
      ]);
      // Without any X-API-Key, or with a near miss, the same.
      const body = JSON.stringify({ app: { id: emulator.sunshine.appId }, webhook: { id: 'w' }, events: [] });
      for (const headers of [{}, { 'x-api-key': `${SECRET}x` }, { 'x-api-key': SECRET.slice(0, -1) }]) {
        const response = await globalThis.fetch(server.url, { method: 'POST', headers, body });
        expect(response.status).toBe(401);
      }
      expect(push.attempts).toEqual([]);
      expect(push.handled).toEqual([]);
    });

    it('UltraCart: a wrong API key reaches no handler; the poller reports unauthorized', async () => {
      const requests: string[] = [];
      const { recorded } = await pullSubscription({}, { apiKey: 'not-the-key', requests });
      await until(() => recorded.errors.length > 0);
      emulator.ultracart.activity.customerMessage(undefined, 'anyone there?');
      await pause(300);
      const [error] = recorded.errors;
      expect(ConversationError.isInstance(error) && error.code).toBe('unauthorized');
      expect(JSON.stringify(recorded.errors.map(String))).not.toContain(emulator.ultracart.apiKey);
      expect(recorded.attempts).toEqual([]);
      expect(requests.length).toBeGreaterThan(0);
    });

    it('Sunshine: a handler that throws answers 500, and the retry is handled once', async () => {
      let failures = 1;
      const push = pushSubscription({ fail: (event) => event.type === 'message.created' && failures-- > 0 });
      const delivered = emulator.webhookDeliveries.length;
      const conversation = emulator.facts.sunshine.groupConversationId;
      const m = emulator.sunshine.activity.customerMessage(conversation, 'first try fails');
      emulator.sunshine.activity.customerRead(conversation);
      await emulator.webhooksSettled();
      const deliveries = emulator.webhookDeliveries.slice(delivered);
      const first = deliveries[0]?.eventIds[0];
      expect(deliveries.filter((d) => d.eventIds[0] === first).map((d) => d.status)).toEqual([500, 200]);
      expect(push.attempts.filter((id) => id === first)).toHaveLength(2);
      expect(push.handled.map(summary).sort()).toEqual(
        [`message.created ${conversation} ${m.text}`, `conversation.read ${conversation}`].sort(),
      );
      expect(push.errors).toHaveLength(1);
    });

    it('UltraCart: a handler that throws is polled again, and the event is handled once', async () => {
      let failures = 1;
      const pull = await pullSubscription({ fail: () => failures-- > 0 });
      await pull.ready();
      const m = emulator.ultracart.activity.customerMessage(undefined, 'first try fails');
      await until(() => pull.recorded.handled.length === 1);
      await pause(300);
      const id = `message:${m.messageUuid}`;
      expect(pull.recorded.attempts).toEqual([id, id]);
      expect(pull.recorded.handled.map((event) => event.id)).toEqual([id]);
      expect(String(pull.recorded.errors[0])).toContain(`handler failed on ${id}`);
    });
  });
