import { createConversations } from '@parley/core';
import { uploadExtension } from '@parley/core/provider';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  answer,
  BASE,
  testClient as client,
  failure,
  fixture,
  JSON_HEADERS,
  type Seen,
  testProvider,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { ultracart } from './adapter.js';
import type { UltraCartApi } from './api.js';
import { ULTRACART_MAX_UPLOAD_BYTES } from './requests.js';

useNock();

const STORAGE = 'https://uploads.s3.amazonaws.test';
const PRESIGNED = `${STORAGE}/conversation/DEMO/abc.png?X-Amz-Signature=sig123&X-Amz-Expires=300`;

function uploadUrl(extension: string) {
  return answer(ultracartHost().get(`${BASE}/conversation/upload_url/${extension}`), 200, {
    success: true,
    conversation_multimedia_upload_url: { key: 'conversation/DEMO/abc.png', url: PRESIGNED },
  });
}

describe('media.upload', () => {
  it('gets a presigned URL, PUTs the bytes there with their Content-Type and no UltraCart credentials', async () => {
    const urlSeen = uploadUrl('png');
    const put = answer(nock(STORAGE).put('/conversation/DEMO/abc.png').query(true), 200);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const media = await client().media.upload({
      data: bytes,
      contentType: 'image/png',
      filename: 'Pixel.PNG',
    });
    expect(media).toEqual({
      key: 'conversation/DEMO/abc.png',
      url: `${STORAGE}/conversation/DEMO/abc.png`,
      contentType: 'image/png',
      size: 8,
      raw: { key: 'conversation/DEMO/abc.png', url: PRESIGNED },
    });
    expect(urlSeen[0]?.headers['x-ultracart-simple-key']).toBe(API_KEY);
    const sent = put[0] as Seen;
    expect(sent.method).toBe('PUT');
    expect(sent.path).toBe('/conversation/DEMO/abc.png?X-Amz-Signature=sig123&X-Amz-Expires=300');
    expect(sent.headers['content-type']).toBe('image/png');
    expect(sent.headers['x-ultracart-simple-key']).toBeUndefined();
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['x-ultracart-api-version']).toBeUndefined();
    expect(JSON.stringify(sent.headers)).not.toContain(API_KEY);
    expect(Buffer.from(sent.body as string, 'hex')).toEqual(Buffer.from(bytes));
  });

  it('hooks never see the presigned signature nor the key', async () => {
    uploadUrl('png');
    answer(nock(STORAGE).put('/conversation/DEMO/abc.png').query(true), 200);
    const observed: string[] = [];
    const c = createConversations({
      adapters: [ultracart],
      config: { provider: 'ultracart', ultracart: { apiKey: API_KEY } },
      hooks: {
        onRequest: (request) => observed.push(JSON.stringify(request)),
        onResponse: (request, response) => observed.push(JSON.stringify({ request, response })),
      },
    });
    await c.media.upload({ data: new Uint8Array([1]), contentType: 'image/png' });
    expect(observed).toHaveLength(4);
    expect(observed.join('\n')).toContain(`${STORAGE}/conversation/DEMO/abc.png`);
    expect(observed.join('\n')).not.toContain('sig123');
    expect(observed.join('\n')).not.toContain(API_KEY);
  });

  it('sends no bearer token to the presigned host either', async () => {
    uploadUrl('pdf');
    const put = answer(nock(STORAGE).put('/conversation/DEMO/abc.png').query(true), 200);
    await client({ accessToken: 'oauth-token-abcdef' }).media.upload({
      data: new Blob(['%PDF-1.4']),
      contentType: 'application/pdf',
    });
    expect(put[0]?.headers.authorization).toBeUndefined();
  });

  it('derives the extension from the content type and reads streams fully', async () => {
    uploadUrl('jpg');
    const put = answer(nock(STORAGE).put('/conversation/DEMO/abc.png').query(true), 200);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([0xff, 0xfe]));
        controller.enqueue(new Uint8Array([0x80]));
        controller.close();
      },
    });
    const media = await client().media.upload({ data: stream, contentType: 'image/jpeg', filename: 'photo' });
    expect(media.size).toBe(3);
    expect(Buffer.from(put[0]?.body as string, 'hex')).toEqual(Buffer.from([0xff, 0xfe, 0x80]));
  });

  it('refuses an extension that is not [a-z0-9]{1,10} before any request', async () => {
    const c = client();
    for (const filename of ['../x', 'a.b/c', 'x.verylongextension', 'x.'])
      expect(
        (await failure(c.media.upload({ data: new Uint8Array([1]), contentType: 'image/png', filename })))
          .code,
      ).toBe('invalid_request');
    expect(
      (
        await failure(
          c.media.upload({ data: new Uint8Array([1]), contentType: 'application/x.weird+thing-stuff' }),
        )
      ).code,
    ).toBe('invalid_request');
  });

  it('a failed PUT is an error naming the step, without the signature or the key', async () => {
    uploadUrl('png');
    answer(
      nock(STORAGE).put('/conversation/DEMO/abc.png').query(true),
      403,
      '<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The signature does not match</Message></Error>',
      { 'content-type': 'application/xml' },
    );
    const error = await failure(
      client().media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.operation).toBe('media.upload');
    expect(error.message).toContain('step 2 of 2');
    expect(error.message).toContain('presigned upload URL');
    expect(error.providerCode).toBe('SignatureDoesNotMatch');
    expect(error.message).not.toContain('sig123');
  });

  it('a presigned URL that is not absolute http(s) is invalid_response', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/upload_url/png`), 200, {
      conversation_multimedia_upload_url: { key: 'k', url: 'file:///etc/passwd' },
    });
    expect(
      (await failure(client().media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }))).code,
    ).toBe('invalid_response');
  });
});

describe('media.upload: content types and extensions', () => {
  const context = { provider: 'ultracart', operation: 'media.upload' };

  it.each([
    ['a NUL', 'image/png\u0000', 'must not contain control characters'],
    ['a line break', 'image/png\r\nx-amz-acl: public-read', 'must not contain control characters'],
    ['non-ASCII', 'image/pngé', 'must be ASCII'],
    ['U+200B', 'image/\u200bpng', 'must be ASCII'],
    ['no subtype', 'imagepng', "must be a media type like 'image/png' (type/subtype)"],
  ])(
    'refuses %s with invalid_request before any request (nock would see one)',
    async (_why, contentType, problem) => {
      const error = await failure(() =>
        testProvider().uploadMedia({ data: new Uint8Array([1]), contentType, filename: 'photo.png' }, {}),
      );
      expect(error).toMatchObject({
        code: 'invalid_request',
        provider: 'ultracart',
        operation: 'media.upload',
      });
      expect(error.message).toBe(`input.contentType ${problem}`);
      expect(JSON.stringify(error)).not.toContain(contentType);
      expect(nock.isDone()).toBe(true);
    },
  );

  it('checks the content type even when the filename gives the extension', () => {
    expect(() => uploadExtension({ filename: 'a.png', contentType: 'image/png\u0007' }, context)).toThrow(
      'input.contentType must not contain control characters',
    );
    expect(uploadExtension({ filename: 'a.PNG', contentType: 'image/png; q="1"' }, context)).toBe('png');
    expect(uploadExtension({ contentType: 'image/jpeg; charset=binary' }, context)).toBe('jpg');
  });

  it('sends a valid content type with parameters to the presigned URL unchanged', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/upload_url/png`), 200, {
      success: true,
      conversation_multimedia_upload_url: { key: 'k/abc.png', url: `${STORAGE}/k/abc.png?sig=1` },
    });
    const put = answer(nock(STORAGE).put('/k/abc.png').query(true), 200, undefined, JSON_HEADERS);
    await testProvider().uploadMedia(
      { data: new Uint8Array([1]), contentType: 'image/png; foo="a b"', filename: 'a.png' },
      {},
    );
    expect(put[0]?.headers['content-type']).toBe('image/png; foo="a b"');
  });

  it(`refuses a file over ${ULTRACART_MAX_UPLOAD_BYTES} bytes before any request, reading a stream only to the limit`, async () => {
    expect(ULTRACART_MAX_UPLOAD_BYTES).toBe(50 * 1024 * 1024);
    const big = new Uint8Array(ULTRACART_MAX_UPLOAD_BYTES + 1);
    const error = await failure(() =>
      testProvider().uploadMedia({ data: big, contentType: 'image/png' }, {}),
    );
    expect(error).toMatchObject({ code: 'invalid_request', operation: 'media.upload' });
    expect(error.message).toContain('input.data must be at most 52428800 bytes');
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await failure(() =>
      testProvider().uploadMedia({ data: endless, contentType: 'image/png' }, {}),
    );
    expect(streamed.code).toBe('invalid_request');
    expect(pulled).toBeLessThanOrEqual(52);
    expect(nock.isDone()).toBe(true);
  });

  it('refuses a stream that fails as invalid_request, before any request', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('disk gone');
      },
    });
    const error = await failure(() =>
      testProvider().uploadMedia({ data: broken, contentType: 'image/png' }, {}),
    );
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: 'input.data could not be read: the stream failed',
    });
  });
});

