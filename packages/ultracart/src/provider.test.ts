import { type ConversationClient, ConversationError, createConversations } from '@parley/core';
import nock from 'nock';
import { container as globalContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  answer,
  BASE,
  fixture,
  JSON_HEADERS,
  type Seen,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { UltraCartApi, ultracart } from './index.js';

useNock();

const STORAGE = 'https://uploads.s3.amazonaws.test';
const PRESIGNED = `${STORAGE}/conversation/DEMO/abc.png?X-Amz-Signature=sig123&X-Amz-Expires=300`;

function client(config: Record<string, unknown> = { apiKey: API_KEY }): ConversationClient<UltraCartApi> {
  return createConversations({
    adapters: [ultracart],
    config: { provider: 'ultracart', ultracart: config, retry: { limit: 0 } },
  });
}

async function failure(promise: PromiseLike<unknown>): Promise<ConversationError> {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ConversationError.isInstance(error))
    throw new Error(`expected a ConversationError, got ${String(error)}`);
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  return error;
}

function uploadUrl(extension: string) {
  return answer(ultracartHost().get(`${BASE}/conversation/upload_url/${extension}`), 200, {
    success: true,
    conversation_multimedia_upload_url: { key: 'conversation/DEMO/abc.png', url: PRESIGNED },
  });
}

describe('ultracart adapter', () => {
  it('declares its capabilities and builds in a child container, never the global one', () => {
    const c = client();
    expect(c.provider).toBe('ultracart');
    expect([...c.capabilities].sort()).toEqual(
      [
        'agent.authorize',
        'agent.keepAlive',
        'conversations.create',
        'conversations.get',
        'conversations.join',
        'conversations.leave',
        'conversations.list',
        'conversations.markRead',
        'media.upload',
        'messages.list',
        'queues.list',
        'queues.setAgentStatus',
      ].sort(),
    );
    expect(c.raw).toBeInstanceOf(UltraCartApi);
    expect(globalContainer.isRegistered(Symbol.for('parley.ultracart.Api'))).toBe(false);
    expect(ultracart.secretKeys).toEqual(['apiKey', 'accessToken']);
  });

  it('refuses update, delete and messages.send as unsupported without a request', async () => {
    const c = client();
    expect((await failure(c.conversations.update('c1', { title: 'x' }))).code).toBe('unsupported');
    expect((await failure(c.conversations.delete('c1'))).code).toBe('unsupported');
    expect((await failure(c.messages.send('c1', { text: 'hi' }))).code).toBe('unsupported');
  });

  it('validates its config section and never prints the key', () => {
    expect(() => client({ apiKey: API_KEY, accessToken: 'tok-123456' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(() => client({ apikey: API_KEY })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => client({ apiKey: API_KEY, baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    const c = client();
    expect(JSON.stringify(c)).not.toContain(API_KEY);
    expect(JSON.stringify(c.raw)).not.toContain(API_KEY);
  });
});

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
