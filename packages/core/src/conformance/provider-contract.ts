import { describe, expect, it } from 'vitest';
import type { ConversationClient } from '../client/conversation-client.js';
import { encodeCursor } from '../paging/cursor.js';
import { allCapabilities, type Capability } from '../types/capability.js';
import type { CreateConversationInput, ListConversationsParams, ParticipantRef } from '../types/inputs.js';
import type { AgentSession } from '../types/model.js';
import {
  activeParticipants,
  agentStatuses,
  expectCode,
  expectShape,
  unsupportedCalls,
} from './contract-expectations.js';

/** The sender a run of the suite uses: the default `node:http` one, or `fetch` (through ky). */
export type ContractSender = 'node:http' | 'fetch';

/** What {@link ConversationProviderContractOptions.createClient} gets for each test. */
export interface ContractClientContext {
  /** The sender of this run, also shown in the suite's title. */
  readonly sender: ContractSender;
  /**
   * Pass as the client's `fetch` option. Undefined on the `node:http` run (so the client keeps its
   * default sender); on the `fetch` run a fetch that counts the requests it sends.
   */
  readonly fetch: typeof globalThis.fetch | undefined;
}

/** Options of {@link conversationProviderContract}. */
export interface ConversationProviderContractOptions {
  /** Title of the suite, usually the adapter name; each run adds its sender (`memory [fetch]`). */
  name: string;
  /** A client for one test, built with `context.fetch` as its `fetch` option (see {@link ContractClientContext}). */
  createClient(context: ContractClientContext): ConversationClient | Promise<ConversationClient>;
  /** The senders to run the suite on; default both, `node:http` first. */
  senders?: readonly ContractSender[];
  /**
   * How many requests the provider under test has received so far, counted on its side (for an
   * emulator, `() => emulator.requests.length`). With it, request counts ("no request", "exactly
   * one") hold on both senders; without it they are counted only through the `fetch` the suite
   * passes, which the `node:http` run does not use.
   */
  receivedRequests?: () => number;
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
    /** Who joins and leaves `joinConversationId`; omitted for providers where the agent joins itself. */
    participant?: ParticipantRef;
    /**
     * A conversation `participant` (or the agent) is not an active participant of, to join and
     * leave; default `conversationId`. Each run leaves it as it found it.
     */
    joinConversationId?: string;
    /** A queue name for `queues.setAgentStatus`; `queues.list` must list it. */
    queue?: string;
  };
}

/**
 * The conformance suite every adapter runs against itself (call it inside a vitest file), once per
 * sender (`node:http`, then `fetch`). For each capability the adapter declares it checks the neutral
 * result shapes and reads each change back (created, renamed, deleted, joined, left, read, agent
 * status); for each it does not, that the call rejects with `unsupported` before any request; then
 * paging across more than two pages with a resumed cursor, foreign cursors and `not_found`.
 *
 * @example
 * ```ts
 * conversationProviderContract({
 *   name: 'acme via its test server',
 *   createClient: ({ fetch }) =>
 *     createConversations({
 *       adapters: [acme],
 *       config: { provider: 'acme', acme: { baseUrl } },
 *       fetch, // undefined on the node:http run
 *     }),
 *   receivedRequests: () => server.requests.length,
 *   fixtures: { conversationId: 'c-1', missingConversationId: 'nope', participant: { userId: 'u1' }, queue: 'sales' },
 * });
 * ```
 */
export function conversationProviderContract(options: ConversationProviderContractOptions): void {
  for (const sender of options.senders ?? (['node:http', 'fetch'] as const)) contractRun(options, sender);
}

