import { ConversationError, type ConversationEvent } from '@parley/core';
import { DONE_TTL_MS, type PollerOptions, type PollResult, runPoller } from '@parley/core/provider';
import * as v from 'valibot';
import type { UltraCartApi } from './api.js';
import { missing } from './map/context.js';
import { toConversationEvents } from './map/event.js';
import { type Entry, MESSAGE_PAGE_SIZE, type MessagesReader, type Position, step } from './paging.js';
import type { UltraCartConversationSummary } from './wire/conversation.js';
import { parseIsoTimestamp } from './wire/iso-timestamp.js';

// Live events by polling. UltraCart pushes nothing to REST clients, so a poll reads the conversation
// list (newest first) and, for each conversation that moved since the checkpoint, its messages
// since the last one delivered (the `since` rules of `paging.ts`).

const PROVIDER = 'ultracart';
const LIST = 'getConversations';
/** The first list page of a poll: most polls find nothing newer in it and stop there. */
const FIRST_PAGE = 50;
/** Later list pages (a burst moved many conversations): UltraCart's largest. */
const NEXT_PAGE = 200;
/** List pages one poll may read: 50 pages is about 10,000 conversations moved between two polls. */
const MAX_LIST_PAGES = 50;
/** Message pages read for one conversation in one poll; the rest waits for the next poll. */
const MAX_MESSAGE_PAGES = 25;
/**
 * Conversations the checkpoint tracks, the most recently moved first. Those listed at the newest
 * instant are all kept (the next poll tells by them whether they moved again), up to
 * {@link MAX_TRACKED_AT_NEWEST}: more only when more than 100 moved within UltraCart's one second.
 */
export const MAX_TRACKED_CONVERSATIONS = 100;
/** Hard bound of the conversations tracked at the newest listed instant. */
const MAX_TRACKED_AT_NEWEST = 1000;
/** Hashed message ids kept per conversation for its boundary millisecond. */
const MAX_SEEN_IDS = 100;
/** Conversations `start` positions exactly (those that moved in the newest listed instant). */
const MAX_START_CONVERSATIONS = 10;

/**
 * What the checkpoint remembers of one conversation, as of the last poll that read it.
 */
interface TrackedConversation {
  /** `conversation_uuid`. */
  id: string;
  /**
   * Its listed instant then (the later of `last_message_dts` and `start_dts`, epoch ms at the
   * precision UltraCart sends: whole seconds); -1 when the poll stopped before its last message.
   */
  l: number;
  /** Its `message_count` then, when UltraCart sent one. */
  n?: number | undefined;
  /** `message_epoch` of the newest message delivered (or the instant reading starts from). */
  e: number;
  /** Hashed ids of the messages delivered at exactly `e` (several may share a millisecond). */
  s: string[];
  /**
   * Set by the start only: participant changes before this instant are history. Without it, a join
   * in the same second as the start's listing would be news, since dates are whole seconds.
   */
  p?: number | undefined;
}

/**
 * The UltraCart poll checkpoint, stored as JSON in the event store: small and bounded (at most
 * {@link MAX_TRACKED_CONVERSATIONS} conversations, {@link MAX_TRACKED_AT_NEWEST} when that many moved
 * within the newest listed second, and {@link MAX_SEEN_IDS} ids each).
 */
export interface UltraCartCheckpoint {
  /** Version of this shape. */
  v: 1;
  /**
   * The newest listed instant seen (epoch ms at UltraCart's precision). A conversation listed at or
   * after it may have moved; one listed before it has not.
   */
  at: number;
  /** `at` when the subscription started: participant changes before it are history. */
  from: number;
  /** The conversations read most recently, newest first. */
  c: TrackedConversation[];
}

// Fields a later version adds do not stop this one reading the checkpoint. Loose rather than
// `v.object`, which would drop them to the same effect: no other schema loads valibot's `object`.
const checkpointSchema = v.looseObject({
  v: v.literal(1),
  at: v.number(),
  from: v.number(),
  c: v.array(
    v.looseObject({
      id: v.string(),
      l: v.number(),
      n: v.optional(v.number()),
      e: v.number(),
      s: v.array(v.string()),
      p: v.optional(v.number()),
    }),
  ),
});

