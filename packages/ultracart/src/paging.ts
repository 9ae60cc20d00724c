import { type Conversation, ConversationError, type Message } from '@parley/core';
import {
  invalidRequest,
  invalidResponseAt,
  type ProviderCallOptions,
  type ProviderListConversationsParams,
  type ProviderListMessagesParams,
  type ProviderPage,
} from '@parley/core/provider';
import { fetchUnchecked, ULTRACART_MAX_LIMIT, type UltraCartApi } from './api.js';
import { readConversationItems, readConversationsHead, readMessagesAnswer } from './map/answer.js';
import { toMedium } from './map/conversation.js';
import type { TimedMessage } from './map/message.js';
import { getConversationMessagesRequest, getConversationsRequest } from './requests.js';

const PROVIDER = 'ultracart';

/** The `_offset` inside a conversations cursor state, or `invalid_request`. */
function decodeOffset(state: string): number {
  // The client already checked the cursor's provenance; the state is still checked, not trusted.
  if (!/^\d{1,9}$/.test(state))
    throw invalidRequest('cursor', 'is not a conversations cursor of this listing', {
      provider: PROVIDER,
      operation: 'conversations.list',
    });
  return Number(state);
}

/**
 * One page of `conversations.list`, paged by offset: the cursor state is the next `_offset`, the
 * page size `limit` (default the largest, 200), `channel` the `medium` query. UltraCart cannot
 * filter by user, so `userId`/`userExternalId` are refused rather than listing everyone's
 * conversations.
 */
