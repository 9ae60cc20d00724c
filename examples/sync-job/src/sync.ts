import { open, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import type { ConversationClient, ListConversationsParams } from '@parley/core';

/** What the job saves after each page: enough to resume exactly where it stopped. */
export interface SyncState {
  /** Cursor of the next page of conversations; absent before the first page and after the last. */
  cursor?: string;
  /** Bytes of the output file written when the state was saved; anything after it is from a crashed run. */
  offset: number;
  conversations: number;
  messages: number;
  done: boolean;
}

/** Options of {@link syncAll}. */
export interface SyncOptions {
  /** The JSON-lines file to append to. */
  outFile: string;
  /** Where the resume state is kept (written atomically). */
  stateFile: string;
  /** Filters of the listing (Sunshine needs `userId` or `userExternalId`). */
  listParams?: Omit<ListConversationsParams, 'cursor' | 'signal'>;
  onProgress?: (state: SyncState) => void;
  signal?: AbortSignal;
}

/**
 * Copies every conversation and its messages into `outFile`, one JSON object a line
 * (`{"type":"conversation",…}` then its `{"type":"message",…}` lines). After each page it saves the
 * next cursor and the file's length; a rerun after a crash truncates the half-written page and
 * resumes from that cursor, so every conversation is written exactly once.
 */
export async function syncAll(client: ConversationClient, options: SyncOptions): Promise<SyncState> {
  const state = await loadState(options.stateFile);
  if (state.done) return state;
  await writeFile(options.outFile, '', { flag: 'a' });
  // Drop whatever a crashed run wrote after its last checkpoint: that page is fetched again.
  if ((await stat(options.outFile)).size > state.offset) await truncate(options.outFile, state.offset);
  const out = await open(options.outFile, 'a');
  try {
    let page = await client.conversations.list({
      ...options.listParams,
      ...(state.cursor === undefined ? {} : { cursor: state.cursor }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    for (;;) {
      let chunk = '';
      let messages = 0;
      for (const conversation of page.items) {
        chunk += `${JSON.stringify({ type: 'conversation', ...withoutRaw(conversation) })}\n`;
        for await (const message of client.messages.list(
          conversation.id,
          options.signal ? { signal: options.signal } : {},
        )) {
          chunk += `${JSON.stringify({ type: 'message', ...withoutRaw(message) })}\n`;
          messages++;
        }
      }
      await out.write(chunk);
      await out.sync();
      state.offset += Buffer.byteLength(chunk);
      state.conversations += page.items.length;
      state.messages += messages;
      if (page.nextCursor === undefined) delete state.cursor;
      else state.cursor = page.nextCursor;
      state.done = !page.hasMore;
      await saveState(options.stateFile, state);
      options.onProgress?.(state);
      const next = await page.nextPage();
      if (next === undefined) return state;
      page = next;
    }
  } finally {
    await out.close();
  }
}

function withoutRaw<T extends { raw: unknown }>(value: T): Omit<T, 'raw'> {
  const { raw: _raw, ...rest } = value;
  return rest;
}

async function loadState(file: string): Promise<SyncState> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SyncState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { offset: 0, conversations: 0, messages: 0, done: false };
    throw error;
  }
}

async function saveState(file: string, state: SyncState): Promise<void> {
  // Write then rename, so a crash mid-write never leaves a torn state file.
  await writeFile(`${file}.tmp`, JSON.stringify(state));
  await rename(`${file}.tmp`, file);
}
