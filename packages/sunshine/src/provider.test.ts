import { describe, expect, it } from 'vitest';
import { APP_PATH, BASIC, failure, fixture, sunshineHost, useNock } from './__fixtures__/harness.js';
import { createTestProvider, testClient, testConfig } from './__fixtures__/test-provider.js';

useNock();

const cid = '029c31f25a21b47effd7be90';
const conversationPath = `${APP_PATH}/conversations/${cid}`;
const participant = (id: string, userId: string) => ({ id, userId, unreadCount: 0, clientAssociations: [] });

describe('conversations', () => {
  it('list needs userId or userExternalId: invalid_request before any request', async () => {
    const error = await failure(testClient().conversations.list());
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('userId or userExternalId');
    expect(error.provider).toBe('sunshine');
    expect(error.operation).toBe('conversations.list');
  });

  it('list refuses both filters and the UltraCart channel filter', async () => {
    const client = testClient();
    expect((await failure(client.conversations.list({ userId: 'u', userExternalId: 'e' }))).code).toBe(
      'invalid_request',
    );
    expect((await failure(client.conversations.list({ userId: 'u', channel: 'sms' }))).code).toBe(
      'invalid_request',
    );
  });

  it('list sends filter[userId] and the largest page by default, maps summaries', async () => {
    sunshineHost()
      .get(`${APP_PATH}/conversations`)
      .query({ 'filter[userId]': '67179a2930a150d5adc4d51f', 'page[size]': '100' })
      .matchHeader('authorization', BASIC)
      .reply(200, fixture('list-conversations'));
    const page = await testClient().conversations.list({ userId: '67179a2930a150d5adc4d51f' });
    expect(page.hasMore).toBe(false);
    expect(page.items.map((c) => [c.id, c.provider, c.participants])).toEqual([
      ['67a0ecf8f0305f4a391e9db1', 'sunshine', []],
    ]);
  });

  it('get reads the conversation and every participant page', async () => {
    sunshineHost().get(conversationPath).reply(200, fixture('get-conversation'));
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query({ 'page[size]': '100' })
      .reply(200, {
        participants: [participant('p1', 'u1')],
        meta: { hasMore: true, afterCursor: 'p1cursor' },
      });
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query({ 'page[size]': '100', 'page[after]': 'p1cursor' })
      .reply(200, { participants: [participant('p2', 'u2')], meta: { hasMore: false } });
    const conversation = await testClient().conversations.get(cid);
    expect(conversation.id).toBe('67a0ecf8f0305f4a391e9db1');
    expect(conversation.participants.map((p) => [p.id, p.userId, p.role])).toEqual([
      ['p1', 'u1', 'customer'],
      ['p2', 'u2', 'customer'],
    ]);
    expect(conversation).not.toHaveProperty('messages');
  });

  it('create posts the body, then reads participants', async () => {
    sunshineHost()
      .post(`${APP_PATH}/conversations`, {
        type: 'personal',
        participants: [{ userId: '67179a2930a150d5adc4d51f' }],
        displayName: 'Order 1234',
        metadata: { orderId: 1234 },
      })
      .reply(201, fixture('create-conversation'));
    sunshineHost()
      .get(`${APP_PATH}/conversations/67a0ecf8f0305f4a391e9db1/participants`)
      .query({ 'page[size]': '100' })
      .reply(200, fixture('list-participants'));
    const conversation = await testClient().conversations.create({
      title: 'Order 1234',
      metadata: { orderId: 1234 },
      participants: [{ userId: '67179a2930a150d5adc4d51f' }],
    });
    expect(conversation.participants.map((p) => p.userId)).toEqual(['67179a2930a150d5adc4d51f']);
  });

  it('create still returns the conversation when reading participants fails (no duplicate on retry)', async () => {
    sunshineHost().post(`${APP_PATH}/conversations`).reply(201, fixture('create-conversation'));
    sunshineHost()
      .get(`${APP_PATH}/conversations/67a0ecf8f0305f4a391e9db1/participants`)
      .query(true)
      .times(3)
      .reply(503, { errors: [{ code: 'unavailable', title: 'try later' }] }, { 'Retry-After': '0' });
    const conversation = await testClient().conversations.create({ type: 'group' });
    expect(conversation.id).toBe('67a0ecf8f0305f4a391e9db1');
    expect(conversation.participants).toEqual([]);
  });

  it('update patches displayName and returns the mapped conversation', async () => {
    sunshineHost()
      .patch(conversationPath, { displayName: 'Renamed', iconUrl: 'https://www.gravatar.com/image.jpg' })
      .reply(200, {
        conversation: {
          ...fixture<{ conversation: object }>('update-conversation').conversation,
          displayName: 'Renamed',
        },
      });
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query({ 'page[size]': '100' })
      .reply(200, fixture('list-participants'));
    const updated = await testClient().conversations.update(cid, {
      title: 'Renamed',
      iconUrl: 'https://www.gravatar.com/image.jpg',
    });
    expect(updated.title).toBe('Renamed');
    expect(updated.participants).toHaveLength(1);
  });

  it('delete sends DELETE', async () => {
    sunshineHost().delete(conversationPath).reply(200, {});
    await expect(testClient().conversations.delete(cid)).resolves.toBeUndefined();
  });

  it('join requires a user and posts it with subscribeSDKClient false', async () => {
    const client = testClient();
    expect((await failure(client.conversations.join(cid))).code).toBe('invalid_request');
    expect((await failure(client.conversations.join(cid, { participant: { id: 'p1' } }))).code).toBe(
      'invalid_request',
    );
    sunshineHost()
      .post(`${conversationPath}/join`, { userExternalId: 'ext-1', subscribeSDKClient: false })
      .reply(201, fixture('join-conversation'));
    await client.conversations.join(cid, { participant: { userExternalId: 'ext-1' } });
  });

  it('leave requires exactly one identifier; id → participantId', async () => {
    const client = testClient();
    expect((await failure(client.conversations.leave(cid))).code).toBe('invalid_request');
    expect(
      (await failure(client.conversations.leave(cid, { participant: { id: 'p', userId: 'u' } }))).code,
    ).toBe('invalid_request');
    sunshineHost()
      .post(`${conversationPath}/leave`, { participantId: '67a0ee3880e2647cbb7a9c97' })
      .reply(200, {});
    sunshineHost().post(`${conversationPath}/leave`, { userId: 'u1' }).reply(200, {});
    await client.conversations.leave(cid, { participant: { id: '67a0ee3880e2647cbb7a9c97' } });
    await client.conversations.leave(cid, { participant: { userId: 'u1' } });
  });

  it('markRead posts conversation:read as the business', async () => {
    sunshineHost()
      .post(`${conversationPath}/activity`, { author: { type: 'business' }, type: 'conversation:read' })
      .reply(200, {});
    await testClient().conversations.markRead(cid);
  });

  it.each([
    ['start', 'typing:start'],
    ['stop', 'typing:stop'],
  ] as const)('typing %s posts activity %s as the business', async (action, type) => {
    let seen: { method?: string; path?: string; body?: unknown } = {};
    sunshineHost()
      .matchHeader('authorization', BASIC)
      .matchHeader('content-type', /^application\/json/)
      .post(`${conversationPath}/activity`, (body) => {
        seen = { ...seen, body };
        return true;
      })
      .reply(function (path) {
        seen = { ...seen, method: this.req.method, path };
        return [200, {}];
      });
    const client = testClient();
    expect(client.supports('conversations.typing')).toBe(true);
    await expect(client.conversations.typing(cid, action)).resolves.toBeUndefined();
    expect(seen).toEqual({
      method: 'POST',
      path: `${conversationPath}/activity`,
      body: { author: { type: 'business' }, type },
    });
  });

  it('typing turns a 404 into not_found and a 200 `{ errors }` into provider_error', async () => {
    sunshineHost()
      .post(`${conversationPath}/activity`)
      .reply(404, { errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] });
    expect(await failure(testClient().conversations.typing(cid, 'start'))).toMatchObject({
      code: 'not_found',
      providerCode: 'conversation_not_found',
      operation: 'conversations.typing',
    });
    sunshineHost()
      .post(`${conversationPath}/activity`)
      .reply(200, { errors: [{ code: 'bad_request', title: 'typing is not supported here' }] });
    expect(await failure(testClient().conversations.typing(cid, 'stop'))).toMatchObject({
      code: 'provider_error',
      status: 200,
      providerMessage: 'typing is not supported here',
    });
  });
});