/** The checkpoint the store held, or `invalid_config` saying how to start over. */
function readCheckpoint(saved: unknown): UltraCartCheckpoint {
  const parsed = v.safeParse(checkpointSchema, saved);
  if (parsed.success) return parsed.output;
  throw new ConversationError({
    code: 'invalid_config',
    message:
      'the event store holds an UltraCart poll checkpoint this version cannot read; delete its `…:checkpoint` key to start from now',
    provider: PROVIDER,
    operation: 'events.subscribe',
  });
}

/** A listed conversation, read once. */
interface Listed {
  summary: UltraCartConversationSummary;
  id: string;
  /** Its listed instant (later of `last_message_dts` and `start_dts`), epoch ms. */
  at: number | undefined;
  /** How far past `at` the real instant may be: UltraCart's `*_dts` have whole seconds. */
  precision: number;
  started: number | undefined;
  count: number | undefined;
  /** Its path in the list answer, for errors. */
  path: string;
}

/** How coarse an ISO-8601 value is, in milliseconds: 1000 for whole seconds (UltraCart's form). */
function precisionOf(text: string): number {
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(:\d{2}(?:[.,](\d+))?)?)?/.exec(text.trim());
  if (match === null || match[0].length <= 10) return 86_400_000;
  if (match[1] === undefined) return 60_000;
  const fraction = match[2]?.length ?? 0;
  return fraction >= 3 ? 1 : 10 ** (3 - fraction);
}

function readListed(summary: UltraCartConversationSummary, index: number): Listed {
  const path = `conversations[${index}]`;
  const id = summary.conversation_uuid;
  if (!id) throw missing('conversation_uuid', { provider: PROVIDER, operation: LIST, path });
  const last = summary.last_message_dts ? parseIsoTimestamp(summary.last_message_dts) : undefined;
  const started = summary.start_dts ? parseIsoTimestamp(summary.start_dts) : undefined;
  const at = last === undefined ? started : started === undefined ? last : Math.max(last, started);
  const source = at === last ? summary.last_message_dts : summary.start_dts;
  return {
    summary,
    id,
    at,
    precision: source ? precisionOf(source) : 1000,
    started,
    count: summary.message_count ?? undefined,
    path,
  };
}

/**
 * The listed conversations that may have moved since `at` (listed at or after it), in list order,
 * and the newest listed instant. UltraCart documents the list as "ordered newest to oldest" without
 * saying by what; by last activity is inferred (a conversation a customer writes in comes first).
 * Every entry read is compared, not only the first, and paging goes on only while a full page ends
 * with an entry still at or after `at`.
 */
async function listMoved(
  api: UltraCartApi,
  at: number,
  signal: AbortSignal,
  count: () => void,
): Promise<{ moved: Listed[]; newest: number | undefined }> {
  const moved = new Map<string, Listed>();
  let newest: number | undefined;
  let offset = 0;
  let limit = FIRST_PAGE;
  for (let page = 0; ; page++) {
    if (page >= MAX_LIST_PAGES)
      throw new ConversationError({
        code: 'provider_error',
        message: `${PROVIDER} listed more than ${MAX_LIST_PAGES} pages of conversations moved since the last poll; the poller stops rather than skip any`,
        provider: PROVIDER,
        operation: 'events.subscribe',
      });
    count();
    const response = await api.getConversations({ _limit: limit, _offset: offset }, { signal });
    const summaries = response.conversations ?? [];
    let last: Listed | undefined;
    summaries.forEach((summary, index) => {
      last = readListed(summary, index);
      if (last.at === undefined) return;
      newest = newest === undefined ? last.at : Math.max(newest, last.at);
      // An entry listed twice (the list shifts down when one moves up while we page) is read once.
      if (last.at >= at && !moved.has(last.id)) moved.set(last.id, last);
    });
    const resultSet = response.metadata?.result_set;
    const more = resultSet?.more ?? summaries.length >= limit;
    const older = last?.at !== undefined && last.at < at;
    if (!more || summaries.length === 0 || older) break;
    const next = resultSet?.next_offset;
    offset = typeof next === 'number' && next > offset ? next : offset + summaries.length;
    limit = NEXT_PAGE;
  }
  return { moved: [...moved.values()], newest };
}

