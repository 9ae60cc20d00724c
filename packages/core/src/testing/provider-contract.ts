import { describe, expect, it } from 'vitest';
import type { ConversationClient } from '../client/conversation-client.js';
import { ConversationError } from '../errors/conversation-error.js';
import { encodeCursor } from '../paging/cursor.js';
import { allCapabilities, type Capability } from '../types/capability.js';
import type { CreateConversationInput, ListConversationsParams, ParticipantRef } from '../types/inputs.js';
import { shapeProblems } from './neutral-shape.js';

/** Options of {@link conversationProviderContract}. */
export interface ConversationProviderContractOptions {
  /** Title of the suite, usually the adapter name. */
  name: string;
  /**
   * A client for one test. Pass `fetch` as the client's `fetch` option: the suite counts requests
   * through it (unsupported calls must send none).
   */
  createClient(context: { fetch: typeof globalThis.fetch }): ConversationClient | Promise<ConversationClient>;
  /** Data the provider under test holds. */
  fixtures: {
    /** An existing conversation with at least one message. */
    conversationId: string;
    /** An id that does not exist. */
    missingConversationId: string;
    /** Filters that list at least 5 conversations (Sunshine: `{ userId }`). */
    listParams?: Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>;
    /** Input for `conversations.create` (and then update/delete of what it created). */
    createInput?: CreateConversationInput;
    /** Who joins and leaves `conversationId`; omitted for providers where the agent joins itself. */
    participant?: ParticipantRef;
    /** A queue name for `queues.setAgentStatus`. */
    queue?: string;
  };
}

const expectShape = (kind: Parameters<typeof shapeProblems>[0], value: unknown) =>
  expect(shapeProblems(kind, value), `${kind} shape`).toEqual([]);

async function expectCode(promise: PromiseLike<unknown>, code: string) {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ConversationError.isInstance(error), `expected a ConversationError, got ${String(error)}`).toBe(
    true,
  );
  expect((error as ConversationError).code).toBe(code);
}

/** An unsupported call for each capability, with valid-looking arguments. */
const unsupportedCalls: Record<Capability, (client: ConversationClient) => PromiseLike<unknown>> = {
  'conversations.list': (c) => c.conversations.list(),
  'conversations.get': (c) => c.conversations.get('x'),
  'conversations.create': (c) => c.conversations.create({ title: 'x' }),
  'conversations.update': (c) => c.conversations.update('x', { title: 'y' }),
  'conversations.delete': (c) => c.conversations.delete('x'),
  'conversations.join': (c) => c.conversations.join('x'),
  'conversations.leave': (c) => c.conversations.leave('x'),
  'conversations.markRead': (c) => c.conversations.markRead('x'),
  'messages.list': (c) => c.messages.list('x'),
  'messages.send': (c) => c.messages.send('x', { text: 'hi' }),
  'media.upload': (c) => c.media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }),
  'queues.list': (c) => c.queues.list(),
  'queues.setAgentStatus': (c) => c.queues.setAgentStatus('q', 'available'),
  'agent.authorize': (c) => c.agent.authorize(),
  'agent.keepAlive': (c) => c.agent.keepAlive(),
};

/**
 * The conformance suite every adapter runs against itself (call it inside a vitest file). For each
 * capability the adapter declares it checks the neutral result shapes; for each it does not, that
 * the call rejects with `unsupported` before any request; then paging across more than two pages
 * with a resumed cursor, foreign cursors and `not_found`.
 *
 * @example
 * ```ts
 * conversationProviderContract({
 *   name: 'memory',
 *   createClient: ({ fetch }) =>
 *     createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' }, fetch }),
 *   fixtures: { conversationId: 'conv-0001', missingConversationId: 'nope', participant: { userId: 'u1' }, queue: 'sales' },
 * });
 * ```
 */
