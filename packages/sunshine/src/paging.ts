import { type Conversation, ConversationError, type Message, type Participant } from '@parley/core';
import {
  invalidRequest,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
} from '@parley/core/provider';
import {
  type MessageList,
  type Paging,
  type ReadPage,
  readConversationList,
  readKeptMessages,
  readListHead,
  readMessageList,
  readParticipantList,
} from './answers.js';
import { type SunshineApi, unvalidated } from './api.js';
import { SUNSHINE_LIMITS, SUNSHINE_MAX_PAGE_SIZE } from './limits.js';
import type { TimedMessage } from './map/message.js';
import { toParticipantSubSchema } from './map/participant.js';
import { sinceIso } from './map/timestamp.js';

const MESSAGES_PER_PAGE = SUNSHINE_LIMITS.messagesPerPage;
// A conversation holds at most 30,000 messages (300 pages); more pages means a misbehaving server.
const MAX_WALK = 1_000;
const MAX_STATE_LENGTH = 512;

function misbehaved(operation: string, what: string): ConversationError {
  return new ConversationError({
    code: 'provider_error',
    message: `sunshine ${what}; stopping to avoid an endless listing`,
    provider: 'sunshine',
    operation,
  });
}

/** The provider state in a cursor, checked: Sunshine cursors are short opaque strings (24 chars in the spec). */
export function checkState(state: string, operation: string): string {
  if (state.length === 0 || state.length > MAX_STATE_LENGTH)
    throw invalidRequest(
      'cursor',
      'does not hold a Sunshine position; pass a nextCursor returned by this listing',
      { provider: 'sunshine', operation },
    );
  return state;
}

function cursorFromLink(link: string | undefined, key: 'after' | 'before'): string | undefined {
  if (link === undefined || !URL.canParse(link)) return undefined;
  return new URL(link).searchParams.get(`page[${key}]`) || undefined;
}

/**
 * The cursor of the next page in the direction being paged (`after`: subsequent records, `before`:
 * preceding ones), or undefined at the end. `hasMore` is authoritative when present; otherwise the
 * presence of a cursor or link says there is more (the spec's own examples omit `meta`). When the
 * server says there is more but names no cursor, the last record's id is used: the spec says
 * cursors "are cursors pointing to a record id". An empty cursor or link names nothing, so it
 * counts as absent.
 */
export function nextCursor(
  response: Paging,
  direction: 'after' | 'before',
  lastId: string | undefined,
): string | undefined {
  const forwards = direction === 'after';
  const cursor = (forwards ? response.meta?.afterCursor : response.meta?.beforeCursor) || undefined;
  const link = (forwards ? response.links?.next : response.links?.prev) || undefined;
  const more = response.meta?.hasMore ?? (cursor !== undefined || link !== undefined);
  if (!more) return undefined;
  return cursor ?? cursorFromLink(link, direction) ?? lastId;
}

/**
 * Walks a `page[after]` listing to its end (participants of a conversation), refusing a server
 * that repeats a cursor.
 */
async function collectAll<T extends { id: string }>(
  operation: string,
  fetch: (after: string | undefined) => Promise<ReadPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < MAX_WALK; page++) {
    const response = await fetch(after);
    all.push(...response.items);
    const next = nextCursor(response.paging, 'after', response.items.at(-1)?.id);
    if (next === undefined) return all;
    if (seen.has(next) || response.items.length === 0)
      throw misbehaved(operation, `repeated the cursor ${next}`);
    seen.add(next);
    after = next;
  }
  throw misbehaved(operation, `served more than ${MAX_WALK} pages`);
}

/**
 * One page of `conversations.list`: Sunshine lists one user's conversations (`filter[userId]` or
 * `filter[userExternalId]`, exactly one), forwards with `page[after]`, at most 100 per page.
 */