/**
 * The messages of `conversationId` after `from`, oldest first, going on until a page brings no new
 * message (UltraCart may answer fewer than asked); `caughtUp` is false when it stopped at
 * {@link MAX_MESSAGE_PAGES} pages instead.
 */
async function readMessages(
  reader: MessagesReader,
  conversationId: string,
  from: Position,
  signal: AbortSignal,
): Promise<{ entries: Entry[]; position: Position; caughtUp: boolean }> {
  const entries: Entry[] = [];
  let position = from;
  for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
    const { entries: found, next } = await step(reader, conversationId, position, MESSAGE_PAGE_SIZE, {
      signal,
    });
    if (next === undefined) return { entries, position, caughtUp: true };
    entries.push(...found);
    position = next;
  }
  return { entries, position, caughtUp: false };
}

/** The position after `entries` (oldest first) that are at most `until`, starting at `from`. */
function positionUntil(from: Position, entries: readonly Entry[], until: number): Position {
  let position = from;
  for (const entry of entries) {
    if (entry.epoch > until) break;
    const seen = entry.epoch === position.epoch ? new Set(position.seen) : new Set<string>();
    seen.add(entry.hash);
    position = { epoch: entry.epoch, seen };
  }
  return position;
}

function track(listed: Listed, position: Position, caughtUp: boolean): TrackedConversation {
  return {
    id: listed.id,
    l: caughtUp && listed.at !== undefined ? listed.at : -1,
    ...(listed.count === undefined ? {} : { n: listed.count }),
    e: position.epoch,
    s: [...position.seen].slice(-MAX_SEEN_IDS),
  };
}

/**
 * The checkpoint of "now" for a store that has none: the newest listed instant, and the exact
 * message position of each conversation listed at that instant (a message of that second sent
 * before the listing is history; one sent after it is delivered). One list request and, per such
 * conversation (usually one), its messages of that second: at least two requests.
 */
export async function startUltraCartEvents(
  api: UltraCartApi,
  signal: AbortSignal,
): Promise<{ checkpoint: UltraCartCheckpoint; requests: number }> {
  let requests = 1;
  const reader: MessagesReader = {
    getConversationMessages: (...args) => {
      requests++;
      return api.getConversationMessages(...args);
    },
  };
  const response = await api.getConversations({ _limit: FIRST_PAGE }, { signal });
  const listed = (response.conversations ?? []).map((summary, index) => readListed(summary, index));
  let at = 0;
  for (const item of listed) if (item.at !== undefined && item.at > at) at = item.at;
  const c: TrackedConversation[] = [];
  const top = listed.filter((item) => item.at === at).slice(0, MAX_START_CONVERSATIONS);
  for (const item of top) {
    const from: Position = { epoch: at, seen: new Set() };
    const read = await readMessages(reader, item.id, from, signal);
    // What was sent within the listed instant's precision is what the listing showed.
    c.push({
      ...track(item, positionUntil(from, read.entries, at + item.precision - 1), true),
      p: at + item.precision,
    });
  }
  return { checkpoint: { v: 1, at, from: at, c }, requests };
}

/**
 * The tracked conversations to keep: those not caught up and those listed at the newest instant
 * `at` (up to {@link MAX_TRACKED_AT_NEWEST}), then the most recently listed up to
 * {@link MAX_TRACKED_CONVERSATIONS} in all. One that is dropped and moves again is read from `at`.
 */
