import { createConversations } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { APP_PATH, failure, fixture, sunshineHost, useNock } from './__fixtures__/harness.js';
import { testClient, testConfig, testProvider } from './__fixtures__/test-provider.js';
import { sunshine } from './adapter.js';

useNock();

const cid = '029c31f25a21b47effd7be90';
const messagesPath = `${APP_PATH}/conversations/${cid}/messages`;
const T0 = Date.UTC(2025, 1, 3, 12, 0, 0);

interface FakeOptions {
  /** Serve each page newest first instead of chronologically (the order within a page is not specified). */
  reversePages?: boolean;
}

/** A Sunshine List Messages double: pages of 100 backwards from the newest, `page[before]`/`page[after]` by id. */
function fakeMessages(count: number, options: FakeOptions = {}) {
  const all = Array.from({ length: count }, (_, i) => ({
    id: `m${String(i).padStart(4, '0')}`,
    received: new Date(T0 + i * 1000).toISOString(),
    author: { type: i % 2 === 0 ? 'user' : 'business', userId: 'u1' },
    content: { type: 'text', text: `message ${i}` },
  }));
  const requests: string[] = [];
  sunshineHost()
    .get(messagesPath)
    .query(true)
    .reply((uri) => {
      const query = new URL(uri, 'https://acme.zendesk.com').searchParams;
      const before = query.get('page[before]');
      const after = query.get('page[after]');
      requests.push(before !== null ? `before:${before}` : after !== null ? `after:${after}` : 'newest');
      let start: number;
      let end: number;
      let hasMore: boolean;
      if (after !== null) {
        start = all.findIndex((m) => m.id === after) + 1;
        end = Math.min(all.length, start + 100);
        hasMore = end < all.length;
      } else {
        end = before === null ? all.length : all.findIndex((m) => m.id === before);
        start = Math.max(0, end - 100);
        hasMore = start > 0;
      }
      const page = all.slice(start, end);
      const first = page[0];
      const last = page.at(-1);
      const meta =
        after !== null
          ? { hasMore, ...(hasMore && last ? { afterCursor: last.id } : {}) }
          : { hasMore, ...(hasMore && first ? { beforeCursor: first.id } : {}) };
      return [200, { messages: options.reversePages ? [...page].reverse() : page, meta }];
    })
    .persist();
  return { all, requests };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const ids = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `m${String(from + i).padStart(4, '0')}`);

