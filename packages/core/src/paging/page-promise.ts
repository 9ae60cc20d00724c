import { ConversationError } from '../errors/conversation-error.js';
import { abortError } from '../errors/error-factories.js';
import type { ProviderCallOptions, ProviderPage } from '../provider/v1/conversation-provider-v1.js';
import { encodeCursor } from './cursor.js';

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page: store it to resume later. Absent on the last page. */
  nextCursor?: string;
  hasMore: boolean;
  /** The next page, or undefined after the last one. */
  nextPage(): Promise<Page<T> | undefined>;
}

/**
 * Fetches one provider page from the provider state (undefined for the first page); `options`
 * go to the provider call as they are.
 */
export type PageFetcher<T> = (
  state: string | undefined,
  options: ProviderCallOptions,
) => Promise<ProviderPage<T>>;

// A rejection handler created in no function's scope: a closure made inside `load` would hold that
// scope, and with it the page before, until the page after it settles.
const ignore = (): void => {};

/** Resolves on the next turn of the event loop (setImmediate on Node, a zero timeout elsewhere). */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    globalThis.setImmediate === undefined ? setTimeout(resolve, 0) : setImmediate(resolve),
  );

/** A loaded page's items and the provider state of the page after it. */
interface Loaded<T> {
  items: T[];
  next: string | undefined;
}

/** The resolve and reject functions of a promise. */
interface Settle<V> {
  resolve: (value: V) => void;
  reject: (reason: unknown) => void;
}

/** Where a listing comes from, for cursors and errors. */
export interface ListingContext {
  provider: string;
  scope: string;
  operation: string;
  signal?: AbortSignal | undefined;
}

/**
 * A listing: a real `Promise` of the first page that is also async-iterable over every item.
 *
 * `await` it (or `then`/`catch`/`finally`) for the first {@link Page}; `for await` it for every
 * item across pages. Nothing is requested until one of the two is used: awaiting requests the
 * first page once however often it is awaited, and iterating does not request it a second time
 * through `then`.
 *
 * @example
 * ```ts
 * const first = await client.conversations.list({ limit: 50 });
 * for await (const conversation of client.conversations.list()) console.log(conversation.id);
 * const page = await client.conversations.list().catch(() => undefined); // a Page or undefined
 * ```
 */
export class PagePromise<T> extends Promise<Page<T>> implements AsyncIterable<T> {
  // `then`/`catch`/`finally` return plain promises: building another PagePromise would need a
  // fetcher, and a derived promise is not a listing.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #fetch: PageFetcher<T>;
  readonly #context: ListingContext;
  readonly #start: string | undefined;
  readonly #settle: Settle<Page<T>>;
  #started = false;

  /** @internal Built by the client; `start` is the decoded provider state of the caller's cursor. */
  constructor(fetch: PageFetcher<T>, context: ListingContext, start?: string) {
    let settle: Settle<Page<T>> | undefined;
    super((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.#settle = settle as NonNullable<typeof settle>;
    this.#fetch = fetch;
    this.#context = context;
    this.#start = start;
  }

  /**
   * Requests the first page (once, on the first call) and continues with it like
   * `Promise.prototype.then`; `catch`, `finally` and `await` go through here.
   */
  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is a Promise by design.
  override then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (!this.#started) {
      this.#started = true;
      const seen = new Set<string>();
      this.#load(this.#start, seen, this.#context.signal).then(
        (loaded) => this.#settle.resolve(this.#page(loaded, seen)),
        this.#settle.reject,
      );
    }
    return super.then(onFulfilled, onRejected);
  }