function bounded(tracked: Map<string, TrackedConversation>, at: number): TrackedConversation[] {
  const rank = (entry: TrackedConversation) => (entry.l < 0 ? Number.POSITIVE_INFINITY : entry.l);
  const sorted = [...tracked.values()].sort((a, b) => rank(b) - rank(a));
  const newest = sorted.findIndex((entry) => rank(entry) < at);
  const keep = Math.max(
    MAX_TRACKED_CONVERSATIONS,
    Math.min(newest < 0 ? sorted.length : newest, MAX_TRACKED_AT_NEWEST),
  );
  return sorted.slice(0, keep);
}

/**
 * One poll from `saved`: the list pages down to the checkpoint's instant, then for each
 * conversation that moved (listed at or after it, and for a tracked one with another listed
 * instant or `message_count`), its messages after the last one delivered. `requests` counts every
 * list page and messages page sent.
 */
export async function pollUltraCartEvents(
  api: UltraCartApi,
  saved: UltraCartCheckpoint,
  signal: AbortSignal,
): Promise<PollResult<UltraCartCheckpoint>> {
  const checkpoint = readCheckpoint(saved);
  let requests = 0;
  const reader: MessagesReader = {
    getConversationMessages: (...args) => {
      requests++;
      return api.getConversationMessages(...args);
    },
  };
  const { moved, newest } = await listMoved(api, checkpoint.at, signal, () => requests++);
  const tracked = new Map(checkpoint.c.map((entry) => [entry.id, entry]));
  // An untracked conversation's participant changes are news from the subscription's start, but
  // never older than the store remembers delivered events (so none is delivered twice).
  const untrackedSince = Math.max(checkpoint.from, checkpoint.at - DONE_TTL_MS);
  const events: ConversationEvent[] = [];
  // The instant of a conversation read only in part: the next poll must list it again.
  let behind: number | undefined;
  // Oldest first, so events across conversations come roughly in the order they happened.
  for (const listed of moved.reverse()) {
    const known = tracked.get(listed.id);
    if (
      known !== undefined &&
      known.l === listed.at &&
      listed.count !== undefined &&
      known.n === listed.count
    )
      continue;
    const from: Position =
      known === undefined
        ? { epoch: checkpoint.at, seen: new Set() }
        : { epoch: known.e, seen: new Set(known.s) };
    let read: Awaited<ReturnType<typeof readMessages>>;
    try {
      read = await readMessages(reader, listed.id, from, signal);
    } catch (error) {
      // Gone between the listing and its messages: nothing to deliver, nothing to track.
      if (ConversationError.isInstance(error) && error.code === 'not_found') {
        tracked.delete(listed.id);
        continue;
      }
      throw error;
    }
    const created = known === undefined && listed.started !== undefined && listed.started >= checkpoint.at;
    const participantsSince = known?.p ?? (known !== undefined && known.l >= 0 ? known.l : untrackedSince);
    const context = { provider: PROVIDER, operation: LIST, path: listed.path };
    events.push(
      ...toConversationEvents(listed.summary, read.entries, { created, participantsSince, context }),
    );
    tracked.set(listed.id, track(listed, read.position, read.caughtUp));
    if (!read.caughtUp && listed.at !== undefined) behind = Math.min(behind ?? listed.at, listed.at);
  }
  // The watermark never passes a conversation read only in part, so it stays among the moved.
  const at = Math.min(Math.max(checkpoint.at, newest ?? checkpoint.at), behind ?? Number.POSITIVE_INFINITY);
  return { events, checkpoint: { v: 1, at, from: checkpoint.from, c: bounded(tracked, at) }, requests };
}

/**
 * Runs the live-events poller of `api` until the subscription's signal aborts: core's `runPoller`
 * with {@link startUltraCartEvents} and {@link pollUltraCartEvents}. The provider loads it (through
 * deferred.ts) only when an app subscribes.
 */
export function runUltraCartEvents(
  api: UltraCartApi,
  options: Omit<PollerOptions<UltraCartCheckpoint>, 'start' | 'poll'>,
): Promise<void> {
  return runPoller<UltraCartCheckpoint>({
    ...options,
    start: (signal) => startUltraCartEvents(api, signal),
    poll: (checkpoint, signal) => pollUltraCartEvents(api, checkpoint, signal),
  });
}
