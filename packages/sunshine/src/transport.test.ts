import { createConversations, type RequestInfo } from '@parley/core';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_PATH,
  BASIC,
  failure,
  fixture,
  isValidAppJwt,
  sunshineHost,
  useNock,
} from './__fixtures__/harness.js';
import {
  createTestProvider,
  KEY_SECRET,
  testClient,
  testConfig,
  testProvider,
} from './__fixtures__/test-provider.js';
import { sunshine } from './adapter.js';
import { sunshineBaseUrl, sunshineErrorDetails } from './transport.js';
import { errorResponseSchema } from './wire/common.js';

useNock();

const cid = '029c31f25a21b47effd7be90';
const conversationPath = `${APP_PATH}/conversations/${cid}`;
const noWait = { 'Retry-After': '0' };

describe('HTTP errors', () => {
  it.each([
    [400, 'invalid_request', 'bad_request', 'Invalid page query parameters'],
    [401, 'unauthorized', 'unauthorized', 'Authorization is required'],
    [403, 'forbidden', 'forbidden', 'Forbidden'],
    [404, 'not_found', 'conversation_not_found', 'Conversation not found'],
    [409, 'conflict', 'conflict', 'Conflict'],
    [423, 'conflict', 'locked', 'Message limit of 30000 per conversation reached.'],
  ])('%i → %s with the provider code and title', async (status, code, providerCode, title) => {
    sunshineHost()
      .delete(conversationPath)
      .reply(status, { errors: [{ code: providerCode, title }] });
    const error = await failure(testClient().conversations.delete(cid));
    expect(error).toMatchObject({
      code,
      status,
      providerCode,
      providerMessage: title,
      retryable: false,
      provider: 'sunshine',
    });
  });

  it('a 400 with several errors keeps the first code and every title', async () => {
    sunshineHost()
      .get(conversationPath)
      .reply(400, {
        errors: [
          { code: 'bad_request', title: 'first' },
          { code: 'bad_request', title: 'second' },
        ],
      });
    const error = await failure(testProvider().raw.getConversation(cid));
    expect(error.providerMessage).toBe('first; second');
  });

  it('423 on messages.send is a conflict and is not retried', async () => {
    sunshineHost()
      .post(`${conversationPath}/messages`)
      .once()
      .reply(423, {
        errors: [{ code: 'locked', title: 'Message limit of 30000 per conversation reached.' }],
      });
    const error = await failure(testClient().messages.send(cid, { text: 'hi' }));
    expect(error.code).toBe('conflict');
    // The client names its own operation on every provider; the message keeps the raw one.
    expect(error.operation).toBe('messages.send');
    expect(error.message).toContain('postMessage');
  });

  it('429 on a GET is retried (Retry-After honoured) and recovers', async () => {
    sunshineHost()
      .get(conversationPath)
      .reply(429, { errors: [{ code: 'too_many_requests', title: 'slow down' }] }, noWait);
    sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query(true)
      .reply(200, fixture('list-participants'));
    const conversation = await testClient().conversations.get(cid);
    expect(conversation.id).toBe('67a0ecf8f0305f4a391e9db1');
  });

  it('429 on create (a POST Sunshine refused) is retried and recovers', async () => {
    let posts = 0;
    sunshineHost()
      .post(`${APP_PATH}/conversations`)
      .times(2)
      .reply(() => {
        posts++;
        return posts === 1
          ? [429, { errors: [{ code: 'too_many_requests', title: 'x' }] }, noWait]
          : [201, fixture('create-conversation')];
      });
    sunshineHost()
      .get(`${APP_PATH}/conversations/67a0ecf8f0305f4a391e9db1/participants`)
      .query(true)
      .reply(200, fixture('list-participants'));
    await testClient().conversations.create({ participants: [{ userId: 'u1' }] });
    expect(posts).toBe(2);
  });

  it('429 that persists ends as rate_limited after the retry limit', async () => {
    sunshineHost()
      .get(conversationPath)
      .times(3)
      .reply(429, { errors: [{ code: 'too_many_requests', title: 'x' }] }, noWait);
    const error = await failure(testProvider().raw.getConversation(cid));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429, retryAfterMs: 0 });
  });

  it('5xx on a GET is retried up to the limit, then unavailable', async () => {
    let attempts = 0;
    sunshineHost()
      .get(conversationPath)
      .times(3)
      .reply(() => {
        attempts++;
        return [503, '<html>bad gateway</html>', { 'Content-Type': 'text/html', ...noWait }];
      });
    const error = await failure(testProvider().raw.getConversation(cid));
    expect(attempts).toBe(3);
    expect(error).toMatchObject({ code: 'unavailable', retryable: true, status: 503 });
    expect(error.providerCode).toBeUndefined();
  });

  it('500 on create is sent exactly once: Sunshine may have created it', async () => {
    let posts = 0;
    sunshineHost()
      .post(`${APP_PATH}/conversations`)
      .reply(() => {
        posts++;
        return [500, { errors: [{ code: 'internal_error', title: 'oops' }] }, noWait];
      })
      .persist();
    const error = await failure(testClient().conversations.create({ participants: [{ userId: 'u1' }] }));
    expect(error.code).toBe('unavailable');
    expect(posts).toBe(1);
  });

  it('500 on messages.send is sent exactly once', async () => {
    let posts = 0;
    sunshineHost()
      .post(`${conversationPath}/messages`)
      .reply(() => {
        posts++;
        return [502, { errors: [{ code: 'bad_gateway', title: 'x' }] }, noWait];
      })
      .persist();
    const error = await failure(testClient().messages.send(cid, { text: 'hello' }));
    expect(error.code).toBe('unavailable');
    expect(posts).toBe(1);
  });
});