/** The whole suite on one sender. */
function contractRun(options: ConversationProviderContractOptions, sender: ContractSender): void {
  const { fixtures } = options;
  const setup = async () => {
    let viaFetch = 0;
    const fetch: typeof globalThis.fetch | undefined =
      sender === 'fetch'
        ? (input, init) => {
            viaFetch++;
            return globalThis.fetch(input, init);
          }
        : undefined;
    const received = options.receivedRequests;
    const start = received?.() ?? 0;
    const client = await options.createClient({ sender, fetch });
    // Each count only ever misses requests (the fetch one those of the other sender): take the larger.
    const requests = () => Math.max(viaFetch, (received?.() ?? start) - start);
    return { client, requests, viaFetch: () => viaFetch };
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

  /**
   * Checks that `call` sends exactly one request, or none for a provider that sends none (in
   * memory), told apart by whether a `get` sends any; without `get`, at most one.
   */
  const expectOneRequest = async (
    client: ConversationClient,
    requests: () => number,
    call: () => Promise<unknown>,
  ) => {
    let expected: number | undefined;
    if (client.supports('conversations.get')) {
      const before = requests();
      await client.conversations.get(fixtures.conversationId);
      expected = requests() > before ? 1 : 0;
    }
    const before = requests();
    await call();
    if (expected === undefined) expect(requests() - before).toBeLessThanOrEqual(1);
    else expect(requests() - before, 'requests sent').toBe(expected);
  };

  describe(`${options.name} [${sender}]: provider contract`, () => {
    if (options.receivedRequests !== undefined)
      it(`sends its requests through the ${sender} sender, where the suite counts them`, async () => {
        const { client, viaFetch } = await setup();
        const received = options.receivedRequests as () => number;
        const before = received();
        if (client.supports('conversations.get')) await client.conversations.get(fixtures.conversationId);
        else if (client.supports('conversations.list')) await client.conversations.list(fixtures.listParams);
        const count = received() - before;
        expect(count).toBeGreaterThan(0);
        expect(viaFetch()).toBe(sender === 'fetch' ? count : 0);
      });

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
      if (client.supports('conversations.get'))
        expect((await client.conversations.get(created.id)).id).toBe(created.id);
      if (client.supports('conversations.update')) {
        const updated = await client.conversations.update(created.id, { title: 'Renamed by contract' });
        expect(updated.title).toBe('Renamed by contract');
        if (client.supports('conversations.get'))
          expect((await client.conversations.get(created.id)).title).toBe('Renamed by contract');
      }
      if (client.supports('conversations.delete')) {
        await client.conversations.delete(created.id);
        if (client.supports('conversations.get'))
          await expectCode(client.conversations.get(created.id), 'not_found');
      }
    });

    capabilityTest(
      'conversations.join',
      'joins (listed after) and leaves (gone after) a conversation',
      async (client, requests) => {
        const id = fixtures.joinConversationId ?? fixtures.conversationId;
        const participant = fixtures.participant === undefined ? {} : { participant: fixtures.participant };
        const readable = client.supports('conversations.get');
        const before = readable ? activeParticipants(await client.conversations.get(id)) : [];
        await expectOneRequest(client, requests, () => client.conversations.join(id, participant));
        if (readable) {
          const after = activeParticipants(await client.conversations.get(id));
          expect(
            after.filter((p) => !before.includes(p)),
            'a participant joined',
          ).toHaveLength(1);
        }
        if (!client.supports('conversations.leave')) return;
        await expectOneRequest(client, requests, () => client.conversations.leave(id, participant));
        if (readable) expect(activeParticipants(await client.conversations.get(id))).toEqual(before);
      },
    );

    capabilityTest(
      'conversations.markRead',
      'marks a conversation read in exactly one request',
      async (client, requests) => {
        await expectOneRequest(client, requests, () =>
          client.conversations.markRead(fixtures.conversationId),
        );
        // Where the provider tells unread conversations apart, this one no longer is.
        if (client.supports('conversations.get')) {
          const after = await client.conversations.get(fixtures.conversationId);
          if (after.unread !== undefined) expect(after.unread).toBe(false);
        }
        await expectCode(client.conversations.markRead(''), 'invalid_request');
      },
    );

    capabilityTest(
      'conversations.typing',
      'shows and hides the typing indicator in one request each, refusing other actions',
      async (client, requests) => {
        await expectOneRequest(client, requests, () =>
          client.conversations.typing(fixtures.conversationId, 'start'),
        );
        await expectOneRequest(client, requests, () =>
          client.conversations.typing(fixtures.conversationId, 'stop'),
        );
        await expectCode(
          client.conversations.typing(fixtures.conversationId, 'pause' as 'start'),
          'invalid_request',
        );
      },
    );

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

    capabilityTest('queues.list', 'lists queues, and the agent status set is listed', async (client) => {
      const queues = await client.queues.list();
      for (const queue of queues) expectShape('queue', queue);
      if (fixtures.queue === undefined) return;
      const queue = fixtures.queue;
      expect(queues.map((q) => q.name)).toContain(queue);
      if (!client.supports('queues.setAgentStatus')) return;
      await client.queues.setAgentStatus(queue, 'busy');
      const busy = agentStatuses(await client.queues.list(), queue);
      await client.queues.setAgentStatus(queue, 'available');
      const available = agentStatuses(await client.queues.list(), queue);
      // The agent whose status this client sets shows each one in turn.
      const flipped = [...busy].filter(
        ([agent, status]) => status === 'busy' && available.get(agent) === 'available',
      );
      expect(flipped.length, `an agent of ${queue} went from busy to available`).toBeGreaterThan(0);
    });

    capabilityTest(
      'agent.authorize',
      'authorizes the agent and keeps the session alive, one request each',
      async (client, requests) => {
        let session: AgentSession | undefined;
        await expectOneRequest(client, requests, async () => {
          session = await client.agent.authorize();
        });
        expectShape('session', session);
        expect(session?.token).not.toBe('');
        if (client.supports('agent.keepAlive'))
          await expectOneRequest(client, requests, () => client.agent.keepAlive());
      },
    );

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
