import { createConversations } from '@parley/core';
import { createMemoryProvider } from '@parley/core/testing';
import { describe, expect, it } from 'vitest';
import { runTour } from './tour.js';

describe('runTour', () => {
  it('lists, opens the first conversation, reads all its messages and uploads a note', async () => {
    const client = createConversations({
      adapters: [createMemoryProvider({ conversations: 12, messagesPerConversation: 4 })],
      config: { provider: 'memory' },
    });
    const lines: string[] = [];
    const summary = await runTour(client, { log: (line) => lines.push(line) });
    expect(summary).toMatchObject({
      provider: 'memory',
      conversationsOnFirstPage: 10,
      hasMorePages: true,
      messagesRead: 4,
      skipped: [],
    });
    expect(summary.opened?.id).toBe((await client.conversations.list({ limit: 1 })).items[0]?.id);
    expect(summary.upload).toMatch(/^23 bytes → /);
    expect(lines[0]).toBe('listed 10 conversations (more pages available)');
  });

  it('skips what the provider cannot do instead of failing', async () => {
    const memory = createMemoryProvider({ conversations: 1, messagesPerConversation: 1 });
    // The same adapter without uploads: a provider's capabilities are the methods it implements.
    const noUploads: typeof memory = {
      ...memory,
      createProvider: (options) => {
        const { uploadMedia: _omitted, ...provider } = memory.createProvider(options);
        return provider;
      },
    };
    const client = createConversations({ adapters: [noUploads], config: { provider: 'memory' } });
    const summary = await runTour(client);
    expect(client.supports('media.upload')).toBe(false);
    expect(summary.skipped).toEqual(['media.upload']);
    expect(summary.upload).toBeUndefined();
    expect(summary.messagesRead).toBe(1);
  });

  it('counts in the singular and names who an untitled conversation is with', async () => {
    const memory = createMemoryProvider({ conversations: 1, messagesPerConversation: 1 });
    // As UltraCart's and Sunshine's conversations often come: no title, and no channel on Sunshine.
    const untitled: typeof memory = {
      ...memory,
      createProvider: (options) => {
        const provider = memory.createProvider(options);
        const get = provider.getConversation?.bind(provider);
        return {
          ...provider,
          ...(get === undefined
            ? {}
            : {
                getConversation: async (...args: Parameters<typeof get>) => {
                  const { title: _title, channel: _channel, ...rest } = await get(...args);
                  return { ...rest, participants: rest.participants.filter((p) => p.role !== 'agent') };
                },
              }),
        };
      },
    };
    const client = createConversations({ adapters: [untitled], config: { provider: 'memory' } });
    const lines: string[] = [];
    const summary = await runTour(client, { log: (line) => lines.push(line) });
    expect(summary.opened).toMatchObject({ title: 'with Ada Customer', participants: 1 });
    expect(summary.opened?.channel).toBeUndefined();
    expect(lines.slice(0, 3)).toEqual([
      'listed 1 conversation',
      `opened ${summary.opened?.id}, untitled, with Ada Customer (1 participant)`,
      'read 1 message',
    ]);
  });
});
