import { inspect } from 'node:util';
import { ConversationError, configFromEnv, createConversations } from '@parley/core';
import { conversationProviderContract } from '@parley/core/conformance';
import { outcomeProblems } from '@parley/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme } from './adapter.js';
import { AcmeProvider } from './provider.js';
import { type AcmeService, startAcmeService } from './service/server.js';

// One service for every test: the contract only reads, and sends its messages to one conversation.
let service: AcmeService;
beforeAll(async () => {
  service = await startAcmeService({ conversations: 7, messagesPerConversation: 3 });
});
afterAll(() => service.close());

const adapters = [acme] as const;
const client = (fetch?: typeof globalThis.fetch) =>
  createConversations({
    adapters,
    config: { provider: 'acme', acme: { token: service.token, baseUrl: service.baseUrl } },
    fetch, // undefined on the node:http run: the client keeps its default sender
  });

conversationProviderContract({
  name: 'acme via its loopback service',
  createClient: ({ fetch }) => client(fetch),
  // Counted by the service, so request counts hold on the node:http sender too.
  receivedRequests: () => service.requests.length,
  // The seed is deterministic: conv-001 … conv-007, three messages each. Acme cannot create, join
  // or mark read, so the fixtures those need are left out: the suite checks they are unsupported.
  fixtures: { conversationId: 'conv-002', missingConversationId: 'conv-999' },
});

describe('acme adapter', () => {
  it('has exactly the capabilities of the methods its provider defines', () => {
    expect([...client().capabilities].sort()).toEqual([
      'conversations.get',
      'conversations.list',
      'messages.list',
      'messages.send',
    ]);
    // No method that only throws `unsupported`: what Acme cannot do is absent.
    expect(Object.getOwnPropertyNames(AcmeProvider.prototype).sort()).toEqual([
      'constructor',
      'getConversation',
      'listConversations',
      'listMessages',
      'sendMessage',
    ]);
  });

  it('is picked by configFromEnv from ACME_TOKEN, and the printed config hides the token', async () => {
    const config = configFromEnv(
      { ACME_TOKEN: service.token, ACME_BASE_URL: `${service.baseUrl}/`, UNRELATED: 'x' },
      adapters,
    );
    expect(config).toEqual({
      provider: 'acme',
      acme: { token: service.token, baseUrl: `${service.baseUrl}/` },
    });
    expect(JSON.stringify(config)).not.toContain(service.token);
    expect(inspect(config)).not.toContain(service.token);
    const page = await createConversations({ adapters, config }).conversations.list({ limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual(['conv-007']);
  });

  it('says which variable to set when none is', () => {
    expect(() => configFromEnv({}, adapters)).toThrow(/ACME_TOKEN/);
  });

  it('refuses a misspelt setting naming it and the one it resembles, never the value', () => {
    let error: unknown;
    try {
      createConversations({
        adapters,
        config: { provider: 'acme', acme: { tokn: 'secret-value-1', baseUrl: service.baseUrl } as never },
      });
    } catch (e) {
      error = e;
    }
    expect(ConversationError.isInstance(error) && error.code).toBe('invalid_config');
    expect((error as Error).message).toMatch(/acme\.tokn .*acme\.token/);
    expect((error as Error).message).not.toContain('secret-value-1');
  });

  it('gives neutral objects or invalid_response whatever Acme answers', async () => {
    const conversation = { id: 'conv-1', state: 'open', created_at: 1_759_863_023_000, participants: [] };
    const answers: unknown[] = [
      { conversation },
      { conversation: { ...conversation, state: 'archived', subject: null } },
      { conversation: { ...conversation, created_at: '2025-10-07' } },
      { conversation: { ...conversation, participants: [{ id: 7 }] } },
      { conversation: null },
      [],
      'not JSON',
    ];
    for (const answer of answers) {
      const fetch = async () => Response.json(answer);
      const call = client(fetch).conversations.get('conv-1');
      expect(await outcomeProblems('conversation', call), JSON.stringify(answer)).toEqual([]);
    }
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() =>
      createConversations({
        adapters,
        config: { provider: 'acme', acme: { token: 't', baseUrl: 'ftp://127.0.0.1/v1' } },
      }),
    ).toThrow(/acme\.baseUrl must be an http\(s\) URL/);
  });
});
