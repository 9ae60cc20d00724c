import { ConversationError, type ConversationEvent } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UltraCartApi } from './api.js';
import {
  MAX_TRACKED_CONVERSATIONS,
  pollUltraCartEvents,
  startUltraCartEvents,
  type UltraCartCheckpoint,
} from './events.js';
import { createUltraCartTransport } from './transport.js';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ seed: 11 });
});
afterEach(() => emulator.close());

const signal = new AbortController().signal;
const settings = { timeoutMs: 5_000, maxResponseBytes: 1 << 24, retry: { limit: 0, maxRetryAfterMs: 0 } };
/** The raw API on the emulator, without a budget. */
const emulatorApi = () =>
  new UltraCartApi(
    createUltraCartTransport(
      { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl, budget: false },
      settings,
    ),
  );
/** A poll whose checkpoint went through JSON, as the store keeps it. */
const poll = async (api: UltraCartApi, checkpoint: UltraCartCheckpoint) =>
  pollUltraCartEvents(api, JSON.parse(JSON.stringify(checkpoint)) as UltraCartCheckpoint, signal);
const summary = (event: ConversationEvent) => `${event.type} ${event.id}`;

describe('UltraCart event poll (against the emulator)', () => {
  it('counts a join from the same second as the start as history', async () => {
    const api = emulatorApi();
    const activity = emulator.ultracart.activity;
    const created = activity.newConversation(undefined, 'hello before the start');
    const { checkpoint: start } = await startUltraCartEvents(api, signal);
    const idle = await poll(api, start);
    const message = activity.customerMessage(created.conversationUuid, 'after the start');
    const moved = await poll(api, idle.checkpoint);
    expect(moved.events.map(summary)).toEqual([`message.created message:${message.messageUuid}`]);
  });

  it('starts from now, costs one request idle and three per moved conversation, in order', async () => {
    const api = emulatorApi();
    const activity = emulator.ultracart.activity;
    const before = activity.customerMessage(undefined, 'before the start');
    const { checkpoint: start, requests: startRequests } = await startUltraCartEvents(api, signal);
    // It counts what it sent: the three requests below.
    expect(startRequests).toBe(3);
    // One list page, then the messages of the newest listed second (a page, then an empty one).
    expect(emulator.requests.map((r) => r.path.replace(/.*\/conversation\//, ''))).toEqual([
      'conversations',
      `conversations/${before.conversationUuid}/messages/${start.at - 1}`,
      expect.stringMatching(`^conversations/${before.conversationUuid}/messages/`),
    ]);
    const idle = await poll(api, start);
    expect(idle).toMatchObject({ events: [], requests: 1 });

    const message = activity.customerMessage(before.conversationUuid, 'after the start');
    const moved = await poll(api, idle.checkpoint);
    expect(moved.requests).toBe(3); // the list page, a messages page, the empty page that ends it
    expect(moved.events.map(summary)).toEqual([`message.created message:${message.messageUuid}`]);
    expect(moved.events[0]).toMatchObject({
      provider: 'ultracart',
      conversationId: before.conversationUuid,
      occurredAt: message.sentAt,
      message: { id: message.messageUuid, text: 'after the start', sentAt: message.sentAt },
    });

    const started = activity.newConversation(undefined, 'hello, anyone?');
    const created = await poll(api, moved.checkpoint);
    expect(created.requests).toBe(3);
    expect(created.events.map(summary)).toEqual([
      `conversation.created conversation:${started.conversationUuid}`,
      expect.stringMatching(`^participant.joined participant:${started.conversationUuid}:`),
      `message.created message:${started.message.messageUuid}`,
    ]);
    expect(created.events[1]).toMatchObject({ participant: { id: started.customer.arn, role: 'unknown' } });
    const again = await poll(api, created.checkpoint);
    expect(again).toMatchObject({ events: [], requests: 1 });
  });

  it('delivers messages sharing a millisecond once each, within a poll and across polls', async () => {
    const api = emulatorApi();
    const activity = emulator.ultracart.activity;
    const { checkpoint: start } = await startUltraCartEvents(api, signal);
    const first = activity.customerMessage(undefined, 'one');
    const at = { at: first.messageEpoch };
    const second = activity.customerMessage(first.conversationUuid, 'two', at);
    const a = await poll(api, start);
    expect(a.events.map((e) => e.id)).toEqual([
      `message:${first.messageUuid}`,
      `message:${second.messageUuid}`,
    ]);
    const third = activity.customerMessage(first.conversationUuid, 'three', at);
    expect(third.messageEpoch).toBe(first.messageEpoch);
    const b = await poll(api, a.checkpoint);
    expect(b.events.map((e) => e.id)).toEqual([`message:${third.messageUuid}`]);
    expect((await poll(api, b.checkpoint)).events).toEqual([]);
  });

  it('reports participants from the summaries it reads anyway: a join shows with the next message', async () => {
    const api = emulatorApi();
    const { checkpoint: start } = await startUltraCartEvents(api, signal);
    const conversation = emulator.facts.ultracart.notJoinedConversationUuid;
    await api.joinConversation(conversation);
    const message = emulator.ultracart.activity.customerMessage(conversation, 'thanks for joining');
    const { events } = await poll(api, start);
    expect(events.map((e) => e.type)).toEqual(['participant.joined', 'message.created']);
    expect(events[0]).toMatchObject({ participant: { id: emulator.facts.ultracart.agent.arn } });
    expect(events[1]?.id).toBe(`message:${message.messageUuid}`);
  });

  it.each([
    // All at the newest instant: all tracked, and the next poll reads both list pages again.
    ['a second apart', 1000, MAX_TRACKED_CONVERSATIONS, 1],
    ['in the same second', 0, 130, 2],
  ])(
    'keeps the checkpoint bounded and pages the list only while entries are newer (130 new conversations %s)',
    async (_when, step, tracked, pages) => {
      const api = emulatorApi();
      const { checkpoint: start } = await startUltraCartEvents(api, signal);
      const base = Math.ceil(Date.now() / 1000) * 1000 + 1000;
      const made = Array.from({ length: 130 }, (_, i) =>
        emulator.ultracart.activity.newConversation(undefined, `n${i}`, { at: base + i * step }),
      );
      const result = await poll(api, start);
      // 50 + 200 listed (the second page ends in older entries), then two messages requests each.
      expect(result.requests).toBe(2 + 2 * made.length);
      const created = result.events
        .filter((e) => e.type === 'conversation.created')
        .map((e) => e.conversationId);
      expect(created).toEqual(made.map((c) => c.conversationUuid)); // oldest first
      expect(result.checkpoint.c).toHaveLength(tracked);
      expect(JSON.stringify(result.checkpoint).length).toBeLessThan(200 * tracked);
      // What the checkpoint forgot is still not delivered again.
      expect(await poll(api, result.checkpoint)).toMatchObject({ events: [], requests: pages });
    },
  );

  it('reads a checkpoint that a later version wrote with more fields', async () => {
    const api = emulatorApi();
    const { checkpoint: start } = await startUltraCartEvents(api, signal);
    const later = { ...start, added: 'by a later version', c: start.c.map((entry) => ({ ...entry, x: 1 })) };
    const result = await poll(api, later as UltraCartCheckpoint);
    expect(result.events).toEqual([]);
    expect(result.checkpoint.at).toBeGreaterThanOrEqual(start.at);
  });

  it('refuses a checkpoint it cannot read, saying how to start over', async () => {
    const error = await pollUltraCartEvents(emulatorApi(), { v: 2 } as never, signal).catch(
      (e: unknown) => e,
    );
    expect(ConversationError.isInstance(error) && error.code).toBe('invalid_config');
    expect(String(error)).toContain(':checkpoint');
  });
});

describe('UltraCart event poll (against a list in another order)', () => {
  /** A raw API whose list and messages are `conversations` and `messages`, counting requests. */
  const fake = (conversations: object[], messages: Record<string, object[]>) => {
    const calls: string[] = [];
    const api = {
      getConversations: async (query: { _offset?: number; _limit?: number }) => {
        calls.push(`list ${query._offset}`);
        const page = conversations.slice(query._offset ?? 0, (query._offset ?? 0) + (query._limit ?? 100));
        return { conversations: page };
      },
      getConversationMessages: async (uuid: string, since: number) => {
        calls.push(`messages ${uuid}`);
        return {
          conversation_messages: (messages[uuid] ?? []).filter(
            (m) => (m as { message_epoch: number }).message_epoch > since,
          ),
        };
      },
    } as unknown as UltraCartApi;
    return { api, calls };
  };
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace('.000Z', '+00:00');
  const ms = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);

  it('compares every listed entry with the checkpoint, not only the first', async () => {
    const listed = [
      { conversation_uuid: 'old', start_dts: at(1), last_message_dts: at(5), message_count: 1 },
      { conversation_uuid: 'moved', start_dts: at(2), last_message_dts: at(30), message_count: 2 },
    ];
    const m = (id: string, s: number) => ({ conversation_message_uuid: id, message_epoch: ms(s), body: id });
    const { api, calls } = fake(listed, { moved: [m('m1', 3), m('m2', 30)] });
    const checkpoint: UltraCartCheckpoint = { v: 1, at: ms(10), from: ms(10), c: [] };
    const result = await pollUltraCartEvents(api, checkpoint, signal);
    expect(result.events.map((e) => e.id)).toEqual(['message:m2']);
    expect(calls).toEqual(['list 0', 'messages moved', 'messages moved']);
    expect(result).toMatchObject({ requests: 3, checkpoint: { at: ms(30) } });
  });

  it('reads a conversation without message_count on every poll that lists it at the newest instant', async () => {
    const listed = [{ conversation_uuid: 'c', start_dts: at(1), last_message_dts: at(20) }];
    const { api } = fake(listed, { c: [] });
    const first = await pollUltraCartEvents(api, { v: 1, at: ms(20), from: ms(20), c: [] }, signal);
    expect(first.requests).toBe(2);
    expect((await pollUltraCartEvents(api, first.checkpoint, signal)).requests).toBe(2);
  });
});
