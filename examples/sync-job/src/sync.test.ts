import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConversationClient, createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { describe, expect, it } from 'vitest';
import { type SyncState, syncAll } from './sync.js';

async function lines(file: string) {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; id: string; conversationId?: string });
}

/** A client whose message listing fails once, after `after` conversations, like a crash. */
function crashingOnce(client: ConversationClient, after: number): ConversationClient {
  let listed = 0;
  let crashed = false;
  return {
    ...client,
    messages: {
      ...client.messages,
      list: (id, params) => {
        listed++;
        if (!crashed && listed > after) {
          crashed = true;
          throw new Error('simulated crash');
        }
        return client.messages.list(id, params);
      },
    },
  };
}

describe('syncAll', () => {
  it('writes every conversation and message once, with progress per page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-sync-'));
    const client = createConversations({
      adapters: [createMemoryProvider({ conversations: 7, messagesPerConversation: 3 })],
      config: { provider: 'memory' },
    });
    const progress: number[] = [];
    const state = await syncAll(client, {
      outFile: join(dir, 'out.jsonl'),
      stateFile: join(dir, 'state.json'),
      listParams: { limit: 3 },
      onProgress: (s) => progress.push(s.conversations),
    });
    expect(progress).toEqual([3, 6, 7]);
    expect(state).toMatchObject({ conversations: 7, messages: 21, done: true });
    const written = await lines(join(dir, 'out.jsonl'));
    expect(written.filter((l) => l.type === 'conversation')).toHaveLength(7);
    expect(written.filter((l) => l.type === 'message')).toHaveLength(21);
    expect(written.some((line) => 'raw' in line)).toBe(false);
  });

  it('resumes after a crash from the saved cursor without duplicates or losses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-sync-'));
    const options = {
      outFile: join(dir, 'out.jsonl'),
      stateFile: join(dir, 'state.json'),
      listParams: { limit: 3 },
    };
    const client = createConversations({
      adapters: [createMemoryProvider({ conversations: 8, messagesPerConversation: 2 })],
      config: { provider: 'memory' },
    });
    await expect(syncAll(crashingOnce(client, 4), options)).rejects.toThrow('simulated crash');
    const saved = JSON.parse(await readFile(options.stateFile, 'utf8')) as SyncState;
    expect(saved).toMatchObject({ conversations: 3, done: false });
    expect(saved.cursor).toMatch(/^pc1\./);

    const state = await syncAll(client, options);
    expect(state).toMatchObject({ conversations: 8, messages: 16, done: true });
    const ids = (await lines(options.outFile)).filter((l) => l.type === 'conversation').map((l) => l.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toHaveLength(8);
    // A finished job does nothing more.
    expect(await syncAll(client, options)).toEqual(state);
  });
});
