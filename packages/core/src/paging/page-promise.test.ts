import { describe, expect, it, vi } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import type { ProviderCallOptions, ProviderPage } from '../provider/v1/conversation-provider-v1.js';
import { decodeCursor } from './cursor.js';
import { PagePromise } from './page-promise.js';

const context = { provider: 'acme', scope: 'conversations', operation: 'conversations.list' };

/** A provider listing of `total` numbers, `size` a page, with offset states. */
function numbers(total: number, size: number) {
  return vi.fn(
    async (state: string | undefined, _options?: ProviderCallOptions): Promise<ProviderPage<number>> => {
      const offset = Number(state ?? 0);
      const items = Array.from({ length: Math.min(size, total - offset) }, (_, i) => offset + i);
      return { items, ...(offset + size < total ? { nextCursor: String(offset + size) } : {}) };
    },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Like {@link numbers}, but as a provider over a network: each answer takes `latencyMs`, and the
 * provider hands the next cursor over (`onNextCursor`) before it maps the page, recording how many
 * pages had been requested by then. `next` overrides the cursor it returns.
 */
function handingOver(total: number, size: number, latencyMs = 2, next?: (state: string) => string) {
  const requestsAtMap: number[] = [];
  const fetch = vi.fn(async (state: string | undefined, options: ProviderCallOptions) => {
    await sleep(latencyMs);
    const offset = Number(state ?? 0);
    const early = offset + size < total ? String(offset + size) : undefined;
    if (early !== undefined) await options.onNextCursor?.(early);
    requestsAtMap.push(fetch.mock.calls.length);
    const items = Array.from({ length: Math.min(size, total - offset) }, (_, i) => offset + i);
    const nextCursor = early === undefined ? undefined : (next?.(early) ?? early);
    return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
  });
  return { fetch, requestsAtMap };
}

async function codeOf(promise: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return ConversationError.isInstance(error) ? error.code : 'not a ConversationError';
  }
  return undefined;
}

describe('PagePromise', () => {
  it('awaits to the first page with an opaque cursor and nextPage()', async () => {
    const fetch = numbers(5, 2);
    const first = await new PagePromise(fetch, context);
    expect(first).toMatchObject({ items: [0, 1], hasMore: true });
    expect(decodeCursor(first.nextCursor as string, context)).toBe('2');
    const second = await first.nextPage();
    const third = await second?.nextPage();
    expect(third).toMatchObject({ items: [4], hasMore: false });
    expect(third?.nextCursor).toBeUndefined();
    expect(await third?.nextPage()).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('gives nextCursor as a plain enumerable string: spread, JSON and Object.keys keep it', async () => {
    const first = await new PagePromise(numbers(5, 2), context);
    expect(Object.keys(first)).toEqual(['items', 'hasMore', 'nextCursor', 'nextPage']);
    const copy = { ...first };
    expect(copy.nextCursor).toBe(first.nextCursor);
    expect(JSON.parse(JSON.stringify(first))).toEqual({
      items: [0, 1],
      hasMore: true,
      nextCursor: first.nextCursor,
    });
    expect(decodeCursor(JSON.parse(JSON.stringify(first)).nextCursor, context)).toBe('2');
  });

  it('iterates every item across pages, starting from a resumed state', async () => {
    const all: number[] = [];
    for await (const n of new PagePromise(numbers(7, 3), context)) all.push(n);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const resumed: number[] = [];
    for await (const n of new PagePromise(numbers(7, 3), context, '3')) resumed.push(n);
    expect(resumed).toEqual([3, 4, 5, 6]);
  });

  it('serves concurrent next() calls in order, each page fetched once', async () => {
    const fetch = numbers(7, 3);
    const iterator = new PagePromise(fetch, context)[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 9 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value))).toEqual([
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      'done',
      'done',
    ]);
    expect(fetch.mock.calls.map(([state]) => state)).toEqual([undefined, '3', '6']);
  });

  it('fetches the first page once however often it is awaited', async () => {
    const fetch = numbers(2, 2);
    const listing = new PagePromise(fetch, context);
    await listing;
    await listing;
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops with provider_error when the provider repeats a cursor', async () => {
    const fetch = vi.fn(async (state: string | undefined) => ({
      items: [1],
      nextCursor: state === undefined ? 'a' : state === 'a' ? 'b' : 'a',
    }));
    const seen: number[] = [];
    const iterate = async () => {
      for await (const n of new PagePromise(fetch, context)) seen.push(n);
    };
    expect(await codeOf(iterate())).toBe('provider_error');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('stops with provider_error on hasMore with an empty page', async () => {
    const listing = new PagePromise(async () => ({ items: [], nextCursor: 'x' }), context);
    expect(await codeOf(listing)).toBe('provider_error');
  });

  it('stops on abort, sending no request after it and cancelling the one prefetched', async () => {
    const controller = new AbortController();
    const fetch = numbers(10, 2);
    const seen: number[] = [];
    let callsAtAbort = 0;
    const iterate = async () => {
      for await (const n of new PagePromise(fetch, { ...context, signal: controller.signal })) {
        seen.push(n);
        if (n === 1) {
          callsAtAbort = fetch.mock.calls.length;
          controller.abort();
        }
      }
    };
    expect(await codeOf(iterate())).toBe('aborted');
    expect(seen).toEqual([0, 1]);
    expect(fetch).toHaveBeenCalledTimes(callsAtAbort);
    // The prefetched page was asked for with a signal that the abort cancelled.
    const prefetchSignal = fetch.mock.calls[1]?.[1]?.signal;
    expect(prefetchSignal?.aborted).toBe(true);
  });

  it('requests the next page while the caller works through the current one', async () => {
    const fetch = numbers(6, 2);
    const callsWhenItemSeen: number[] = [];
    for await (const _ of new PagePromise(fetch, context)) callsWhenItemSeen.push(fetch.mock.calls.length);
    // Item 0 (page 1) is handed over once page 2 is already on its way.
    expect(callsWhenItemSeen).toEqual([2, 2, 3, 3, 3, 3]);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('cancels the prefetched page when the caller leaves the loop early', async () => {
    const fetch = numbers(10, 2);
    for await (const n of new PagePromise(fetch, context)) if (n === 0) break;
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]?.[1]?.signal?.aborted).toBe(true);
  });
});

describe('PagePromise with a provider that hands its cursor over early', () => {
  it('requests the next page before the provider maps the page the caller waits for', async () => {
    const { fetch, requestsAtMap } = handingOver(6, 2);
    const all: number[] = [];
    for await (const n of new PagePromise(fetch, context)) all.push(n);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    // Pages 1 and 2 are mapped with the page after them already requested; page 3 is the last.
    expect(requestsAtMap).toEqual([2, 3, 3]);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('keeps at most one page ahead of a slow caller', async () => {
    const { fetch } = handingOver(10, 2, 1);
    const requestsAtItem: number[] = [];
    for await (const n of new PagePromise(fetch, context)) {
      requestsAtItem.push(fetch.mock.calls.length);
      await sleep(10);
      // The caller is on page ⌊n/2⌋ + 1: one more may be on its way, never two.
      expect(fetch.mock.calls.length).toBeLessThanOrEqual(Math.floor(n / 2) + 2);
    }
    expect(fetch).toHaveBeenCalledTimes(5);
    expect(requestsAtItem.at(-1)).toBe(5);
  });

  it('fails with provider_error when the page returns another cursor than it handed over, cancelling the request sent early', async () => {
    const { fetch } = handingOver(6, 2, 2, (early) => `${early}x`);
    const iterate = async () => {
      for await (const _ of new PagePromise(fetch, context));
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect(ConversationError.isInstance(error) && error.code).toBe('provider_error');
    expect((error as Error).message).toBe('acme handed over the cursor "2" early but returned "2x"');
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]?.[1]?.signal?.aborted).toBe(true);
  });

  it('cancels the request sent early when the page then fails', async () => {
    const broken = new ConversationError({ code: 'invalid_response', message: 'bad page', provider: 'acme' });
    const fetch = vi.fn(async (state: string | undefined, options: ProviderCallOptions) => {
      await sleep(2);
      await options.onNextCursor?.(String(Number(state ?? 0) + 1));
      if (state === undefined) throw broken;
      return { items: [1], nextCursor: String(Number(state) + 1) };
    });
    const iterate = async () => {
      for await (const _ of new PagePromise(fetch, context));
    };
    expect(await iterate().catch((caught: unknown) => caught)).toBe(broken);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]?.[0]).toBe('1');
    expect(fetch.mock.calls[1]?.[1]?.signal?.aborted).toBe(true);
  });

  it('takes a page handed over early and loaded before this one is mapped for what it is, not a repeat', async () => {
    // Answers that need no I/O (a cache, a test double): the page handed over is loaded in full
    // during the turn this one waits after handing it over.
    const fetch = vi.fn(async (state: string | undefined, options: ProviderCallOptions) => {
      const offset = Number(state ?? 0);
      const next = offset + 2 < 6 ? String(offset + 2) : undefined;
      await Promise.resolve();
      if (next !== undefined) await options.onNextCursor?.(next);
      return { items: [offset, offset + 1], ...(next === undefined ? {} : { nextCursor: next }) };
    });
    const seen: number[] = [];
    for await (const item of new PagePromise(fetch, context)) seen.push(item);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fetch.mock.calls.map(([state]) => state)).toEqual([undefined, '2', '4']);
  });

  it('still refuses a cursor handed over early that repeats an earlier page', async () => {
    const fetch = vi.fn(async (state: string | undefined, options: ProviderCallOptions) => {
      await sleep(1);
      const next = state === undefined ? 'a' : 'a';
      await options.onNextCursor?.(next);
      return { items: [1], nextCursor: next };
    });
    const iterate = async () => {
      for await (const _ of new PagePromise(fetch, context));
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'acme repeated the cursor "a"; stopping to avoid an endless listing',
    );
    expect(fetch.mock.calls.map(([state]) => state)).toEqual([undefined, 'a']);
  });

  it('does not hand over when awaited as a Promise: the next page waits for nextPage()', async () => {
    const { fetch, requestsAtMap } = handingOver(4, 2);
    const first = await new PagePromise(fetch, context);
    expect(requestsAtMap).toEqual([1]);
    expect(fetch.mock.calls[0]?.[1]?.onNextCursor).toBeUndefined();
    expect((await first.nextPage())?.items).toEqual([2, 3]);
  });
});

describe('PagePromise as a Promise', () => {
  const failing = () =>
    vi.fn(async (): Promise<ProviderPage<number>> => {
      throw new ConversationError({
        code: 'unavailable',
        message: 'acme answered HTTP 503',
        provider: 'acme',
      });
    });

  it('is a Promise of the first page that requests nothing until it is used', async () => {
    const fetch = numbers(4, 2);
    const listing = new PagePromise(fetch, context);
    expect(listing).toBeInstanceOf(Promise);
    expect(Object.prototype.toString.call(listing)).toBe('[object Promise]');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fetch).not.toHaveBeenCalled();
    const [viaAll] = await Promise.all([listing]);
    const viaResolve = await Promise.resolve(listing);
    const viaAsync = await (async () => listing)();
    expect(viaAll.items).toEqual([0, 1]);
    expect(viaResolve).toBe(viaAll);
    expect(viaAsync).toBe(viaAll);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('continues with plain promises from then, catch and finally', async () => {
    const listing = new PagePromise(numbers(2, 2), context);
    const derived = [
      listing.then((page) => page.items.length),
      listing.catch(() => 0),
      listing.finally(() => {}),
    ];
    for (const promise of derived) {
      expect(promise).toBeInstanceOf(Promise);
      expect(promise).not.toBeInstanceOf(PagePromise);
    }
    expect(await derived[0]).toBe(2);
    expect(await derived[1]).toMatchObject({ items: [0, 1], hasMore: false });
    expect(await derived[2]).toMatchObject({ items: [0, 1] });
  });

  it('hands a failure to catch, runs finally and rejects every await with the same error', async () => {
    const fetch = failing();
    const listing = new PagePromise(fetch, context);
    const caught = await listing.catch((error: unknown) => error);
    expect(ConversationError.isInstance(caught) && caught.code).toBe('unavailable');
    let ranFinally = 0;
    await expect(listing.finally(() => ranFinally++)).rejects.toBe(caught);
    await expect(listing).rejects.toBe(caught);
    expect(ranFinally).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('leaves no unhandled rejection behind when a failing listing is never awaited', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const fetch = failing();
      const iterated = new PagePromise(fetch, context);
      expect(
        await codeOf(
          (async () => {
            for await (const _ of iterated) {
              // never reached
            }
          })(),
        ),
      ).toBe('unavailable');
      new PagePromise(fetch, context);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(fetch).toHaveBeenCalledTimes(1);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('requests each page once when it is only iterated, never the first page again through then', async () => {
    const fetch = numbers(6, 2);
    const listing = new PagePromise(fetch, context);
    const then = vi.spyOn(listing, 'then');
    const all: number[] = [];
    for await (const n of listing) all.push(n);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(then).not.toHaveBeenCalled();
    expect(fetch.mock.calls.map(([state]) => state)).toEqual([undefined, '2', '4']);
  });

  it('serves an await after an iteration with one more request for the first page', async () => {
    const fetch = numbers(4, 2);
    const listing = new PagePromise(fetch, context);
    for await (const _ of listing) {
      // drain
    }
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await listing).items).toEqual([0, 1]);
    expect((await listing).items).toEqual([0, 1]);
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});