describe('messages.list order', () => {
  it('desc follows Sunshine backwards: newest page first, one request per 100', async () => {
    const { requests } = fakeMessages(250);
    const messages = await collect(testClient().messages.list(cid, { order: 'desc' }));
    expect(messages.map((m) => m.id)).toEqual(ids(250).reverse());
    expect(requests).toEqual(['newest', 'before:m0150', 'before:m0050']);
  });

  it('asc (default) walks back to the oldest page once, then pages forwards with page[after]', async () => {
    const { requests } = fakeMessages(250);
    const first = await testClient().messages.list(cid);
    expect(first.items.map((m) => m.id)).toEqual(ids(50));
    expect(first.hasMore).toBe(true);
    expect(requests).toEqual(['newest', 'before:m0150', 'before:m0050']);
    const second = await first.nextPage();
    expect(second?.items.map((m) => m.id)).toEqual(ids(100, 50));
    const third = await second?.nextPage();
    expect(third?.items.map((m) => m.id)).toEqual(ids(100, 150));
    expect(third?.hasMore).toBe(false);
    expect(requests.slice(3)).toEqual(['after:m0049', 'after:m0149']);
  });

  it('asc stays chronological when pages come newest first', async () => {
    fakeMessages(130, { reversePages: true });
    const messages = await collect(testClient().messages.list(cid));
    expect(messages.map((m) => m.id)).toEqual(ids(130));
    expect(messages[0]?.sentAt).toBe('2025-02-03T12:00:00.000Z');
  });

  it.each(['asc', 'desc'] as const)(
    '%s with limit 30 splits provider pages without loss or repeats',
    async (order) => {
      fakeMessages(230);
      const pages: string[][] = [];
      let page = await testClient().messages.list(cid, { order, limit: 30 });
      for (;;) {
        pages.push(page.items.map((m) => m.id));
        const next = await page.nextPage();
        if (next === undefined) break;
        page = next;
      }
      expect(pages.every((items) => items.length <= 30)).toBe(true);
      expect(pages.flat()).toEqual(order === 'asc' ? ids(230) : ids(230).reverse());
    },
  );

  it('a cursor resumes the listing in a new call', async () => {
    fakeMessages(150);
    const client = testClient();
    const first = await client.messages.list(cid, { limit: 40 });
    expect(first.nextCursor).toMatch(/^pc1\./);
    const rest = await collect(client.messages.list(cid, { cursor: first.nextCursor ?? '' }));
    expect([...first.items, ...rest].map((m) => m.id)).toEqual(ids(150));
  });

  it('orders a shuffled page by received, any datetime form, keeping the server order within a millisecond', async () => {
    const message = (id: string, received: string) => ({ id, received, author: { type: 'user' } });
    sunshineHost()
      .get(messagesPath)
      .reply(200, {
        messages: [
          message('c', '2025-02-03T12:00:02.000Z'),
          message('a', '2025-02-03T14:00:01+02:00'),
          message('b1', '2025-02-03T12:00:01.500Z'),
          message('b2', '2025-02-03T12:00:01.500Z'),
        ],
      });
    const messages = await collect(testClient().messages.list(cid));
    expect(messages.map((m) => [m.id, m.sentAt])).toEqual([
      ['a', '2025-02-03T12:00:01.000Z'],
      ['b1', '2025-02-03T12:00:01.500Z'],
      ['b2', '2025-02-03T12:00:01.500Z'],
      ['c', '2025-02-03T12:00:02.000Z'],
    ]);
  });

  it('an empty conversation is one empty page', async () => {
    const { requests } = fakeMessages(0);
    const page = await testClient().messages.list(cid);
    expect(page).toMatchObject({ items: [], hasMore: false });
    expect(requests).toEqual(['newest']);
  });

  it('a desc cursor is refused for an asc listing', async () => {
    fakeMessages(150);
    const client = testClient();
    const desc = await client.messages.list(cid, { order: 'desc', limit: 10 });
    const error = await failure(client.messages.list(cid, { cursor: desc.nextCursor ?? '' }));
    expect(error.code).toBe('invalid_request');
  });
});