describe('bad answers', () => {
  it('malformed JSON is invalid_response', async () => {
    sunshineHost()
      .get(conversationPath)
      .reply(200, '{"conversation": {', { 'Content-Type': 'application/json' });
    const error = await failure(testProvider().raw.getConversation(cid));
    expect(error.code).toBe('invalid_response');
  });

  it.each([
    ['a conversation id that is not a string', { conversations: [{ id: 42 }] }, 'conversations[0].id'],
    ['a missing conversations array', { meta: { hasMore: false } }, 'conversations'],
    ['hasMore that is not a boolean', { conversations: [], meta: { hasMore: 'yes' } }, 'meta.hasMore'],
    [
      'an unparsable date',
      { conversations: [{ id: 'c', createdAt: 'yesterday' }] },
      'conversations[0].createdAt',
    ],
  ])('%s → invalid_response naming %s', async (_why, body, path) => {
    sunshineHost().get(`${APP_PATH}/conversations`).query(true).reply(200, body);
    const error = await failure(testClient().conversations.list({ userId: 'u1' }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain(path);
  });

  it('a message without received names messages[0].received', async () => {
    sunshineHost()
      .get(`${conversationPath}/messages`)
      .reply(200, { messages: [{ id: 'm', author: { type: 'user' } }] });
    const error = await failure(testClient().messages.list(cid, { order: 'desc' }));
    expect(error.message).toContain('messages[0].received');
  });
});

describe('secrets', () => {
  it('a provider message echoing the key secret or basic credentials is scrubbed', async () => {
    const encoded = BASIC.slice('Basic '.length);
    sunshineHost()
      .get(conversationPath)
      .reply(401, { errors: [{ code: 'unauthorized', title: `bad key ${KEY_SECRET} / ${encoded}` }] });
    const error = await failure(testProvider().raw.getConversation(cid));
    const everything = `${error.message} ${error.providerMessage} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(KEY_SECRET);
    expect(everything).not.toContain(encoded);
    expect(error.providerMessage).toContain('[redacted]');
  });

  it('a provider message echoing the JWT is scrubbed', async () => {
    let token = '';
    sunshineHost()
      .get(conversationPath)
      .reply(function () {
        token = String(this.req.headers.authorization).slice('Bearer '.length);
        return [401, { errors: [{ code: 'unauthorized', title: `expired: ${token}` }] }];
      });
    const error = await failure(testProvider({ auth: 'jwt' }).raw.getConversation(cid));
    expect(token.split('.')).toHaveLength(3);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(token);
    expect(error.providerMessage).toBe('expired: [redacted]');
  });

  it.each(['basic', 'jwt'] as const)('hooks see a redacted authorization header (%s)', async (auth) => {
    const seen: RequestInfo[] = [];
    const provider = createTestProvider(testConfig({ auth }), {
      hooks: { onRequest: (info) => seen.push(info) },
    });
    sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
    await provider.raw.getConversation(cid);
    expect(seen[0]?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(seen)).not.toMatch(/Basic |Bearer |eyJ/);
  });

  it('a jwt client signs once for concurrent first requests (the signer loads on first use)', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const seen: string[] = [];
    sunshineHost()
      .get(conversationPath)
      .twice()
      .reply(function () {
        seen.push(String(this.req.headers.authorization));
        return [200, fixture('get-conversation')];
      });
    const provider = testProvider({ auth: 'jwt' });
    await Promise.all([provider.raw.getConversation(cid), provider.raw.getConversation(cid)]);
    expect(sign).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(isValidAppJwt(seen[0] ?? '')).toBe(true);
    sign.mockRestore();
  });

  it('an aborted signal stops the call before sending', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(testClient().conversations.get(cid, { signal: controller.signal }));
    expect(error.code).toBe('aborted');
  });
});

/** A client whose fetch answers every request with `body` (HTTP 200) and records the URLs. */
function clientAnswering(body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : String(input));
    const text = JSON.stringify(body);
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = createConversations({
    adapters: [sunshine],
    config: { provider: 'sunshine', sunshine: testConfig(), retry: { limit: 2 } },
    fetch: fetch as typeof globalThis.fetch,
  });
  return { client, urls };
}

// Found by the reliability suite's fault matrix: a 200 `{ errors }` passed for success on the
// calls whose answer is `{}`.
describe('a 2xx answer that carries errors', () => {
  it('fails a `{}`-answer call with provider_error instead of passing for success, without retrying', async () => {
    const { client, urls } = clientAnswering({
      errors: [{ code: 'conflict', title: 'Conversation is locked' }],
    });
    const error = await failure(client.conversations.delete(cid));
    expect(error).toMatchObject({
      code: 'provider_error',
      status: 200,
      providerCode: 'conflict',
      providerMessage: 'Conversation is locked',
      retryable: false,
      operation: 'conversations.delete',
    });
    expect(urls).toHaveLength(1);
  });

  it('fails a call with a body the same way, and scrubs the key secret from the title', async () => {
    const { client } = clientAnswering({ errors: [{ title: `bad key ${KEY_SECRET}` }] });
    const error = await failure(client.conversations.markRead(cid));
    expect(error.code).toBe('provider_error');
    expect(error.providerMessage).toBe('bad key [redacted]');
    expect(JSON.stringify(error)).not.toContain(KEY_SECRET);
    expect(error.message).not.toContain(KEY_SECRET);
  });

  it('still accepts an empty `errors` list alongside a normal answer', async () => {
    const { client } = clientAnswering({ errors: [] });
    await expect(client.conversations.delete(cid)).resolves.toBeUndefined();
  });
});

describe('sunshineBaseUrl', () => {
  it.each([
    [{ subdomain: 'acme' }, 'https://acme.zendesk.com/sc'],
    [{ region: 'us' as const }, 'https://api.smooch.io'],
    [{ region: 'eu-1' as const }, 'https://api.eu-1.smooch.io'],
    [{ baseUrl: 'http://127.0.0.1:4010/sc/' }, 'http://127.0.0.1:4010/sc'],
  ])('%o → %s', (config, url) => {
    expect(sunshineBaseUrl(config)).toBe(url);
  });
});

/** What `sunshineErrorDetails` gave when it read the body with `errorResponseSchema`. */
function detailsBySchema(body: unknown) {
  const parsed = v.safeParse(errorResponseSchema, body);
  if (!parsed.success || parsed.output.errors.length === 0) return undefined;
  const errors = parsed.output.errors;
  const code = errors.find((error) => error.code !== undefined)?.code;
  const titles = errors.map((error) => error.title).filter((title) => title !== undefined);
  return {
    ...(code === undefined ? {} : { providerCode: code }),
    ...(titles.length === 0 ? {} : { providerMessage: titles.join('; ') }),
  };
}

// Near misses of `{ errors: [{ code, title }] }`: each field present, absent, undefined or of
// another type, so the hand reader meets every branch of the schema.
const field = fc.oneof(fc.string(), fc.constant(undefined), fc.integer(), fc.constant(null));
const errorEntry = fc.oneof(
  fc.record({ code: field, title: field }, { requiredKeys: [] }),
  fc.record({ code: fc.string(), title: fc.string(), extra: fc.jsonValue() }),
  fc.jsonValue(),
);
const errorBody = fc.oneof(
  fc.record({ errors: fc.array(errorEntry, { maxLength: 4 }) }),
  fc.record({ errors: fc.oneof(fc.jsonValue(), fc.constant(undefined)) }, { requiredKeys: [] }),
  fc.array(errorEntry),
  fc.anything(),
);

describe('sunshineErrorDetails (fast-check)', () => {
  it('reads exactly what errorResponseSchema takes, with the same outcome', () =>
    fc.assert(
      fc.property(errorBody, (body) => {
        expect(sunshineErrorDetails(body)).toEqual(detailsBySchema(body));
      }),
      { numRuns: 500 },
    ));

  it('keeps the first code and joins every title; an empty list or an entry of another shape gives nothing', () => {
    const errors = [{ title: 'first' }, { code: 'bad_request', title: 'second' }, { code: 'later' }];
    expect(sunshineErrorDetails({ errors })).toEqual({
      providerCode: 'bad_request',
      providerMessage: 'first; second',
    });
    expect(sunshineErrorDetails({ errors: [{}] })).toEqual({});
    expect(sunshineErrorDetails({ errors: [] })).toBeUndefined();
    expect(sunshineErrorDetails({ errors: [{ code: 1 }] })).toBeUndefined();
    expect(sunshineErrorDetails({ errors: [null] })).toBeUndefined();
    expect(sunshineErrorDetails({ errors: {} })).toBeUndefined();
    expect(sunshineErrorDetails('{"errors":[]}')).toBeUndefined();
  });

  it('takes any body and gives only strings', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        for (const value of Object.values(sunshineErrorDetails(body) ?? {}))
          expect(typeof value).toBe('string');
      }),
    ));
});
