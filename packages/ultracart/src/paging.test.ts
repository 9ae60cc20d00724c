import { createConversations } from '@parley/core';
import { encodeCursor } from '@parley/core/provider';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import {
  answer,
  BASE,
  testClient as client,
  codeOf,
  failure,
  JSON_HEADERS,
  testApi,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { ultracart } from './adapter.js';
import { decodeMessageState, encodeMessageState, hashId, listConversationsPage } from './paging.js';

useNock();

const summaries = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ conversation_uuid: `c${from + i}`, medium: 'websocket' }));

describe('conversations.list: offset paging', () => {
  it('walks 3 pages with _limit/_offset from metadata.result_set and stops when more is false', async () => {
    const page = (offset: number, count: number, more: boolean) => ({
      success: true,
      conversations: summaries(offset, count),
      metadata: {
        result_set: { count, limit: 2, more, next_offset: offset + count, offset, total_records: 5 },
      },
    });
    const path = `${BASE}/conversation/conversations`;
    const seen = [
      answer(
        ultracartHost().get(path).query({ medium: 'websocket', _limit: '2', _offset: '0' }),
        200,
        page(0, 2, true),
      ),
      answer(
        ultracartHost().get(path).query({ medium: 'websocket', _limit: '2', _offset: '2' }),
        200,
        page(2, 2, true),
      ),
      answer(
        ultracartHost().get(path).query({ medium: 'websocket', _limit: '2', _offset: '4' }),
        200,
        page(4, 1, false),
      ),
    ];
    const ids: string[] = [];
    for await (const conversation of client().conversations.list({ limit: 2, channel: 'webchat' }))
      ids.push(conversation.id);
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(seen.map((requests) => requests.length)).toEqual([1, 1, 1]);
  });

  it('resumes from a serialised cursor in a new client', async () => {
    const path = `${BASE}/conversation/conversations`;
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '0' }), 200, {
      conversations: summaries(0, 2),
      metadata: { result_set: { more: true, next_offset: 2 } },
    });
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '2' }), 200, {
      conversations: summaries(2, 1),
      metadata: { result_set: { more: false } },
    });
    const first = await client().conversations.list({ limit: 2 });
    expect(first.hasMore).toBe(true);
    const cursor = JSON.parse(JSON.stringify(first.nextCursor)) as string;
    const second = await client().conversations.list({ limit: 2, cursor });
    expect(second.items.map((c) => c.id)).toEqual(['c2']);
    expect(second.hasMore).toBe(false);
  });

  it('uses the largest page (200) when no limit is given', async () => {
    const seen = answer(
      ultracartHost().get(`${BASE}/conversation/conversations`).query({ _limit: '200', _offset: '0' }),
      200,
      { conversations: [], metadata: { result_set: { more: false } } },
    );
    expect((await client().conversations.list()).items).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('hands over the next offset with the page: the next page is requested while the caller is on the first item', async () => {
    const path = `${BASE}/conversation/conversations`;
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '0' }), 200, {
      conversations: summaries(0, 2),
      metadata: { result_set: { more: true, next_offset: 2 } },
    });
    const second = answer(ultracartHost().get(path).query({ _limit: '2', _offset: '2' }), 200, {
      conversations: summaries(2, 1),
      metadata: { result_set: { more: false } },
    });
    const ids: string[] = [];
    for await (const conversation of client().conversations.list({ limit: 2 })) {
      if (ids.length === 0) await vi.waitFor(() => expect(second).toHaveLength(1));
      ids.push(conversation.id);
    }
    expect(ids).toEqual(['c0', 'c1', 'c2']);
  });

  it('lists every page through a fetch that answers at once (a test double, a cache)', async () => {
    // Answered without I/O, the page handed over early is loaded in full while page 1 is mapped.
    const offsets: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const offset = Number(new URL(new Request(input, init).url).searchParams.get('_offset'));
      offsets.push(String(offset));
      const count = Math.min(2, 5 - offset);
      const result_set = { count, limit: 2, more: offset + count < 5, next_offset: offset + count, offset };
      return Response.json({
        success: true,
        conversations: summaries(offset, count),
        metadata: { result_set },
      });
    };
    const instant = createConversations({
      adapters: [ultracart],
      config: { provider: 'ultracart', ultracart: { apiKey: 'uc-instant-key', budget: false } },
      fetch,
    });
    const seen: string[] = [];
    for await (const item of instant.conversations.list({ limit: 2 })) seen.push(item.id);
    expect(seen).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(offsets).toEqual(['0', '2', '4']);
  });

  it('hands the next offset over before it reads the summaries, and gives it only when the page leads on', async () => {
    const path = `${BASE}/conversation/conversations`;
    const api = testApi();
    const handed: string[] = [];
    const onNextCursor = async (next: string) => {
      handed.push(next);
    };
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '4' }), 200, {
      conversations: summaries(4, 2),
      metadata: { result_set: { more: true, next_offset: 6 } },
    });
    const page = await listConversationsPage(api, { limit: 2, cursor: '4' }, { onNextCursor });
    expect(handed).toEqual(['6']);
    expect(page.nextCursor).toBe('6');
    // The last page, and a next_offset that does not move forward, hand nothing over.
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '6' }), 200, {
      conversations: summaries(6, 1),
      metadata: { result_set: { more: false } },
    });
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '8' }), 200, {
      conversations: summaries(8, 2),
      metadata: { result_set: { more: true, next_offset: 8 } },
    });
    expect(
      (await listConversationsPage(api, { limit: 2, cursor: '6' }, { onNextCursor })).nextCursor,
    ).toBeUndefined();
    expect(await codeOf(listConversationsPage(api, { limit: 2, cursor: '8' }, { onNextCursor }))).toBe(
      'invalid_response',
    );
    expect(handed).toEqual(['6']);
  });

  it('a broken summary after the next offset was handed over still fails with its path', async () => {
    const path = `${BASE}/conversation/conversations`;
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '0' }), 200, {
      conversations: [{ conversation_uuid: 'c0' }, { conversation_uuid: 7 }],
      metadata: { result_set: { more: true, next_offset: 2 } },
    });
    // Requested early, then cancelled: whether it leaves before the cancel is the event loop's call.
    ultracartHost().get(path).query({ _limit: '2', _offset: '2' }).optionally().reply(200, {});
    const iterate = async () => {
      for await (const _ of client().conversations.list({ limit: 2 }));
    };
    const error = await failure(iterate);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('conversations[1].conversation_uuid');
  });

  it('without a result set, a full page means there may be more (inferred fallback)', async () => {
    const path = `${BASE}/conversation/conversations`;
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '0' }), 200, {
      conversations: summaries(0, 2),
    });
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '2' }), 200, {
      conversations: summaries(2, 1),
    });
    const ids: string[] = [];
    for await (const c of client().conversations.list({ limit: 2 })) ids.push(c.id);
    expect(ids).toEqual(['c0', 'c1', 'c2']);
  });

  it('without more, total_records decides whether another page exists', async () => {
    const path = `${BASE}/conversation/conversations`;
    answer(ultracartHost().get(path).query({ _limit: '2', _offset: '0' }), 200, {
      conversations: summaries(0, 2),
      metadata: { result_set: { total_records: 2 } },
    });
    const page = await client().conversations.list({ limit: 2 });
    expect(page.hasMore).toBe(false);
  });

  it('a next_offset that does not move forward is invalid_response, not an endless loop', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/conversations`).query(true), 200, {
      conversations: summaries(0, 2),
      metadata: { result_set: { more: true, next_offset: 0, offset: 0 } },
    });
    expect(await codeOf(client().conversations.list({ limit: 2 }))).toBe('invalid_response');
  });

  it('refuses a cursor from another provider, a forged one, or a state it cannot have produced, before any request', async () => {
    const scope = `conversations?${JSON.stringify([undefined, undefined, undefined])}`;
    const foreign = encodeCursor({ provider: 'sunshine', scope, state: '2' });
    expect(await codeOf(client().conversations.list({ cursor: foreign }))).toBe('invalid_request');
    expect(await codeOf(client().conversations.list({ cursor: 'pc1.forged.0' }))).toBe('invalid_request');
    const badState = encodeCursor({ provider: 'ultracart', scope, state: '-4' });
    expect(await codeOf(client().conversations.list({ cursor: badState }))).toBe('invalid_request');
    const messagesState = encodeCursor({ provider: 'ultracart', scope, state: 'a10~x' });
    expect(await codeOf(client().conversations.list({ cursor: messagesState }))).toBe('invalid_request');
  });

  it('refuses user filters UltraCart cannot apply instead of listing everyone', async () => {
    expect(await codeOf(client().conversations.list({ userId: 'u1' }))).toBe('invalid_request');
  });
});

interface FakeMessage {
  id: string;
  epoch: number;
}

/**
 * A fake `getConversationMessages`: the oldest `limit` messages after `since` (inclusive or
 * exclusive), with messages of one millisecond in a different order on every call.
 */
function serveMessages(messages: FakeMessage[], inclusive: boolean) {
  const requests: { since: number; limit: number }[] = [];
  ultracartHost()
    .get(/\/rest\/v2\/conversation\/conversations\/c1\/messages\/\d+/)
    .query(true)
    .times(1000)
    .reply((uri) => {
      const url = new URL(uri, 'https://x');
      const since = Number(url.pathname.split('/').pop());
      const limit = Number(url.searchParams.get('limit') ?? 100);
      requests.push({ since, limit });
      const shuffle = requests.length % 2 === 0 ? -1 : 1;
      const matching = messages
        .filter((m) => (inclusive ? m.epoch >= since : m.epoch > since))
        .sort((a, b) => a.epoch - b.epoch || shuffle * a.id.localeCompare(b.id))
        .slice(0, limit)
        .map((m) => ({ conversation_message_uuid: m.id, message_epoch: m.epoch, body: m.id }));
      return [200, JSON.stringify({ success: true, conversation_messages: matching }), JSON_HEADERS];
    });
  return requests;
}

// Several messages share a millisecond, across page boundaries.
const MESSAGES: FakeMessage[] = [
  { id: 'm01', epoch: 1000 },
  { id: 'm02', epoch: 1000 },
  { id: 'm03', epoch: 1000 },
  { id: 'm04', epoch: 1001 },
  { id: 'm05', epoch: 1005 },
  { id: 'm06', epoch: 1005 },
  { id: 'm07', epoch: 1005 },
  { id: 'm08', epoch: 1005 },
  { id: 'm09', epoch: 1005 },
  { id: 'm10', epoch: 1009 },
];
const ALL = MESSAGES.map((m) => m.id);

async function collect(list: AsyncIterable<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of list) ids.push(item.id);
  return ids;
}

describe('messages.list: since paging', () => {
  for (const inclusive of [true, false])
    for (const limit of [1, 2, 3, 200])
      it(`loses and repeats nothing when messages share a millisecond (since ${inclusive ? 'inclusive' : 'exclusive'}, limit ${limit})`, async () => {
        const requests = serveMessages(MESSAGES, inclusive);
        const ids = await collect(client().messages.list('c1', { limit }));
        expect([...ids].sort()).toEqual(ALL);
        expect(new Set(ids).size).toBe(ids.length);
        expect(requests[0]?.since).toBe(0);
        // Oldest first: the epochs never go back.
        const epochs = ids.map((id) => MESSAGES.find((m) => m.id === id)?.epoch ?? -1);
        expect([...epochs].sort((a, b) => a - b)).toEqual(epochs);
        // Nothing loops: the listing ends soon after the last message.
        expect(requests.length).toBeLessThan(ALL.length * 2 + 4);
        nock.cleanAll(); // the fake server's spare repetitions are not pending requests
      });

  it('starts after `since` and stops at the first page that brings nothing new', async () => {
    const requests = serveMessages(MESSAGES, true);
    const ids = await collect(client().messages.list('c1', { since: 1001, limit: 200 }));
    expect(ids.sort()).toEqual(['m05', 'm06', 'm07', 'm08', 'm09', 'm10']);
    expect(requests).toEqual([
      { since: 1001, limit: 200 },
      { since: 1008, limit: 201 },
    ]);
    nock.cleanAll();
  });

  it('returns the same messages newest first with order: desc', async () => {
    serveMessages(MESSAGES, false);
    const ids = await collect(client().messages.list('c1', { limit: 3, order: 'desc' }));
    expect([...ids].sort()).toEqual(ALL);
    expect(new Set(ids).size).toBe(ids.length);
    const epochs = ids.map((id) => MESSAGES.find((m) => m.id === id)?.epoch ?? -1);
    expect([...epochs].sort((a, b) => b - a)).toEqual(epochs);
    nock.cleanAll();
  });

  it('refuses a cursor of the other order or a garbled state before any request', async () => {
    const scope = (order: string) => `messages:${JSON.stringify(['c1', null, order])}`;
    const descState = encodeCursor({ provider: 'ultracart', scope: scope('asc'), state: 'd100' });
    expect(await codeOf(client().messages.list('c1', { cursor: descState }))).toBe('invalid_request');
    const garbled = encodeCursor({ provider: 'ultracart', scope: scope('asc'), state: 'a1~../x' });
    expect(await codeOf(client().messages.list('c1', { cursor: garbled }))).toBe('invalid_request');
    const offset = encodeCursor({ provider: 'ultracart', scope: scope('asc'), state: '200' });
    expect(await codeOf(client().messages.list('c1', { cursor: offset }))).toBe('invalid_request');
    const otherConversation = encodeCursor({
      provider: 'ultracart',
      scope: `messages:${JSON.stringify(['c2', null, 'asc'])}`,
      state: 'a1',
    });
    expect(await codeOf(client().messages.list('c1', { cursor: otherConversation }))).toBe('invalid_request');
  });

  it('encodes small states and decodes them back', () => {
    const state = encodeMessageState('asc', {
      epoch: 1759863023000,
      seen: new Set([hashId('a'), hashId('b')]),
    });
    expect(state).toMatch(/^a1759863023000~[0-9a-z]+\.[0-9a-z]+$/);
    expect(state.length).toBeLessThan(40);
    expect(decodeMessageState(state, 'asc')).toEqual({
      epoch: 1759863023000,
      seen: new Set([hashId('a'), hashId('b')]),
    });
    expect(hashId('a')).not.toBe(hashId('b'));
  });
});
