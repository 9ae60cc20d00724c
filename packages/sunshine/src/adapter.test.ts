import { configFromEnv, createConversations } from '@parley/core';
import { conversationProviderContract } from '@parley/core/conformance';
import { capabilitiesOf } from '@parley/core/provider';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_SECRET, testProvider } from './__fixtures__/test-provider.js';
import { sunshine } from './adapter.js';

// One emulator for both senders; the contract tests only read, create their own objects, or undo
// what they change (join then leave).
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
});
afterAll(() => emulator.close());

// The fixtures are read lazily: the emulator only exists once beforeAll has run.
const lazy = <T extends object>(get: () => T): T =>
  new Proxy({} as T, { get: (_target, key) => get()[key as keyof T], has: (_t, key) => key in get() });

conversationProviderContract({
  name: 'sunshine via emulator',
  createClient: ({ fetch }) =>
    createConversations({
      adapters: [sunshine],
      config: {
        provider: 'sunshine',
        sunshine: {
          appId: emulator.sunshine.appId,
          keyId: emulator.sunshine.keyId,
          keySecret: emulator.sunshine.keySecret,
          baseUrl: emulator.sunshine.baseUrl,
        },
      },
      fetch, // undefined on the node:http run: the client keeps its default sender
    }),
  // What the emulator received, so request counts hold on the node:http sender too.
  receivedRequests: () => emulator.requests.length,
  fixtures: lazy(() => ({
    conversationId: emulator.facts.sunshine.groupConversationId,
    missingConversationId: 'ffffffffffffffffffffffff',
    listParams: { userId: emulator.facts.sunshine.powerUser.id },
    participant: { userId: emulator.facts.sunshine.users[1]?.id ?? emulator.facts.sunshine.powerUser.id },
    createInput: {
      type: 'personal' as const,
      title: 'Contract conversation',
      participants: [{ userId: emulator.facts.sunshine.powerUser.id }],
    },
  })),
});

describe('the sunshine adapter definition', () => {
  it('builds a provider whose capabilities are the methods it implements, with Sunshine page sizes', () => {
    const provider = testProvider();
    expect([...capabilitiesOf(provider)].sort()).toEqual([
      'conversations.create',
      'conversations.delete',
      'conversations.get',
      'conversations.join',
      'conversations.leave',
      'conversations.list',
      'conversations.markRead',
      'conversations.typing',
      'conversations.update',
      'events.subscribe',
      'media.upload',
      'messages.list',
      'messages.send',
    ]);
    expect(provider.maxPageSize).toEqual({ conversations: 100, messages: 100 });
    expect(JSON.stringify(provider)).not.toContain(KEY_SECRET);
  });

  it('declares its env names and secret keys, so configFromEnv reads SUNSHINE_* without core naming them', () => {
    const config = configFromEnv(
      {
        SUNSHINE_APP_ID: 'app-1',
        SUNSHINE_KEY_ID: 'app_key',
        SUNSHINE_KEY_SECRET: KEY_SECRET,
        SUNSHINE_BASE_URL: 'http://127.0.0.1:4010',
        SUNSHINE_AUTH: 'jwt',
        SUNSHINE_WEBHOOK_SECRET: 'whsec-1',
      },
      [sunshine],
    );
    expect(config.provider).toBe('sunshine');
    expect({ ...config.sunshine }).toEqual({
      appId: 'app-1',
      keyId: 'app_key',
      keySecret: KEY_SECRET,
      baseUrl: 'http://127.0.0.1:4010',
      auth: 'jwt',
      webhookSecret: 'whsec-1',
    });
    expect(JSON.stringify(config)).not.toContain(KEY_SECRET);
    expect(JSON.stringify(config)).not.toContain('whsec-1');
    expect(sunshine.env?.credentials).toEqual(['keyId', 'keySecret']);
    expect(sunshine.secretKeys).toEqual(['keySecret', 'webhookSecret']);
  });
});
