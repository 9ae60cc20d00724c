// The hand-written listing loops Parley's `for await` is compared with: the first page's URL and
// headers as Parley sent them, then the provider's paging, one page after the other (a page is
// requested once the caller has worked through the previous one, as a plain loop does).
import { Agent } from 'node:http';
import { getJson } from './http-baselines.js';
import type { Provider } from './parley-client.js';

/** The fields of a page the raw loops read. */
interface RawPage {
  conversations?: { conversation_uuid?: string; id?: string }[];
  metadata?: { result_set?: { more?: boolean; next_offset?: number } };
  meta?: { hasMore?: boolean; afterCursor?: string };
}

/** The first request Parley sent for the listing, replayed by the loops. */
export interface FirstRequest {
  url: string;
  headers: Record<string, string>;
}

/** Per-item callback of a listing: the caller's work, RSS sampling. */
export type ItemVisitor = (index: number) => void;

/** Sets the next page's cursor on `url`; false when the page was the last. */
function nextPage(provider: Provider, body: RawPage, url: URL): boolean {
  if (provider === 'ultracart') {
    const set = body.metadata?.result_set;
    if (!set?.more || set.next_offset === undefined) return false;
    url.searchParams.set('_offset', String(set.next_offset));
    return true;
  }
  if (!body.meta?.hasMore || body.meta.afterCursor === undefined) return false;
  url.searchParams.set('page[after]', body.meta.afterCursor);
  return true;
}

/** A raw loop that gets each page with `getPage` and visits each of its conversations. */
function rawLoop(
  provider: Provider,
  first: FirstRequest,
  getPage: (url: URL) => Promise<RawPage>,
): (visit: ItemVisitor) => Promise<number> {
  return async (visit) => {
    let count = 0;
    const url = new URL(first.url);
    for (;;) {
      const body = await getPage(url);
      for (const conversation of body.conversations ?? []) {
        if ((conversation.conversation_uuid ?? conversation.id) === '') throw new Error('empty id');
        visit(count++);
      }
      if (!nextPage(provider, body, url)) return count;
    }
  };
}

/** The loop on the global fetch + `JSON.parse` of the text (the previous rounds' baseline). */
export function fetchLoop(provider: Provider, first: FirstRequest): (visit: ItemVisitor) => Promise<number> {
  return rawLoop(provider, first, async (url) => {
    const response = await fetch(url, { headers: first.headers });
    return JSON.parse(await response.text()) as RawPage;
  });
}

/** The loop on `node:http` with a keep-alive agent + `JSON.parse`: the floor (issue 13). */
export function nodeHttpLoop(
  provider: Provider,
  first: FirstRequest,
): (visit: ItemVisitor) => Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return rawLoop(provider, first, async (url) => (await getJson(url.href, first.headers, agent)) as RawPage);
}
