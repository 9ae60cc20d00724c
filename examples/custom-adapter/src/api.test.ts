import { createTransport } from '@parley/core/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcmeApi } from './api.js';
import { type AcmeService, startAcmeService } from './service/server.js';

let service: AcmeService;
beforeAll(async () => {
  service = await startAcmeService({ conversations: 3 });
});
afterAll(() => service.close());

/** An API on the real service, or on a fetch that answers `body` to everything. */
const api = (body?: unknown) =>
  new AcmeApi(
    createTransport({
      provider: 'acme',
      baseUrl: service.baseUrl,
      authenticate: () => ({ authorization: `Bearer ${service.token}` }),
      retry: { limit: 0 },
      ...(body === undefined ? {} : { fetch: async () => Response.json(body) }),
    }),
  );

describe('AcmeApi', () => {
  it('returns the wire objects as the service sent them, unknown fields included', async () => {
    const { conversations, next } = await api().listConversations({ limit: 2 });
    expect(conversations.map((c) => c.id)).toEqual(['conv-003', 'conv-002']);
    expect(next).toBe('p2');
    expect(conversations[0]).toMatchObject({ subject: null, state: 'open', priority: 'normal' });
  });

  it('pages messages by token, order and since', async () => {
    const first = await api().listMessages('conv-001', { limit: 2, order: 'desc' });
    expect(first.messages.map((m) => m.id)).toEqual(['conv-001-m3', 'conv-001-m2']);
    const rest = await api().listMessages('conv-001', { limit: 2, order: 'desc', after: first.next ?? '' });
    expect(rest).toMatchObject({ messages: [{ id: 'conv-001-m1' }], next: null });
    const since = first.messages[1]?.sent_at ?? 0;
    const later = await api().listMessages('conv-001', { since });
    expect(later.messages.map((m) => m.id)).toEqual(['conv-001-m3']);
  });

  it('keeps an id one path segment', async () => {
    const before = service.requests.length;
    const error = await api()
      .getConversation('../conv-001?x=1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found' });
    expect(service.requests.slice(before).map((r) => r.path)).toEqual([
      '/v1/conversations/..%2Fconv-001%3Fx%3D1',
    ]);
  });

  it('refuses an id that cannot be a path segment before any request', async () => {
    const before = service.requests.length;
    const error = await api()
      .getConversation('..')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', provider: 'acme' });
    expect(service.requests.length).toBe(before);
  });

  it('turns an answer that breaks the schema into invalid_response naming the field', async () => {
    const error = await api({ conversations: [{ id: 7 }], next: null })
      .listConversations()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_response',
      provider: 'acme',
      operation: 'listConversations',
    });
    expect((error as Error).message).toContain('conversations[0].id');
  });
});
