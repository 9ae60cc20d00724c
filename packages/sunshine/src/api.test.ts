import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { APP_PATH, BASIC, fixture, isValidAppJwt, sunshineHost, useNock } from './__fixtures__/harness.js';
import { createTestProvider, testConfig, testProvider } from './__fixtures__/test-provider.js';
import type { SunshineApi } from './api.js';

useNock();

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below `/sc/v2/apps/{appId}`. */
  path: string;
  /** The exact query; absent means no query string at all. */
  query?: Record<string, string>;
  /** The exact JSON body; absent means no body. */
  json?: unknown;
  status: number;
  reply: unknown;
  call: (api: SunshineApi) => Promise<unknown>;
  result?: unknown;
}

const cid = '029c31f25a21b47effd7be90';
const created = fixture('create-conversation');

const cases: Case[] = [
  {
    name: 'createConversation',
    method: 'POST',
    path: '/conversations',
    json: {
      type: 'personal',
      participants: [{ userId: '42589ad070d43be9b00ff7e5' }],
      displayName: 'My conversation',
    },
    status: 201,
    reply: created,
    call: (api) =>
      api.createConversation({
        type: 'personal',
        participants: [{ userId: '42589ad070d43be9b00ff7e5' }],
        displayName: 'My conversation',
      }),
    result: created,
  },
  {
    name: 'listConversations by userId with page[after] and page[size]',
    method: 'GET',
    path: '/conversations',
    query: { 'filter[userId]': 'user-1', 'page[after]': '5ea868f862cdd24abf010b38', 'page[size]': '10' },
    status: 200,
    reply: fixture('list-conversations'),
    call: (api) =>
      api.listConversations({ userId: 'user-1' }, { after: '5ea868f862cdd24abf010b38', size: 10 }),
    result: fixture('list-conversations'),
  },
  {
    name: 'listConversations by userExternalId with page[before]',
    method: 'GET',
    path: '/conversations',
    query: { 'filter[userExternalId]': 'your-own-user-id', 'page[before]': '5ea868f862cdd24abf010b38' },
    status: 200,
    reply: fixture('list-conversations'),
    call: (api) =>
      api.listConversations({ userExternalId: 'your-own-user-id' }, { before: '5ea868f862cdd24abf010b38' }),
  },
  {
    name: 'getConversation',
    method: 'GET',
    path: `/conversations/${cid}`,
    status: 200,
    reply: fixture('get-conversation'),
    call: (api) => api.getConversation(cid),
    result: fixture('get-conversation'),
  },
  {
    name: 'updateConversation',
    method: 'PATCH',
    path: `/conversations/${cid}`,
    json: { displayName: 'Renamed', description: null, metadata: { lang: 'en-ca' } },
    status: 200,
    reply: fixture('update-conversation'),
    call: (api) =>
      api.updateConversation(cid, { displayName: 'Renamed', description: null, metadata: { lang: 'en-ca' } }),
  },
  {
    name: 'deleteConversation',
    method: 'DELETE',
    path: `/conversations/${cid}`,
    status: 200,
    reply: {},
    call: (api) => api.deleteConversation(cid),
    result: undefined,
  },
  {
    name: 'joinConversation',
    method: 'POST',
    path: `/conversations/${cid}/join`,
    json: { userId: '67a11490f0305f4a391e9f8a', subscribeSDKClient: true },
    status: 201,
    reply: fixture('join-conversation'),
    call: (api) =>
      api.joinConversation(cid, { userId: '67a11490f0305f4a391e9f8a', subscribeSDKClient: true }),
    result: fixture('join-conversation'),
  },
  {
    name: 'leaveConversation',
    method: 'POST',
    path: `/conversations/${cid}/leave`,
    json: { participantId: '67a0ee3880e2647cbb7a9c97' },
    status: 200,
    reply: {},
    call: (api) => api.leaveConversation(cid, { participantId: '67a0ee3880e2647cbb7a9c97' }),
    result: undefined,
  },
  {
    name: 'listParticipants',
    method: 'GET',
    path: `/conversations/${cid}/participants`,
    query: { 'page[size]': '100' },
    status: 200,
    reply: fixture('list-participants'),
    call: (api) => api.listParticipants(cid, { size: 100 }),
    result: fixture('list-participants'),
  },
  {
    name: 'postMessage',
    method: 'POST',
    path: `/conversations/${cid}/messages`,
    json: { author: { type: 'business' }, content: { type: 'text', text: 'Hello!' } },
    status: 201,
    reply: fixture('post-message-text'),
    call: (api) =>
      api.postMessage(cid, { author: { type: 'business' }, content: { type: 'text', text: 'Hello!' } }),
    result: fixture('post-message-text'),
  },
  {
    name: 'listMessages (newest page: no query)',
    method: 'GET',
    path: `/conversations/${cid}/messages`,
    status: 200,
    reply: fixture('list-messages'),
    call: (api) => api.listMessages(cid),
    result: fixture('list-messages'),
  },
  {
    name: 'listMessages with page[before]',
    method: 'GET',
    path: `/conversations/${cid}/messages`,
    query: { 'page[before]': '67a10c0bf0305f4a391e9e51' },
    status: 200,
    reply: fixture('list-messages'),
    call: (api) => api.listMessages(cid, { before: '67a10c0bf0305f4a391e9e51' }),
  },
  {
    name: 'deleteAllMessages',
    method: 'DELETE',
    path: `/conversations/${cid}/messages`,
    status: 200,
    reply: {},
    call: (api) => api.deleteAllMessages(cid),
  },
  {
    name: 'deleteMessage',
    method: 'DELETE',
    path: `/conversations/${cid}/messages/5f748c1a2b5315fc007e7977`,
    status: 200,
    reply: {},
    call: (api) => api.deleteMessage(cid, '5f748c1a2b5315fc007e7977'),
  },
  {
    name: 'postActivity',
    method: 'POST',
    path: `/conversations/${cid}/activity`,
    json: { author: { type: 'user', userId: '5963c0d619a30a2e00de36b8' }, type: 'conversation:read' },
    status: 200,
    reply: {},
    call: (api) =>
      api.postActivity(cid, {
        author: { type: 'user', userId: '5963c0d619a30a2e00de36b8' },
        type: 'conversation:read',
      }),
  },
  {
    name: 'deleteAttachment',
    method: 'POST',
    path: '/attachments/remove',
    json: {
      mediaUrl: 'https://subdomain.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/my_file.jpeg',
    },
    status: 200,
    reply: {},
    call: (api) =>
      api.deleteAttachment({
        mediaUrl: 'https://subdomain.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/my_file.jpeg',
      }),
  },
  {
    name: 'passControl',
    method: 'POST',
    path: `/conversations/${cid}/passControl`,
    json: { switchboardIntegration: 'next', metadata: { reason: 'escalate' } },
    status: 200,
    reply: {},
    call: (api) => api.passControl(cid, { switchboardIntegration: 'next', metadata: { reason: 'escalate' } }),
  },
  {
    name: 'offerControl',
    method: 'POST',
    path: `/conversations/${cid}/offerControl`,
    json: { switchboardIntegration: 'zd-agentWorkspace' },
    status: 200,
    reply: {},
    call: (api) => api.offerControl(cid, { switchboardIntegration: 'zd-agentWorkspace' }),
  },
  {
    name: 'acceptControl (required body defaults to {})',
    method: 'POST',
    path: `/conversations/${cid}/acceptControl`,
    json: {},
    status: 200,
    reply: {},
    call: (api) => api.acceptControl(cid),
  },
  {
    name: 'releaseControl',
    method: 'POST',
    path: `/conversations/${cid}/releaseControl`,
    json: { metadata: { done: true } },
    status: 200,
    reply: {},
    call: (api) => api.releaseControl(cid, { metadata: { done: true } }),
  },
];