export async function listConversationsPage(
  api: UltraCartApi,
  params: ProviderListConversationsParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Conversation>> {
  const context = { provider: PROVIDER, operation: 'conversations.list' };
  if (params.userId !== undefined || params.userExternalId !== undefined)
    throw invalidRequest(
      'params.userId',
      'is not supported by UltraCart (filter by channel instead)',
      context,
    );
  const offset = params.cursor === undefined ? 0 : decodeOffset(params.cursor);
  const limit = params.limit ?? ULTRACART_MAX_LIMIT;
  const request = getConversationsRequest({
    ...(params.channel === undefined ? {} : { medium: toMedium(params.channel) }),
    _limit: limit,
    _offset: offset,
  });
  // Read in place by the provider's reader (the raw API's `getConversations` runs the full schema):
  // first where the page sits, so the next page can be requested while this one is mapped.
  const data = await fetchUnchecked(api, request, options);
  const { resultSet, count } = readConversationsHead(data);
  // `more`/`next_offset` are the documented signal. Without `more` (inferred fallback): compare
  // with `total_records` when given, else a full page means there may be more.
  const total = resultSet?.total;
  const more = resultSet?.more ?? (typeof total === 'number' ? offset + count < total : count >= limit);
  const next = more && count > 0 ? (resultSet?.nextOffset ?? offset + count) : undefined;
  // A next_offset that does not move forward would page the same results forever; it is refused
  // once the summaries are read, so a broken summary is reported first, as the schema would.
  const advances = next !== undefined && next > offset;
  if (advances) await options.onNextCursor?.(String(next));
  const items = readConversationItems(data);
  if (next === undefined) return { items };
  if (!advances)
    throw invalidResponseAt(
      'metadata.result_set.next_offset',
      `${next} does not move past offset ${offset}`,
      { provider: PROVIDER, operation: 'getConversations' },
    );
  return { items, nextCursor: String(next) };
}

// Messages page by `since`, UltraCart's only way forward through a conversation.
/** Page size used for scans (desc listings) and when no limit is given. */
export const MESSAGE_PAGE_SIZE = 200;
// Upper bound of the request size when many already-seen messages share the boundary millisecond.
const MAX_REQUEST_LIMIT = 1000;
// A desc listing scans forward; a provider that never stops returning new messages must not hang us.
const MAX_SCAN_REQUESTS = 10_000;
const STATE = /^([ad])(\d{1,16})(?:~([0-9a-z]{1,11}(?:\.[0-9a-z]{1,11}){0,999}))?$/;

/**
 * A position in a conversation's messages: the millisecond `epoch` and the (hashed) ids of the
 * messages at exactly that millisecond already delivered. Several messages may share a
 * millisecond, so the epoch alone could lose or repeat some of them.
 */
export interface Position {
  epoch: number;
  seen: Set<string>;
}

/** A message read forward, with its send time and hashed id. */
export interface Entry extends TimedMessage {
  readonly hash: string;
}

/** An {@link Entry} whose hash is computed when first asked: only a page's edge millisecond needs it. */
class ReadEntry implements Entry {
  readonly message: Message;
  readonly epoch: number;
  #hash: string | undefined;

  constructor(message: Message, epoch: number) {
    this.message = message;
    this.epoch = epoch;
  }

  get hash(): string {
    this.#hash ??= hashId(this.message.id);
    return this.#hash;
  }
}

/**
 * What reading messages forward needs: `getConversationMessages`'s answer, checked or not (the
 * messages are read by the provider's checking reader either way). The provider reads without the
 * full schema; the event poller reads through the raw API and counts its requests.
 */
export interface MessagesReader {
  getConversationMessages(
    conversationUuid: string,
    since: number,
    query: { limit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<unknown>;
}

/** A {@link MessagesReader} of the provider: the raw API's request, the answer not run through the schema. */
function uncheckedMessages(api: UltraCartApi): MessagesReader {
  return {
    getConversationMessages: (conversationUuid, since, query, options) =>
      fetchUnchecked(api, getConversationMessagesRequest(conversationUuid, since, query), options),
  };
}

/**
 * The provider state of a messages cursor: `a<epoch>[~<hash>.<hash>…]` for oldest-first listings
 * (next page: messages at or after the position), `d<epoch>[~…]` for newest-first ones (next page:
 * messages before it). Ids are hashed so the state stays small whatever UltraCart's ids look like.
 */
export function encodeMessageState(order: 'asc' | 'desc', position: Position): string {
  const seen = [...position.seen].sort().join('.');
  return `${order === 'asc' ? 'a' : 'd'}${position.epoch}${seen === '' ? '' : `~${seen}`}`;
}

/** The position inside a state this adapter produced for `order`, or `invalid_request`. */
export function decodeMessageState(state: string, order: 'asc' | 'desc'): Position {
  const match = STATE.exec(state);
  const epoch = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(epoch) || match[1] !== (order === 'asc' ? 'a' : 'd'))
    throw invalidRequest('cursor', 'is not a messages cursor of this listing', {
      provider: PROVIDER,
      operation: 'messages.list',
    });
  return { epoch, seen: new Set(match[3] === undefined ? [] : match[3].split('.')) };
}

/** A short stable hash of a message id (53-bit cyrb53, base 36): collisions are negligible. */
export function hashId(id: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The position at `edge`'s millisecond once `delivered` (which ends at `edge`) is out: every
 * delivered message of that millisecond is seen, and so is what `previous` had seen there.
 */
function positionAt(edge: Entry, delivered: readonly Entry[], previous: Position | undefined): Position {
  const seen = new Set(previous !== undefined && previous.epoch === edge.epoch ? previous.seen : []);
  for (const entry of delivered) if (entry.epoch === edge.epoch) seen.add(entry.hash);
  return { epoch: edge.epoch, seen };
}

/**
 * One forward step: up to `limit` messages at or after `position` (minus those already seen),
 * oldest first, and the position after them; `next` is undefined when UltraCart had nothing new.
 *
 * `since` semantics are undocumented (inclusive or exclusive), so the request asks for
 * `epoch - 1` and filters: both readings then return every message of the boundary millisecond.
 * The request also asks for as many extra messages as were already seen there, and doubles when a
 * full answer brings nothing new, so messages sharing a millisecond can never stall the listing.
 * That UltraCart answers the oldest messages after `since` first is inferred. Each call is one
 * request, or more when a full answer held only messages already delivered.
 */
export async function step(
  api: MessagesReader,
  conversationId: string,
  position: Position,
  limit: number,
  options: ProviderCallOptions,
): Promise<{ entries: Entry[]; next?: Position }> {
  let requested = limit + position.seen.size;
  for (;;) {
    const response = await api.getConversationMessages(
      conversationId,
      Math.max(0, position.epoch - 1),
      { limit: requested },
      options,
    );
    const read = readMessagesAnswer(response, conversationId);
    const fresh: Entry[] = [];
    // Repeated ids within the answer are dropped; ids are hashed only at the position's millisecond.
    const inPage = new Set<string>();
    for (const { message, epoch } of read) {
      if (epoch < position.epoch || inPage.has(message.id)) continue;
      const entry = new ReadEntry(message, epoch);
      if (epoch === position.epoch && position.seen.has(entry.hash)) continue;
      inPage.add(message.id);
      fresh.push(entry);
    }
    if (fresh.length === 0) {
      // A full answer of already-delivered messages: more may follow them. Ask for more at once.
      if (read.length >= requested && requested < MAX_REQUEST_LIMIT) {
        requested = Math.min(MAX_REQUEST_LIMIT, requested * 2);
        continue;
      }
      return { entries: [] };
    }
    // Stable sort: UltraCart's order is kept among messages of the same millisecond.
    fresh.sort((a, b) => a.epoch - b.epoch);
    const entries = fresh.slice(0, limit);
    return { entries, next: positionAt(entries[entries.length - 1] as Entry, entries, position) };
  }
}

/**
 * One page of `messages.list`. Oldest first: one request per page, going on until a page brings no
 * new message (so the last page is empty). Newest first costs more, because UltraCart only pages
 * forward: every desc page scans from `since` up to where the previous page stopped (about
 * `messages / 200` requests per page) and keeps the newest `limit` before that point.
 */
export async function listMessagesPage(
  api: UltraCartApi,
  conversationId: string,
  params: ProviderListMessagesParams,
  options: ProviderCallOptions,
): Promise<ProviderPage<Message>> {
  const reader = uncheckedMessages(api);
  const limit = params.limit ?? MESSAGE_PAGE_SIZE;
  // `since` means "sent after this instant": the first position is the next millisecond.
  const start: Position = { epoch: params.since === undefined ? 0 : params.since + 1, seen: new Set() };
  if (params.order === 'asc') {
    const position = params.cursor === undefined ? start : decodeMessageState(params.cursor, 'asc');
    const { entries, next } = await step(reader, conversationId, position, limit, options);
    return {
      items: entries.map((entry) => entry.message),
      ...(next === undefined ? {} : { nextCursor: encodeMessageState('asc', next) }),
    };
  }
  const boundary = params.cursor === undefined ? undefined : decodeMessageState(params.cursor, 'desc');
  const before = (entry: Entry) =>
    boundary === undefined ||
    entry.epoch < boundary.epoch ||
    (entry.epoch === boundary.epoch && !boundary.seen.has(entry.hash));
  let window: Entry[] = [];
  let overflow = false;
  let position: Position | undefined = start;
  for (let requests = 0; position !== undefined; requests++) {
    if (requests >= MAX_SCAN_REQUESTS)
      throw new ConversationError({
        code: 'provider_error',
        message: `ultracart kept returning new messages after ${MAX_SCAN_REQUESTS} requests; stopping the scan`,
        provider: PROVIDER,
        operation: 'messages.list',
      });
    const { entries, next } = await step(reader, conversationId, position, MESSAGE_PAGE_SIZE, options);
    window.push(...entries.filter(before));
    if (window.length > limit) {
      overflow = true;
      window = window.slice(-limit);
    }
    // Past the boundary nothing more can belong to this page.
    const passed = boundary !== undefined && entries.some((entry) => entry.epoch > boundary.epoch);
    position = passed ? undefined : next;
  }
  const items = window.reverse();
  const oldest = items[items.length - 1];
  if (!overflow || oldest === undefined) return { items: items.map((entry) => entry.message) };
  return {
    items: items.map((entry) => entry.message),
    nextCursor: encodeMessageState('desc', positionAt(oldest, items, boundary)),
  };
}
