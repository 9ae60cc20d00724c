import { HttpError, type RequestContext } from '../http.js';

/** Parsed `page[...]` query. */
export interface PageQuery {
  readonly after?: string;
  readonly before?: string;
  readonly size: number;
}

/** One page plus Sunshine's `meta` and `links`. */
export interface PageResult<T> {
  readonly items: T[];
  readonly meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
  readonly links: { prev?: string; next?: string };
}

function invalid(): never {
  throw new HttpError(400, 'bad_request', 'Invalid page query parameters');
}

/**
 * Reads `page[after]`, `page[before]` and `page[size]` with the reference's rules: only one cursor,
 * cursors are 24 characters, size 1..100 (default 25). `fixedSize` is for List Messages, where size
 * does not apply.
 */
export function parsePage(query: URLSearchParams, fixedSize?: number): PageQuery {
  const after = query.get('page[after]') ?? undefined;
  const before = query.get('page[before]') ?? undefined;
  if (after !== undefined && before !== undefined) invalid();
  for (const cursor of [after, before]) if (cursor !== undefined && cursor.length !== 24) invalid();
  let size = fixedSize ?? 25;
  const rawSize = query.get('page[size]');
  if (fixedSize === undefined && rawSize !== null) {
    if (!/^\d+$/.test(rawSize)) invalid();
    size = Number(rawSize);
    if (size < 1 || size > 100) invalid();
  }
  return { ...(after !== undefined ? { after } : {}), ...(before !== undefined ? { before } : {}), size };
}

// Where each id sits in a list, per list: a cursor is found in O(1) rather than by a scan, so a
// listing of 100,000 conversations is not quadratic. A hit is checked against the list itself, and
// a stale index (the list changed) is rebuilt.
const positions = new WeakMap<readonly unknown[], Map<string, number>>();

function indexOf<T>(items: readonly T[], idOf: (item: T) => string, id: string): number {
  const known = positions.get(items)?.get(id);
  if (known !== undefined && items[known] !== undefined && idOf(items[known] as T) === id) return known;
  // Short lists (a conversation's participants, most users' conversations) are scanned as before.
  if (items.length < 1000) return items.findIndex((item) => idOf(item) === id);
  const index = new Map<string, number>();
  for (let at = 0; at < items.length; at++) index.set(idOf(items[at] as T), at);
  positions.set(items, index);
  return index.get(id) ?? -1;
}

/**
 * Cuts one page out of `items` (kept in ascending order). Without a cursor the first page is
 * returned, or the last one when `fromEnd` (List Messages pages backwards from the newest).
 */
export function cutPage<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  page: PageQuery,
  fromEnd: boolean,
  ctx: RequestContext,
): PageResult<T> {
  let start: number;
  let end: number;
  let backwards: boolean;
  if (page.after !== undefined) {
    const at = indexOf(items, idOf, page.after);
    if (at < 0) invalid();
    start = at + 1;
    end = Math.min(items.length, start + page.size);
    backwards = false;
  } else if (page.before !== undefined) {
    const at = indexOf(items, idOf, page.before);
    if (at < 0) invalid();
    end = at;
    start = Math.max(0, end - page.size);
    backwards = true;
  } else if (fromEnd) {
    end = items.length;
    start = Math.max(0, end - page.size);
    backwards = true;
  } else {
    start = 0;
    end = Math.min(items.length, page.size);
    backwards = false;
  }
  const slice = items.slice(start, end);
  const first = slice[0];
  const last = slice[slice.length - 1];
  const meta: PageResult<T>['meta'] = { hasMore: backwards ? start > 0 : end < items.length };
  const links: PageResult<T>['links'] = {};
  const link = (key: 'after' | 'before', cursor: string): string => {
    const q = new URLSearchParams(ctx.query);
    q.delete('page[after]');
    q.delete('page[before]');
    q.set(`page[${key}]`, cursor);
    return `${ctx.origin}${ctx.path}?${q.toString().replace(/%5B/g, '[').replace(/%5D/g, ']')}`;
  };
  if (last && end < items.length) {
    meta.afterCursor = idOf(last);
    links.next = link('after', idOf(last));
  }
  if (first && start > 0) {
    meta.beforeCursor = idOf(first);
    links.prev = link('before', idOf(first));
  }
  return { items: slice, meta, links };
}