  /**
   * Every item of every page. The next page is requested as soon as the current one arrives (or
   * earlier, when the provider hands its cursor over), so it is on its way while the caller works
   * through the items; leaving the loop early cancels it.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    // Items are served from the current page without an async generator step each: with a fast
    // caller that step was a measurable part of a listing (bench/README.md). Pages come from one.
    const pages = this.#pages();
    let items: T[] = [];
    let index = 0;
    let done = false;
    // Shared by concurrent `next()` calls, so a page is neither skipped nor fetched twice.
    let pending: Promise<IteratorResult<T[], undefined>> | undefined;
    // Serves the next item once the current page is used up, loading pages as needed.
    const refill = async (): Promise<IteratorResult<T, undefined>> => {
      while (index >= items.length) {
        // A used-up page is let go before the wait: what is alive while the next answer arrives is
        // copied by V8's scavenges, and V8 then grows its young generation (bench/README.md, Round 8).
        items = [];
        if (done) return { done: true, value: undefined };
        pending ??= pages.next();
        const current = pending;
        const result = await current.catch((error: unknown) => {
          done = true;
          throw error;
        });
        if (pending === current) {
          pending = undefined;
          if (result.done) done = true;
          else [items, index] = [result.value, 0];
        }
      }
      return { done: false, value: items[index++] as T };
    };
    const iterator: AsyncIterableIterator<T, undefined> = {
      // An item of the current page without an async function's frame: that frame was most of
      // what a fast caller's loop allocated per item (bench/README.md).
      next: () =>
        index < items.length ? Promise.resolve({ done: false, value: items[index++] as T }) : refill(),
      return: async () => {
        done = true;
        items = [];
        await pages.return(undefined);
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** The pages of the listing, each as soon as it is loaded; see `[Symbol.asyncIterator]`. */
  async *#pages(): AsyncGenerator<T[], undefined> {
    const prefetch = new AbortController();
    const outer = this.#context.signal;
    const stop = () => prefetch.abort(outer?.reason);
    if (outer?.aborted) stop();
    else outer?.addEventListener('abort', stop, { once: true });
    const seen = new Set<string>();
    // The load the loop waits for, and the one after it when the provider handed its cursor over
    // early (`onNextCursor`). Only the awaited page may start the next: a page that arrives while
    // the caller still works through the one before waits its turn, so at most one is ahead.
    let awaited: Promise<Loaded<T>> | undefined;
    let ahead: Promise<Loaded<T>> | undefined;
    const load = (state: string | undefined): Promise<Loaded<T>> => {
      // `let`: a provider may hand its cursor over before its first await, while this is unset.
      let loading: Promise<Loaded<T>> | undefined;
      loading = this.#load(state, seen, prefetch.signal, (next) => {
        if (
          loading === undefined ||
          awaited !== loading ||
          ahead !== undefined ||
          seen.has(next) ||
          next === state
        )
          return undefined;
        ahead = load(next);
        // Its failure is reported when the loop reaches it, not as an unhandled rejection now.
        ahead.catch(ignore);
        // The provider maps its page after this turn, once the request has been written.
        return nextTurn();
      });
      return loading;
    };
    try {
      awaited = load(this.#start);
      let loaded: Loaded<T> | undefined = await awaited;
      while (loaded !== undefined) {
        const next = loaded.next;
        let upcoming: Promise<Loaded<T>> | undefined = ahead;
        ahead = undefined;
        if (upcoming === undefined && next !== undefined) {
          upcoming = load(next);
          upcoming.catch(ignore);
          // One turn of the event loop before the items: node:http writes a request only on a later
          // tick, so a caller whose loop body never awaits would otherwise consume the whole page
          // before the prefetch leaves, and nothing would overlap.
          await nextTurn();
        }
        yield loaded.items;
        // An async generator keeps its locals while it waits, so no local may hold the page then.
        loaded = undefined;
        awaited = upcoming;
        loaded = await upcoming;
        // A page already on its way when the caller aborted is not handed over.
        if (loaded !== undefined && outer?.aborted) throw abortError(this.#context, outer.reason);
      }
    } finally {
      outer?.removeEventListener('abort', stop);
      prefetch.abort();
    }
  }

  async #load(
    state: string | undefined,
    seen: Set<string>,
    signal: AbortSignal | undefined,
    onNextCursor?: (next: string) => Promise<void> | undefined,
  ): Promise<Loaded<T>> {
    const { provider, operation } = this.#context;
    if (signal?.aborted)
      throw abortError({ provider, operation }, this.#context.signal?.reason ?? signal.reason);
    // A cursor repeats one of an earlier page when it was seen by the time it became known: the
    // page it leads to, handed over early, may be loaded (and seen) before this one returns.
    const repeats = (next: string) => seen.has(next) || next === state;
    let handed: { cursor: string; repeats: boolean } | undefined;
    const result = await this.#fetch(state, {
      signal,
      ...(onNextCursor === undefined
        ? {}
        : {
            onNextCursor: (next: string) => {
              handed ??= { cursor: next, repeats: repeats(next) };
              return onNextCursor(next);
            },
          }),
    });
    const next = result.nextCursor;
    if (handed !== undefined && next !== handed.cursor)
      throw this.#misbehaved(
        `handed over the cursor ${JSON.stringify(handed.cursor)} early but returned ${JSON.stringify(next)}`,
      );
    if (next !== undefined) {
      if (handed === undefined ? repeats(next) : handed.repeats)
        throw this.#misbehaved(
          `repeated the cursor ${JSON.stringify(next)}; stopping to avoid an endless listing`,
        );
      if (result.items.length === 0)
        throw this.#misbehaved('said there are more results but returned an empty page');
    }
    if (state !== undefined) seen.add(state);
    return { items: result.items, next };
  }

  /** `loaded` as a {@link Page}: its cursor is encoded only here, which iterating never needs. */
  #page({ items, next }: Loaded<T>, seen: Set<string>): Page<T> {
    const { provider, scope } = this.#context;
    const nextCursor = next === undefined ? undefined : encodeCursor({ provider, scope, state: next });
    return {
      items,
      hasMore: next !== undefined,
      ...(nextCursor === undefined ? {} : { nextCursor }),
      nextPage: async () =>
        next === undefined ? undefined : this.#page(await this.#load(next, seen, this.#context.signal), seen),
    };
  }

  #misbehaved(what: string): ConversationError {
    const { provider, operation } = this.#context;
    return new ConversationError({
      code: 'provider_error',
      message: `${provider} ${what}`,
      provider,
      operation,
    });
  }
}