describe('conversations.get messageLimit', () => {
  const conversationPath = `${APP_PATH}/conversations/${cid}`;

  it('get with messageLimit adds the newest messages, oldest first', async () => {
    sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query({ 'page[size]': '100' })
      .reply(200, fixture('list-participants'));
    sunshineHost()
      .get(`${conversationPath}/messages`)
      .reply(200, {
        messages: [1, 2, 3].map((n) => ({
          id: `m${n}`,
          received: `2025-02-03T18:33:4${n}.000Z`,
          author: { type: 'user', userId: 'u1' },
          content: { type: 'text', text: `t${n}` },
        })),
        meta: { hasMore: false },
      });
    const conversation = await testClient().conversations.get(cid, { messageLimit: 2 });
    expect(conversation.messages?.map((m) => m.id)).toEqual(['m2', 'm3']);
  });

  it('get with messageLimit reads in full only the messages it keeps; client.raw checks them all', async () => {
    const listed = (author: unknown) => ({
      messages: [
        { id: 'm1', received: '2025-02-03T18:33:41.000Z', author },
        { id: 'm2', received: '2025-02-03T18:33:42.000Z', author: { type: 'user' } },
      ],
    });
    const answer = (messages: object) => {
      sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
      sunshineHost()
        .get(`${conversationPath}/participants`)
        .query({ 'page[size]': '100' })
        .reply(200, fixture('list-participants'));
      sunshineHost().get(`${conversationPath}/messages`).reply(200, messages);
    };
    // m1 is older than the one message kept: its broken author is never read.
    answer(listed(null));
    const client = testClient();
    const conversation = await client.conversations.get(cid, { messageLimit: 1 });
    expect(conversation.messages?.map((m) => m.id)).toEqual(['m2']);
    // Kept, it fails the read with the schema's code and path.
    answer(listed(null));
    const error = await failure(client.conversations.get(cid, { messageLimit: 2 }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('listMessages response at messages[0].author: Invalid type');
    // The raw API validates every message of the page.
    sunshineHost().get(`${conversationPath}/messages`).reply(200, listed(null));
    expect((await failure(client.raw.listMessages(cid))).message).toContain('messages[0].author');
  });
});

describe('messages.list since', () => {
  const at = (i: number) => new Date(T0 + i * 1000).toISOString();

  it('desc stops at the first message not after since, without older requests', async () => {
    const { requests } = fakeMessages(250);
    const messages = await collect(testClient().messages.list(cid, { order: 'desc', since: at(199) }));
    expect(messages.map((m) => m.id)).toEqual(ids(50, 200).reverse());
    expect(requests).toEqual(['newest']);
  });

  it('asc walks back only until since is crossed', async () => {
    const { requests } = fakeMessages(250);
    const messages = await collect(testClient().messages.list(cid, { since: at(120) }));
    expect(messages.map((m) => m.id)).toEqual(ids(129, 121));
    expect(requests).toEqual(['newest', 'before:m0150', 'after:m0149']);
  });

  it('asc when since falls exactly on a page boundary', async () => {
    const { requests } = fakeMessages(250);
    const messages = await collect(testClient().messages.list(cid, { since: new Date(T0 + 149_000) }));
    expect(messages.map((m) => m.id)).toEqual(ids(100, 150));
    expect(requests).toEqual(['newest', 'before:m0150']);
  });

  it('since after the newest message gives nothing', async () => {
    fakeMessages(20);
    const page = await testClient().messages.list(cid, { since: T0 + 60_000 });
    expect(page).toMatchObject({ items: [], hasMore: false });
  });
});

describe('conversations.list paging', () => {
  const conversation = (id: string) => ({ id, type: 'personal', createdAt: '2025-02-03T16:21:12.308Z' });
  const listPath = `${APP_PATH}/conversations`;

  it.each([
    ['hasMore with afterCursor', { meta: { hasMore: true, afterCursor: 'c2' } }, 'c2'],
    [
      'hasMore with only links.next',
      {
        meta: { hasMore: true },
        links: { next: 'https://acme.zendesk.com/sc/v2/apps/x/conversations?page[after]=fromlink' },
      },
      'fromlink',
    ],
    ['hasMore without any cursor: the last record id', { meta: { hasMore: true } }, 'c1'],
    [
      'hasMore with an empty afterCursor: the last record id',
      { meta: { hasMore: true, afterCursor: '' } },
      'c1',
    ],
    ['no meta but an afterCursor', { meta: { afterCursor: 'c9' } }, 'c9'],
  ])('%s → next page with page[after]', async (_why, paging, after) => {
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2' })
      .reply(200, { conversations: [conversation('c0'), conversation('c1')], ...paging });
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2', 'page[after]': after })
      .reply(200, { conversations: [conversation('c3')], meta: { hasMore: false } });
    const page = await testClient().conversations.list({ userId: 'u1', limit: 2 });
    expect(page.hasMore).toBe(true);
    const next = await page.nextPage();
    expect(next?.items.map((c) => c.id)).toEqual(['c3']);
    expect(next?.hasMore).toBe(false);
    expect(next?.nextCursor).toBeUndefined();
  });

  it.each([
    ['hasMore false even with a cursor', { meta: { hasMore: false, afterCursor: 'c2' } }],
    ['no meta at all (the spec example)', {}],
    ['only an empty cursor and link, which name nothing', { meta: { afterCursor: '' }, links: { next: '' } }],
  ])('%s → last page', async (_why, paging) => {
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userExternalId]': 'ext', 'page[size]': '100' })
      .reply(200, { conversations: [conversation('c0')], ...paging });
    const page = await testClient().conversations.list({ userExternalId: 'ext' });
    expect(page.hasMore).toBe(false);
    expect(page.nextCursor).toBeUndefined();
    expect(await page.nextPage()).toBeUndefined();
  });

  it('hands over the next cursor with the page: page 2 is on its way while the caller is on page 1', async () => {
    let requested: () => void = () => {};
    const secondRequested = new Promise<void>((resolve) => {
      requested = resolve;
    });
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2' })
      .reply(200, { conversations: [conversation('c0'), conversation('c1')], meta: { hasMore: true } });
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2', 'page[after]': 'c1' })
      .reply(() => {
        requested();
        return [200, { conversations: [conversation('c2')], meta: { hasMore: false } }];
      });
    const seen: string[] = [];
    for await (const item of testClient().conversations.list({ userId: 'u1', limit: 2 })) {
      // Without the prefetch this would wait forever: page 2 is only asked for after page 1.
      if (item.id === 'c0') await secondRequested;
      seen.push(item.id);
    }
    expect(seen).toEqual(['c0', 'c1', 'c2']);
  });

  it('hands the next cursor over before it reads the conversations, and only when there is a next page', async () => {
    const handed: string[] = [];
    const options = { onNextCursor: async (next: string) => void handed.push(next) };
    sunshineHost()
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2' })
      .reply(200, { conversations: [conversation('c0'), conversation('c1')], meta: { hasMore: true } })
      .get(listPath)
      .query({ 'filter[userId]': 'u1', 'page[size]': '2', 'page[after]': 'c1' })
      .reply(200, { conversations: [conversation('c2')], meta: { hasMore: false } });
    const provider = testProvider();
    expect((await provider.listConversations({ userId: 'u1', limit: 2 }, options)).nextCursor).toBe('c1');
    expect(handed).toEqual(['c1']);
    const last = await provider.listConversations({ userId: 'u1', limit: 2, cursor: 'c1' }, options);
    expect([last.nextCursor, handed]).toEqual([undefined, ['c1']]);
  });

  it('lists every page through a fetch that answers at once (a test double, a cache)', async () => {
    // Answered without I/O, the page handed over early is loaded in full while page 1 is mapped.
    const pages = [['c0', 'c1'], ['c2', 'c3'], ['c4']];
    const requested: (string | null)[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const after = new URL(new Request(input, init).url).searchParams.get('page[after]');
      requested.push(after);
      const index = after === null ? 0 : Number(after.slice(1));
      const body = {
        conversations: (pages[index] ?? []).map(conversation),
        meta: index + 1 < pages.length ? { hasMore: true, afterCursor: `p${index + 1}` } : { hasMore: false },
      };
      return Response.json(body);
    };
    const client = createConversations({
      adapters: [sunshine],
      config: { provider: 'sunshine', sunshine: testConfig() },
      fetch,
    });
    const seen: string[] = [];
    for await (const item of client.conversations.list({ userId: 'u1', limit: 2 })) seen.push(item.id);
    expect(seen).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(requested).toEqual([null, 'p1', 'p2']);
  });

  it('a server that repeats its cursor ends with provider_error instead of looping', async () => {
    sunshineHost()
      .get(listPath)
      .query(true)
      .reply(200, { conversations: [conversation('c0')], meta: { hasMore: true, afterCursor: 'same' } })
      .persist();
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const c of testClient().conversations.list({ userId: 'u1' })) seen.push(c.id);
      })(),
    );
    expect(error.code).toBe('provider_error');
    expect(error.operation).toBe('conversations.list');
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  it('a message walk that repeats its cursor ends with provider_error', async () => {
    sunshineHost()
      .get(messagesPath)
      .query(true)
      .reply(200, {
        messages: [{ id: 'm1', received: '2025-02-03T12:00:00.000Z', author: { type: 'user' } }],
        meta: { hasMore: true, beforeCursor: 'loop' },
      })
      .persist();
    const error = await failure(testClient().messages.list(cid));
    expect(error.code).toBe('provider_error');
  });
});