describe('messages.send', () => {
  it('posts as the business and returns the mapped message', async () => {
    sunshineHost()
      .post(`${conversationPath}/messages`, {
        author: { type: 'business' },
        content: { type: 'image', mediaUrl: 'https://example.org/image.jpg', text: 'Hello!' },
      })
      .reply(201, fixture('post-message-image'));
    const message = await testClient().messages.send(cid, {
      text: 'Hello!',
      media: [{ url: 'https://example.org/image.jpg', contentType: 'image/jpeg' }],
    });
    expect(message).toMatchObject({
      id: '5f748c1a2b5315fc007e7977',
      conversationId: cid,
      author: { role: 'agent' },
      text: 'Hello!',
      sentAt: '2020-09-30T13:46:02.733Z',
    });
    expect(message.media[0]?.url).toBe('https://example.org/image.jpg');
  });

  it('an empty messages answer is invalid_response', async () => {
    sunshineHost().post(`${conversationPath}/messages`).reply(201, { messages: [] });
    expect((await failure(testClient().messages.send(cid, { text: 'hi' }))).code).toBe('invalid_response');
  });
});

describe('media.upload', () => {
  it('uploads bytes as `source` named after the content type, linked to the conversation', async () => {
    let body = '';
    sunshineHost()
      .post(`${APP_PATH}/attachments`)
      .query({ access: 'public', for: 'message', conversationId: cid })
      .reply((_uri, requestBody) => {
        body = String(requestBody);
        return [201, fixture('upload-attachment')];
      });
    const attachment = await testClient().media.upload({
      data: new TextEncoder().encode('png-bytes'),
      contentType: 'image/png',
      conversationId: cid,
    });
    expect(body).toContain('name="source"; filename="upload.png"');
    expect(body).toContain('Content-Type: image/png');
    expect(attachment).toEqual({
      url: 'https://subdomain.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/my_file.jpeg',
      contentType: 'image/jpeg',
      size: 9,
      raw: fixture<{ attachment: object }>('upload-attachment').attachment,
    });
  });

  it('reads a stream and keeps the given filename', async () => {
    let body = '';
    sunshineHost()
      .post(`${APP_PATH}/attachments`)
      .query({ access: 'public' })
      .reply((_uri, requestBody) => {
        body = String(requestBody);
        return [201, fixture('upload-attachment')];
      });
    const data = new Blob(['part-1;', 'part-2']).stream();
    const attachment = await testClient().media.upload({
      data,
      contentType: 'application/pdf',
      filename: 'faq.pdf',
    });
    expect(body).toContain('filename="faq.pdf"');
    expect(body).toContain('part-1;part-2');
    expect(attachment.size).toBe(13);
  });

  it('refuses more than 50 MB and unsafe extensions before sending', async () => {
    const client = testClient();
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    // 50 MiB, named in bytes by core's readUpload.
    expect((await failure(client.media.upload({ data: big, contentType: 'image/png' }))).message).toContain(
      `at most ${50 * 1024 * 1024} bytes`,
    );
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
      },
    });
    expect((await failure(client.media.upload({ data: stream, contentType: 'image/png' }))).code).toBe(
      'invalid_request',
    );
    expect(sent).toBeLessThan(10);
    const odd = await failure(
      client.media.upload({ data: new Uint8Array(1), contentType: 'image/png', filename: 'a.p?ng' }),
    );
    expect(odd.code).toBe('invalid_request');
  });
});

