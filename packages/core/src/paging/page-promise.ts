import { ConversationError } from '../errors/conversation-error.js';
import { abortError } from '../errors/error-factories.js';
import type { ProviderPage } from '../provider/v1/conversation-provider-v1.js';
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

/** Fetches one provider page from the provider state (undefined for the first page). */
export type PageFetcher<T> = (
  state: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<ProviderPage<T>>;

/** Where a listing comes from, for cursors and errors. */
export interface ListingContext {
  provider: string;
  scope: string;
  operation: string;
  signal?: AbortSignal | undefined;
}

/**
 * A listing: `await` it for the first page, or `for await` it for every item across pages.
 *
 * @example
 * ```ts
 * const first = await client.conversations.list({ limit: 50 });
 * for await (const conversation of client.conversations.list()) console.log(conversation.id);
 * ```
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetch: PageFetcher<T>;
  readonly #context: ListingContext;
  readonly #start: string | undefined;
  #first: Promise<Page<T>> | undefined;

  /** @internal Built by the client; `start` is the decoded provider state of the caller's cursor. */
  constructor(fetch: PageFetcher<T>, context: ListingContext, start?: string) {
    this.#fetch = fetch;
    this.#context = context;
    this.#start = start;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#first ??= this.#load(this.#start, new Set());
    return this.#first.then(onFulfilled, onRejected);
  }

  /** Every item of every page, fetching the next page only when the current one is used up. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> | undefined = await this;
    while (page !== undefined) {
      yield* page.items;
      page = await page.nextPage();
    }
  }

  async #load(state: string | undefined, seen: Set<string>): Promise<Page<T>> {
    const { provider, operation, signal } = this.#context;
    if (signal?.aborted) throw abortError({ provider, operation }, signal.reason);
    const result = await this.#fetch(state, signal);
    const next = result.nextCursor;
    if (next !== undefined) {
      if (seen.has(next) || next === state)
        throw this.#misbehaved(
          `repeated the cursor ${JSON.stringify(next)}; stopping to avoid an endless listing`,
        );
      if (result.items.length === 0)
        throw this.#misbehaved('said there are more results but returned an empty page');
    }
    if (state !== undefined) seen.add(state);
    const nextCursor =
      next === undefined ? undefined : encodeCursor({ provider, scope: this.#context.scope, state: next });
    return {
      items: result.items,
      hasMore: next !== undefined,
      ...(nextCursor === undefined ? {} : { nextCursor }),
      nextPage: async () => (next === undefined ? undefined : this.#load(next, seen)),
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
