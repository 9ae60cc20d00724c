import { configFromEnv, createConversations } from '@parley/core';
import { conversationProviderContract } from '@parley/core/conformance';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, failure, testClient } from './__fixtures__/harness.js';
import { ultracart } from './adapter.js';
import { UltraCartApi } from './api.js';
import { UltraCartProvider } from './provider.js';

// One emulator for both senders; the contract tests only read, create their own conversations, or
// undo what they change (join then leave, busy then available).
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
});
afterAll(() => emulator.close());

// The fixtures are read lazily: the emulator only exists once beforeAll has run.
const lazy = <T extends object>(get: () => T): T =>
  new Proxy({} as T, { get: (_target, key) => get()[key as keyof T], has: (_target, key) => key in get() });

conversationProviderContract({
  name: 'ultracart via emulator',
  createClient: ({ fetch }) =>
    createConversations({
      adapters: [ultracart],
      config: {
        provider: 'ultracart',
        ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
      },
      fetch, // undefined on the node:http run: the client keeps its default sender
    }),
  // What the emulator received, so request counts hold on the node:http sender too.
  receivedRequests: () => emulator.requests.length,
  fixtures: lazy(() => ({
    conversationId: emulator.facts.ultracart.joinedConversationUuid,
    missingConversationId: 'no-such-conversation',
    joinConversationId: emulator.facts.ultracart.notJoinedConversationUuid,
    queue: emulator.facts.ultracart.queues[0]?.name ?? 'support',
    createInput: { participants: [{ id: emulator.facts.ultracart.agent.arn }] },
  })),
});

describe('ultracart adapter', () => {
  it('is plain data: its name, env names, secret keys and config schema', () => {
    expect(ultracart.specificationVersion).toBe('v1');
    expect(ultracart.name).toBe('ultracart');
    expect(ultracart.env).toEqual({
      names: {
        apiKey: 'ULTRACART_API_KEY',
        accessToken: 'ULTRACART_ACCESS_TOKEN',
        baseUrl: 'ULTRACART_BASE_URL',
      },
      credentials: ['apiKey', 'accessToken'],
    });
    expect(ultracart.secretKeys).toEqual(['apiKey', 'accessToken']);
    expect(ultracart.configSchema).toBeDefined();
  });

  it('builds a provider from plain values, each with its own raw API and transport', () => {
    const settings = {
      timeoutMs: 1_000,
      maxResponseBytes: 1024 * 1024,
      retry: { limit: 0, maxRetryAfterMs: 0 },
    };
    const config = { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/rest/v2', budget: false as const };
    const first = ultracart.createProvider({ config, settings });
    const second = ultracart.createProvider({ config, settings });
    expect(first).toBeInstanceOf(UltraCartProvider);
    expect(first.raw).toBeInstanceOf(UltraCartApi);
    expect(first.raw).not.toBe(second.raw);
    expect(JSON.stringify(first)).not.toContain(API_KEY);
  });

  it('declares its capabilities by the methods it implements', () => {
    const c = testClient();
    expect(c.provider).toBe('ultracart');
    expect([...c.capabilities].sort()).toEqual(
      [
        'agent.authorize',
        'agent.keepAlive',
        'conversations.create',
        'conversations.get',
        'conversations.join',
        'conversations.leave',
        'conversations.list',
        'conversations.markRead',
        'events.subscribe',
        'media.upload',
        'messages.list',
        'queues.list',
        'queues.setAgentStatus',
      ].sort(),
    );
    expect(c.raw).toBeInstanceOf(UltraCartApi);
  });

  it('refuses update, delete, messages.send and typing as unsupported without a request', async () => {
    const c = testClient();
    expect((await failure(c.conversations.update('c1', { title: 'x' }))).code).toBe('unsupported');
    expect((await failure(c.conversations.delete('c1'))).code).toBe('unsupported');
    expect((await failure(c.messages.send('c1', { text: 'hi' }))).code).toBe('unsupported');
    expect((await failure(c.conversations.typing('c1', 'start'))).code).toBe('unsupported');
    // The provider leaves them out rather than throwing from them.
    const built = ultracart.createProvider({
      config: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', budget: false },
      settings: { timeoutMs: 1_000, maxResponseBytes: 1024, retry: { limit: 0, maxRetryAfterMs: 0 } },
    });
    // Typing goes over the agent websocket only: no sendTyping either.
    for (const method of ['updateConversation', 'deleteConversation', 'sendMessage', 'sendTyping'])
      expect(method in built).toBe(false);
  });

  it('validates its config section and never prints the key', () => {
    expect(() => testClient({ apiKey: API_KEY, accessToken: 'tok-123456' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(() => testClient({ apikey: API_KEY })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(() => testClient({ apiKey: API_KEY, baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    const c = testClient();
    expect(JSON.stringify(c)).not.toContain(API_KEY);
    expect(JSON.stringify(c.raw)).not.toContain(API_KEY);
  });

  it('is picked by configFromEnv from its own variables', () => {
    const env = { ULTRACART_API_KEY: API_KEY, ULTRACART_BASE_URL: 'http://127.0.0.1:9/rest/v2' };
    const config = configFromEnv(env, [ultracart]);
    expect(config).toMatchObject({
      provider: 'ultracart',
      ultracart: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/rest/v2' },
    });
    expect(() => createConversations({ adapters: [ultracart], config })).not.toThrow();
  });
});
