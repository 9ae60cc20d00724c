import { createConversations } from '@parley/core';
import { conversationProviderContract } from '@parley/core/testing';
import { type Emulator, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { afterAll, beforeAll } from 'vitest';

// One emulator for both suites and both senders; the contract tests only read, create their own
// objects, or undo what they change (join then leave).
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
});
afterAll(() => emulator.close());

// The fixtures are read lazily: the emulator only exists once beforeAll has run.
const lazy = <T extends object>(get: () => T): T =>
  new Proxy({} as T, { get: (_target, key) => get()[key as keyof T], has: (_t, key) => key in get() });

// What the emulator received, so request counts hold on the node:http sender too.
const receivedRequests = () => emulator.requests.length;

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
  receivedRequests,
  fixtures: lazy(() => ({
    conversationId: emulator.facts.ultracart.joinedConversationUuid,
    missingConversationId: 'no-such-conversation',
    joinConversationId: emulator.facts.ultracart.notJoinedConversationUuid,
    queue: emulator.facts.ultracart.queues[0]?.name ?? 'support',
    createInput: { participants: [{ id: emulator.facts.ultracart.agent.arn }] },
  })),
});

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
      fetch,
    }),
  receivedRequests,
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