export async function listConversationsPage(
  api: SunshineApi,
  params: ProviderListConversationsParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Conversation>> {
  const context = { provider: 'sunshine', operation: 'conversations.list' };
  if (params.channel !== undefined)
    throw invalidRequest('params.channel', 'is not supported by Sunshine (UltraCart only)', context);
  // Sunshine lists only one user's conversations: "One of userId or userExternalId is required".
  if (params.userId === undefined && params.userExternalId === undefined)
    throw invalidRequest(
      'params',
      'needs userId or userExternalId: Sunshine lists one user’s conversations',
      context,
    );
  const filter = toParticipantSubSchema(params, 'params', context);
  const after = params.cursor === undefined ? undefined : checkState(params.cursor, context.operation);
  const data = await unvalidated.listConversations(
    api,
    filter,
    { ...(after === undefined ? {} : { after }), size: params.limit ?? SUNSHINE_MAX_PAGE_SIZE },
    options,
  );
  // Where the page leads first, so the next page travels while this one is mapped.
  const head = options.onNextCursor === undefined ? undefined : readListHead(data, 'conversations');
  const early = head === undefined ? undefined : nextCursor(head.paging, 'after', head.lastId);
  if (early !== undefined) await options.onNextCursor?.(early);
  const { items, paging } = readConversationList(data);
  const next = nextCursor(paging, 'after', items.at(-1)?.id);
  return next === undefined ? { items } : { items, nextCursor: next };
}

/** Every participant of a conversation: List Participants walked to its end, 100 per page. */
export function allParticipants(
  api: SunshineApi,
  conversationId: string,
  options: ProviderCallOptions,
): Promise<Participant[]> {
  return collectAll('conversations.get', async (after) => {
    const page = { ...(after === undefined ? {} : { after }), size: SUNSHINE_MAX_PAGE_SIZE };
    return readParticipantList(await unvalidated.listParticipants(api, conversationId, page, options));
  });
}

const bySentAt = (a: TimedMessage, b: TimedMessage) =>
  a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0;

/** Oldest first by `received`; the sort is stable, so messages of the same millisecond keep the server's order. */
function oldestFirst(list: MessageList, anchor: string | undefined): TimedMessage[] {
  // The anchor is the record a cursor points to; drop it in case the server includes it. The
  // array is the reader's own, so it is sorted in place, and only when the server did not.
  const page = anchor === undefined ? list.items : list.items.filter((timed) => timed.message.id !== anchor);
  for (let i = 1; i < page.length; i++)
    if ((page[i - 1] as TimedMessage).sentAt > (page[i] as TimedMessage).sentAt) return page.sort(bySentAt);
  return page;
}

// Provider state of a messages listing: `a:<id>` resumes oldest-first after message <id>,
// `d:<cursor>` resumes newest-first before <cursor> (a message id or Sunshine's beforeCursor).
type MessageState = { order: 'asc'; after: string } | { order: 'desc'; before: string };

function parseMessageState(state: string, order: 'asc' | 'desc', operation: string): MessageState {
  const match = /^([ad]):(.+)$/s.exec(checkState(state, operation));
  const kind = match?.[1];
  const value = match?.[2];
  if (kind === undefined || value === undefined || (kind === 'a') !== (order === 'asc'))
    throw invalidRequest(
      'cursor',
      `does not resume an ${order === 'asc' ? 'oldest-first' : 'newest-first'} Sunshine message listing`,
      { provider: 'sunshine', operation },
    );
  return kind === 'a' ? { order: 'asc', after: value } : { order: 'desc', before: value };
}

/**
 * One page of `messages.list`. Sunshine pages backwards only from the newest 100 messages, so:
 *
 * - `desc` (newest first) follows Sunshine: one request per provider page; a page split by a
 *   smaller `limit` resumes with `page[before]=<last yielded id>`.
 * - `asc` (oldest first, the default) first walks backwards to the oldest page, or to the page
 *   where `since` is crossed, keeping only that one page in memory; then it pages forwards with
 *   `page[after]=<last yielded id>`. Cost: the first page takes k+1 requests for k older pages
 *   (each page is fetched twice over the whole listing, ≈ 2 requests per 100 messages), memory
 *   stays at one page, and a resumed cursor also sees messages that arrived meanwhile.
 *   Forward paging with `page[after]` on List Messages is inferred from the generic cursor rules
 *   ("cursors pointing to a record id", "records subsequent to it"); the spec only describes the
 *   backwards direction for this endpoint.
 * - `since` stops as soon as a message at or before it is reached, in both orders.
 */
export async function listMessagesPage(
  api: SunshineApi,
  conversationId: string,
  params: ProviderListMessagesParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Message>> {
  const operation = 'messages.list';
  const size = params.limit ?? MESSAGES_PER_PAGE;
  // Datetimes are compared as the fixed-width ISO strings the reader made of them.
  const since = params.since === undefined ? undefined : sinceIso(params.since);
  const newerOnly = (page: TimedMessage[]) =>
    since === undefined ? page : page.filter((timed) => timed.sentAt > since);
  const fetch = async (page: { after?: string; before?: string }) =>
    readMessageList(await unvalidated.listMessages(api, conversationId, page, options));
  // Only the messages a page keeps are read beyond `id` and `received`.
  const map = (list: MessageList, kept: TimedMessage[]) => readKeptMessages(list, kept, conversationId);
  const state =
    params.cursor === undefined ? undefined : parseMessageState(params.cursor, params.order, operation);

  if (params.order === 'desc') {
    const seen = new Set<string>();
    let before = state?.order === 'desc' ? state.before : undefined;
    for (let walked = 0; walked < MAX_WALK; walked++) {
      const list = await fetch(before === undefined ? {} : { before });
      const page = oldestFirst(list, before).reverse();
      const fresh = newerOnly(page);
      const reachedSince = fresh.length < page.length;
      const items = fresh.slice(0, size);
      const last = items.at(-1);
      if (last !== undefined && items.length < fresh.length)
        return { items: map(list, items), nextCursor: `d:${last.message.id}` };
      const older = reachedSince ? undefined : nextCursor(list.paging, 'before', page.at(-1)?.message.id);
      if (older === undefined) return { items: map(list, items) };
      if (items.length > 0) return { items: map(list, items), nextCursor: `d:${older}` };
      // An empty page that says there is more (only the anchor, or a server gap): keep walking.
      if (seen.has(older) || older === before) throw misbehaved(operation, `repeated the cursor ${older}`);
      seen.add(older);
      before = older;
    }
    throw misbehaved(operation, `served more than ${MAX_WALK} pages`);
  }

  const emit = (
    list: MessageList,
    window: TimedMessage[],
    isNewest: boolean,
    more: boolean,
  ): ProviderPage<Message> => {
    const items = window.slice(0, size);
    const last = items.at(-1);
    // More remains when the window was cut by `limit`, or when newer pages were walked past.
    if (last !== undefined && (items.length < window.length || !isNewest || more))
      return { items: map(list, items), nextCursor: `a:${last.message.id}` };
    return { items: map(list, items) };
  };

  if (state?.order === 'asc') {
    const list = await fetch({ after: state.after });
    const page = newerOnly(oldestFirst(list, state.after));
    return emit(list, page, true, nextCursor(list.paging, 'after', page.at(-1)?.message.id) !== undefined);
  }

  // Oldest first from the start: walk backwards to the oldest page (or to `since`).
  const seen = new Set<string>();
  let before: string | undefined;
  let previous: { list: MessageList; page: TimedMessage[] } | undefined;
  for (let walked = 0; walked < MAX_WALK; walked++) {
    const list = await fetch(before === undefined ? {} : { before });
    const page = oldestFirst(list, before);
    const window = newerOnly(page);
    const older =
      window.length < page.length ? undefined : nextCursor(list.paging, 'before', page[0]?.message.id);
    if (older === undefined) {
      // Nothing of this page is new enough: the window is the newer page walked past, if any.
      if (window.length === 0 && previous !== undefined)
        return emit(previous.list, previous.page, walked === 1, false);
      return emit(list, window, walked === 0, false);
    }
    if (seen.has(older) || older === before) throw misbehaved(operation, `repeated the cursor ${older}`);
    seen.add(older);
    before = older;
    previous = { list, page };
  }
  throw misbehaved(operation, `served more than ${MAX_WALK} pages`);
}

/** The newest `count` messages, oldest first (for `conversations.get` with `messageLimit`). */
export async function newestMessages(
  api: SunshineApi,
  conversationId: string,
  count: number,
  options: ProviderCallOptions,
): Promise<Message[]> {
  const collected: Message[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await listMessagesPage(
      api,
      conversationId,
      { order: 'desc', limit: Math.min(MESSAGES_PER_PAGE, count - collected.length), cursor },
      options,
    );
    collected.push(...page.items);
    cursor = page.nextCursor;
    if (cursor !== undefined && seen.has(cursor))
      throw misbehaved('conversations.get', `repeated the cursor ${cursor}`);
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined && collected.length < count);
  return collected.reverse();
}
