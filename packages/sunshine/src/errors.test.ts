import type { RequestInfo } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  APP_PATH,
  BASIC,
  failure,
  fastSettings,
  fixture,
  KEY_SECRET,
  sunshineHost,
  testClient,
  testConfig,
  testProvider,
  useNock,
} from './__fixtures__/harness.js';
import { createSunshineProvider } from './provider.js';

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
    const provider = createSunshineProvider(testConfig({ auth }), {
      ...fastSettings,
      hooks: { onRequest: (info) => seen.push(info) },
    });
    sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
    await provider.raw.getConversation(cid);
    expect(seen[0]?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(seen)).not.toMatch(/Basic |Bearer |eyJ/);
  });

  it('an aborted signal stops the call before sending', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(testClient().conversations.get(cid, { signal: controller.signal }));
    expect(error.code).toBe('aborted');
  });
});