export function conversationProviderContract(options: ConversationProviderContractOptions): void {
  const { fixtures } = options;
  const setup = async () => {
    let requests = 0;
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests++;
      return globalThis.fetch(input, init);
    };
    const client = await options.createClient({ fetch });
    return { client, requests: () => requests };
  };

  /** A test of `cap`: its checks when supported, else `unsupported` with no request sent. */
  const capabilityTest = (
    cap: Capability,
    title: string,
    body: (client: ConversationClient, requests: () => number) => Promise<void>,
  ) =>
    it(`${cap}: ${title} (or unsupported before any request)`, async () => {
      const { client, requests } = await setup();
      if (client.supports(cap)) return body(client, requests);
      await expectCode(unsupportedCalls[cap](client), 'unsupported');
      expect(requests()).toBe(0);
    });

  describe(`${options.name}: provider contract`, () => {
    it('declares only known capabilities, and supports() agrees', async () => {
      const { client } = await setup();
      for (const cap of client.capabilities) expect(allCapabilities).toContain(cap);
      for (const cap of allCapabilities) expect(client.supports(cap)).toBe(client.capabilities.has(cap));
    });

    capabilityTest(
      'conversations.list',
      'lists neutral conversations and pages across 3+ pages with a resumed cursor',
      async (client) => {
        const params = fixtures.listParams ?? {};
        const first = await client.conversations.list({ ...params, limit: 2 });
        expect(first.items).toHaveLength(2);
        for (const conversation of first.items) expectShape('conversation', conversation);
        expect(first.hasMore).toBe(true);
        // A cursor is plain serialisable data: it survives JSON and resumes in a new client.
        const saved = JSON.parse(JSON.stringify({ cursor: first.nextCursor })) as { cursor: string };
        const { client: later } = await setup();
        const second = await later.conversations.list({ ...params, limit: 2, cursor: saved.cursor });
        const third = await second.nextPage();
        expect(third?.items.length ?? 0).toBeGreaterThan(0);
        const ids = [...first.items, ...second.items, ...(third?.items ?? [])].map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
      },
    );

    capabilityTest(
      'conversations.list',
      'refuses a cursor from another provider or a forged one',
      async (client, requests) => {
        const params = fixtures.listParams ?? {};
        const foreign = encodeCursor({
          provider: `not-${client.provider}`,
          scope: 'conversations',
          state: '0',
        });
        await expectCode(client.conversations.list({ ...params, cursor: foreign }), 'invalid_request');
        await expectCode(client.conversations.list({ ...params, cursor: 'pc1.forged.0' }), 'invalid_request');
        expect(requests()).toBe(0);
      },
    );

    capabilityTest(
      'conversations.get',
      'gets a neutral conversation, and not_found for a missing one',
      async (client) => {
        const conversation = await client.conversations.get(fixtures.conversationId);
        expectShape('conversation', conversation);
        expect(conversation.id).toBe(fixtures.conversationId);
        expect(conversation.provider).toBe(client.provider);
        await expectCode(client.conversations.get(fixtures.missingConversationId), 'not_found');
      },
    );

    capabilityTest('messages.list', 'lists neutral messages oldest first', async (client) => {
      const page = await client.messages.list(fixtures.conversationId);
      expect(page.items.length).toBeGreaterThan(0);
      for (const message of page.items) {
        expectShape('message', message);
        expect(message.conversationId).toBe(fixtures.conversationId);
      }
      const times = page.items.map((m) => m.sentAt);
      expect([...times].sort()).toEqual(times);
    });

    capabilityTest('conversations.create', 'creates, updates and deletes a conversation', async (client) => {
      const created = await client.conversations.create(fixtures.createInput ?? { title: 'Contract test' });
      expectShape('conversation', created);
      if (client.supports('conversations.update')) {
        const updated = await client.conversations.update(created.id, { title: 'Renamed by contract' });
        expect(updated.title).toBe('Renamed by contract');
      }
      if (client.supports('conversations.delete')) {
        await client.conversations.delete(created.id);
        if (client.supports('conversations.get'))
          await expectCode(client.conversations.get(created.id), 'not_found');
      }
    });

    capabilityTest('conversations.join', 'joins and leaves a conversation', async (client) => {
      const participant = fixtures.participant === undefined ? {} : { participant: fixtures.participant };
      await expect(client.conversations.join(fixtures.conversationId, participant)).resolves.toBeUndefined();
      if (client.supports('conversations.leave'))
        await expect(
          client.conversations.leave(fixtures.conversationId, participant),
        ).resolves.toBeUndefined();
    });

    capabilityTest('conversations.markRead', 'marks a conversation read', async (client, requests) => {
      await expect(client.conversations.markRead(fixtures.conversationId)).resolves.toBeUndefined();
      await expectCode(client.conversations.markRead(''), 'invalid_request');
      expect(requests()).toBeLessThanOrEqual(1);
    });

    capabilityTest('messages.send', 'sends a message and returns it', async (client) => {
      const message = await client.messages.send(fixtures.conversationId, {
        text: 'Hello from the contract suite',
      });
      expectShape('message', message);
      expect(message.text).toBe('Hello from the contract suite');
    });

    capabilityTest('media.upload', 'uploads a file and returns a media attachment', async (client) => {
      const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const media = await client.media.upload({
        data,
        contentType: 'image/png',
        filename: 'pixel.png',
        conversationId: fixtures.conversationId,
      });
      expectShape('media', media);
      expect(media.contentType).toBe('image/png');
    });

    capabilityTest('queues.list', 'lists queues', async (client) => {
      const queues = await client.queues.list();
      for (const queue of queues) expectShape('queue', queue);
      if (fixtures.queue !== undefined && client.supports('queues.setAgentStatus')) {
        await expect(client.queues.setAgentStatus(fixtures.queue, 'available')).resolves.toBeUndefined();
      }
    });

    capabilityTest('agent.authorize', 'authorizes the agent and keeps the session alive', async (client) => {
      expectShape('session', await client.agent.authorize());
      if (client.supports('agent.keepAlive')) await expect(client.agent.keepAlive()).resolves.toBeUndefined();
    });

    it('refuses bad input before any request', async () => {
      const { client, requests } = await setup();
      if (client.supports('conversations.get'))
        await expectCode(client.conversations.get(''), 'invalid_request');
      if (client.supports('conversations.list'))
        await expectCode(client.conversations.list({ ...fixtures.listParams, limit: 0 }), 'invalid_request');
      if (client.supports('messages.list'))
        await expectCode(
          client.messages.list(fixtures.conversationId, { limit: 100_000 }),
          'invalid_request',
        );
      expect(requests()).toBe(0);
    });
  });
}