describe('media.upload file names', () => {
  it('refuses an upload whose filename ends in a path, before any request', async () => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const provider = createTestProvider(testConfig(), { fetch: fetch as typeof globalThis.fetch });
    for (const filename of ['a.../../x', '../x', 'photo.'])
      await expect(
        provider.uploadMedia({ data: new Uint8Array([1]), contentType: 'image/png', filename }, {}),
      ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(urls).toEqual([]);
  });
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const notFound = () =>
  json(404, { errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] });

/** A fetch where participants requests hang until aborted, and the rest answer with `answer`. */
function hangingParticipants(answer: (request: Request) => Response) {
  const aborted: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!request.url.includes('/participants')) return answer(request);
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => {
        aborted.push(request.url);
        reject(request.signal.reason);
      });
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, aborted };
}

describe('sibling reads', () => {
  it('get: a failed conversation read cancels the participants read', async () => {
    const { fetch, aborted } = hangingParticipants(notFound);
    const provider = createTestProvider(testConfig(), { fetch });
    await expect(provider.getConversation('c1', {}, {})).rejects.toMatchObject({ code: 'not_found' });
    expect(aborted).toHaveLength(1);
  });

  it('get: a conversation answer that breaks the schema cancels the participants read too', async () => {
    const { fetch, aborted } = hangingParticipants(() => json(200, { conversation: { id: '' } }));
    const provider = createTestProvider(testConfig(), { fetch });
    const error = await failure(provider.getConversation('c1', {}, {}));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('at conversation.id: expected a non-empty id');
    expect(aborted).toHaveLength(1);
  });

  it('update: a failed write cancels the participants read; a failed read never cancels the write', async () => {
    const { fetch, aborted } = hangingParticipants(notFound);
    const provider = createTestProvider(testConfig(), { fetch });
    await expect(provider.updateConversation('c1', { title: 'x' }, {})).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(aborted).toHaveLength(1);

    const conversation = {
      id: 'c1',
      type: 'sdkGroup',
      displayName: 'Renamed',
      isDefault: false,
      metadata: {},
    };
    const updated = createTestProvider(testConfig(), {
      fetch: (async (input: string | URL | Request) => {
        const url = input instanceof Request ? input.url : String(input);
        return url.includes('/participants') ? json(500, { errors: [] }) : json(200, { conversation });
      }) as typeof globalThis.fetch,
      retry: { limit: 0, maxRetryAfterMs: 0 },
    });
    await expect(updated.updateConversation('c1', { title: 'Renamed' }, {})).resolves.toMatchObject({
      title: 'Renamed',
      participants: [],
    });
  });
});