describe.each([
  { auth: 'basic' as const, check: (value: string) => value === BASIC },
  { auth: 'jwt' as const, check: isValidAppJwt },
])('SunshineApi with $auth auth', ({ auth, check }) => {
  it.each(cases)('$name: $method $path', async (c) => {
    const seen: { headers?: Record<string, unknown>; body?: unknown } = {};
    let interceptor = sunshineHost().intercept(`${APP_PATH}${c.path}`, c.method);
    if (c.query !== undefined) interceptor = interceptor.query(c.query);
    interceptor.reply(function (_uri, body) {
      seen.headers = this.req.headers;
      seen.body = body;
      return [c.status, c.reply as nock.Body];
    });
    const result = await c.call(testProvider({ auth }).raw);
    const authorization = String(seen.headers?.authorization ?? '');
    expect(check(authorization), `authorization header for ${auth}`).toBe(true);
    if (c.json === undefined) {
      expect(seen.body).toBe('');
    } else {
      expect(seen.headers?.['content-type']).toMatch(/^application\/json/);
      expect(typeof seen.body === 'string' ? JSON.parse(seen.body) : seen.body).toEqual(c.json);
    }
    if ('result' in c) expect(result).toEqual(c.result);
  });
});

describe('SunshineApi.uploadAttachment', () => {
  it.each([
    { auth: 'basic' as const, check: (value: string) => value === BASIC },
    { auth: 'jwt' as const, check: isValidAppJwt },
  ])(
    'posts one multipart part `source` with access=public, for and conversationId ($auth)',
    async ({ auth, check }) => {
      let contentType = '';
      let body = '';
      let authorization = '';
      sunshineHost()
        .post(`${APP_PATH}/attachments`)
        .query({ access: 'public', for: 'message', conversationId: cid })
        .reply(function (_uri, requestBody) {
          contentType = String(this.req.headers['content-type']);
          authorization = String(this.req.headers.authorization);
          body = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
          return [201, fixture('upload-attachment')];
        });
      const api = testProvider({ auth }).raw;
      const result = await api.uploadAttachment(
        { source: new Blob(['fake-jpeg-bytes'], { type: 'image/jpeg' }), filename: 'my_file.jpeg' },
        { access: 'public', for: 'message', conversationId: cid },
      );
      expect(result).toEqual(fixture('upload-attachment'));
      expect(check(authorization)).toBe(true);
      const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
      expect(boundary).toBeDefined();
      const parts = body.split(`--${boundary}`).filter((part) => part.includes('Content-Disposition'));
      expect(parts).toHaveLength(1);
      expect(parts[0]).toContain('Content-Disposition: form-data; name="source"; filename="my_file.jpeg"');
      expect(parts[0]).toContain('Content-Type: image/jpeg');
      expect(parts[0]).toContain('fake-jpeg-bytes');
    },
  );

  it('defaults access to public and sends no other query', async () => {
    sunshineHost()
      .post(`${APP_PATH}/attachments`)
      .query({ access: 'public' })
      .reply(201, fixture('upload-attachment'));
    const result = await testProvider().raw.uploadAttachment({ source: new Blob(['x']) });
    expect(result.attachment.mediaType).toBe('image/jpeg');
  });
});

