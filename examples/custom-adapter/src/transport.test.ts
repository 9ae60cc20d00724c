import { createConversations } from '@parley/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acme } from './adapter.js';
import { type AcmeService, startAcmeService } from './service/server.js';
import { parseAcmeError } from './transport.js';

let service: AcmeService;
beforeAll(async () => {
  service = await startAcmeService();
});
afterAll(() => service.close());

const seen: string[] = [];
beforeEach(() => {
  seen.length = 0;
});

const client = (token: string) =>
  createConversations({
    adapters: [acme],
    config: { provider: 'acme', acme: { token, baseUrl: service.baseUrl }, retry: { limit: 0 } },
    hooks: { onRequest: (request) => seen.push(JSON.stringify(request)) },
  });

describe('createAcmeTransport', () => {
  it('sends the bearer token, and hooks see it redacted', async () => {
    const page = await client(service.token).conversations.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(service.token);
  });

  it('maps a refused token to unauthorized with Acme’s code, message and request id, and no token', async () => {
    const error = await client('wrong-token-42')
      .conversations.get('conv-001')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unauthorized',
      status: 401,
      provider: 'acme',
      operation: 'conversations.get',
      providerCode: 'unauthorized',
      providerMessage: 'a valid bearer token is required',
    });
    expect((error as { requestId?: string }).requestId).toMatch(/^req-\d+$/);
    expect(JSON.stringify(error)).not.toContain('wrong-token-42');
    expect(String((error as Error).message)).not.toContain('wrong-token-42');
  });

  it('maps a missing conversation to not_found with the service’s code', async () => {
    const error = await client(service.token)
      .conversations.get('conv-999')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found', status: 404, providerCode: 'conversation_not_found' });
  });
});

describe('parseAcmeError', () => {
  it('reads the header request id first, and only it from a body that is not Acme’s', () => {
    const headers = new Headers({ 'x-request-id': 'req-h' });
    expect(
      parseAcmeError({
        status: 400,
        headers,
        body: { error: { code: 'c', message: 'm' }, request_id: 'req-b' },
      }),
    ).toEqual({ requestId: 'req-h', providerCode: 'c', providerMessage: 'm' });
    expect(
      parseAcmeError({ status: 400, headers: new Headers(), body: { error: {}, request_id: 'req-b' } }),
    ).toEqual({ requestId: 'req-b', providerCode: undefined, providerMessage: undefined });
    expect(parseAcmeError({ status: 502, headers, body: '<html>Bad gateway</html>' })).toEqual({
      requestId: 'req-h',
    });
  });
});