describe('queues, agent and conversation calls', () => {
  it('queues.list maps every queue', async () => {
    answer(
      ultracartHost().get(`${BASE}/conversation/conversations/queues/statuses`),
      200,
      fixture('queue-statuses'),
    );
    const queues = await client().queues.list();
    expect(queues.map((q) => [q.name, q.agents.length, q.waiting.length, q.counts.waiting])).toEqual([
      ['support', 3, 1, 1],
    ]);
  });

  it('queues.setAgentStatus PUTs the agent_status', async () => {
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations/queues/support/status`), 204);
    await client().queues.setAgentStatus('support', 'unavailable');
    expect(seen[0]?.body).toEqual({ agent_status: 'unavailable' });
  });

  it('agent.authorize returns the session; agent.keepAlive resolves', async () => {
    answer(ultracartHost().put(`${BASE}/conversation/agent/auth`), 200, fixture('agent-auth'));
    answer(ultracartHost().get(`${BASE}/conversation/agent/keepalive`), 204);
    const session = await client().agent.authorize();
    expect(session.websocketUrl).toBe('wss://ws.ultracart.test/conversation');
    expect(session.participantId).toBe('arn:ultracart:participant:DEMO:agent-1');
    expect(session.token).toContain('agent-jwt-secret-signature');
    await expect(client().agent.keepAlive()).resolves.toBeUndefined();
  });

  it('conversations.get passes messageLimit as limit and maps the conversation', async () => {
    const seen = answer(
      ultracartHost().get(`${BASE}/conversation/conversations/c%201`).query({ limit: '10' }),
      200,
      fixture('conversation-full'),
    );
    const conversation = await client().conversations.get('c 1', { messageLimit: 10 });
    expect(conversation.messages).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });

  it('conversations.get without a conversation in the body is invalid_response', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/conversations/c1`), 200, { success: true });
    expect((await failure(client().conversations.get('c1'))).code).toBe('invalid_response');
  });

  it('neutral reads check the fields they read; client.raw keeps the full schema', async () => {
    const path = `${BASE}/conversation/conversations/c1`;
    const body = fixture<{ conversation: Record<string, unknown> }>('conversation-full');
    // `sentiment` is not read by conversations.get: only the raw call refuses it.
    const unread = { ...body, conversation: { ...body.conversation, sentiment: 'very positive' } };
    answer(ultracartHost().get(path), 200, unread);
    answer(ultracartHost().get(path), 200, unread);
    const c = client();
    const conversation = await c.conversations.get('c1');
    expect(conversation.raw).toMatchObject({ sentiment: 'very positive' });
    const raw = c.raw as UltraCartApi;
    expect((await failure(raw.getConversation('c1'))).message).toBe(
      'ultracart sent an unexpected getConversation response at conversation.sentiment: Invalid type: Expected Object',
    );
    // A field it reads fails both ways with the same path and words.
    const messages = body.conversation.messages as Record<string, unknown>[];
    const broken = {
      ...body,
      conversation: { ...body.conversation, messages: [messages[0], { ...messages[1], message_epoch: 1.5 }] },
    };
    answer(ultracartHost().get(path), 200, broken);
    answer(ultracartHost().get(path), 200, broken);
    const expected =
      'ultracart sent an unexpected getConversation response at conversation.messages[1].message_epoch: Invalid integer: Received 1.5';
    expect((await failure(c.conversations.get('c1'))).message).toBe(expected);
    expect((await failure(raw.getConversation('c1'))).message).toBe(expected);
  });

  it('conversations.create starts a conversation with participant ARNs and the queue', async () => {
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 200, {
      conversation: fixture<{ conversation: unknown }>('conversation-full').conversation,
    });
    const conversation = await client().conversations.create({
      participants: [{ id: 'arn:ultracart:participant:DEMO:agent-2' }],
      queue: 'queue-uuid-support',
    });
    expect(conversation.id).toBe('7b3c1f9e-2f7d-4d3c-9a53-1f4f2a6f9b10');
    expect(seen[0]?.body).toEqual({
      add_conversation_participant_arns: ['arn:ultracart:participant:DEMO:agent-2'],
      conversation_webchat_queue_uuid: 'queue-uuid-support',
    });
  });

  it('conversations.create refuses a title before any request', async () => {
    expect((await failure(client().conversations.create({ title: 'Hi' }))).code).toBe('invalid_request');
  });

  it('join, leave and markRead act as the agent; another participant is refused', async () => {
    const join = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/join`), 204);
    const leave = answer(ultracartHost().delete(`${BASE}/conversation/conversations/c1/leave`), 204);
    const read = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/markread`), 204);
    const c = client();
    await c.conversations.join('c1');
    await c.conversations.leave('c1');
    await c.conversations.markRead('c1');
    expect([join.length, leave.length, read.length]).toEqual([1, 1, 1]);
    expect(join[0]?.body).toBeUndefined();
    expect((await failure(c.conversations.join('c1', { participant: { id: 'arn:x' } }))).code).toBe(
      'invalid_request',
    );
  });

  it('a provider error reaches the caller with the client operation and provider details', async () => {
    answer(
      ultracartHost().get(`${BASE}/conversation/conversations/queues/statuses`),
      401,
      { error: { developer_message: 'Invalid API key' } },
      { ...JSON_HEADERS, 'X-UltraCart-Request-Id': 'rid-9' },
    );
    const error = await failure(client().queues.list());
    expect(error).toMatchObject({
      code: 'unauthorized',
      provider: 'ultracart',
      requestId: 'rid-9',
      providerMessage: 'Invalid API key',
    });
  });
});