describe('base URLs', () => {
  it.each([
    [{ region: 'us' as const }, 'https://api.smooch.io', '/v2/apps'],
    [{ region: 'eu-1' as const }, 'https://api.eu-1.smooch.io', '/v2/apps'],
    [{ baseUrl: 'https://sunshine.example.test/root/' }, 'https://sunshine.example.test', '/root/v2/apps'],
  ])('%o → %s', async (where, origin, prefix) => {
    nock(origin).get(`${prefix}/${'5d8cff3cd55b040010928b5b'}/conversations/${cid}`).reply(200, created);
    const config = { subdomain: undefined, ...where };
    const { conversation } = await testProvider(config).raw.getConversation(cid);
    expect(conversation.id).toBe('67a0ecf8f0305f4a391e9db1');
  });

  it('path-encodes ids so they stay one segment', async () => {
    sunshineHost().get(`${APP_PATH}/conversations/a%2F..%2Fb%3Fx`).reply(200, created);
    await testProvider().raw.getConversation('a/../b?x');
  });
});

// Found by the reliability suite: URL parsers read `%2E%2E` as `..`, so DELETE …/conversations/..
// would have been DELETE /v2/apps/{appId} (delete the app). The raw API refuses such ids.
describe('ids `.` and `..`', () => {
  it.each(['.', '..'])('are refused with invalid_request before any request: %j', async (id) => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const { raw } = createTestProvider(testConfig(), { fetch: fetch as typeof globalThis.fetch });
    await expect(raw.deleteConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(raw.getConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(raw.deleteMessage('67a0ecf8f0305f4a391e9db1', id)).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(urls).toEqual([]);
  });
});
