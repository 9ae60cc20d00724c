import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  answer,
  BASE,
  codeOf,
  failure,
  fixture,
  type Seen,
  testApi,
  testSettings,
  testTransport,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { UltraCartApi } from './api.js';
import { ULTRACART_API_VERSION } from './transport.js';

useNock();

/** The headers every UltraCart request must carry with the simple key. */
function expectKeyHeaders(seen: Seen) {
  expect(seen.headers['x-ultracart-api-version']).toBe(ULTRACART_API_VERSION);
  expect(seen.headers['x-ultracart-simple-key']).toBe(API_KEY);
  expect(seen.headers.authorization).toBeUndefined();
  expect(seen.headers.accept).toBe('application/json');
}

function expectNoBody(seen: Seen) {
  expect(seen.body).toBeUndefined();
  expect(seen.headers['content-type']).toBeUndefined();
}

function expectJsonBody(seen: Seen, body: unknown) {
  expect(seen.headers['content-type']).toMatch(/^application\/json/);
  expect(typeof seen.body === 'string' ? JSON.parse(seen.body) : seen.body).toEqual(body);
}

describe('UltraCartApi: the 13 operations on the wire', () => {
  it('getAgentKeepAlive: GET /conversation/agent/keepalive, no body, void on 204', async () => {
    const seen = answer(ultracartHost().get(`${BASE}/conversation/agent/keepalive`), 204);
    await expect(testApi().getAgentKeepAlive()).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe(`${BASE}/conversation/agent/keepalive`);
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('getAgentWebsocketAuthorization: PUT /conversation/agent/auth without a body', async () => {
    const body = fixture('agent-auth');
    const seen = answer(ultracartHost().put(`${BASE}/conversation/agent/auth`), 200, body);
    const response = await testApi().getAgentWebsocketAuthorization();
    expect(response).toEqual(body);
    expect(seen[0]?.method).toBe('PUT');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('getConversation: GET /conversation/conversations/{uuid}?limit=, uuid path-encoded', async () => {
    const body = fixture('conversation-full');
    const seen = answer(
      ultracartHost().get(`${BASE}/conversation/conversations/a%2F..%3Fb`).query({ limit: '5' }),
      200,
      body,
    );
    const response = await testApi().getConversation('a/..?b', { limit: 5 });
    expect(response.conversation?.conversation_uuid).toBe('7b3c1f9e-2f7d-4d3c-9a53-1f4f2a6f9b10');
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe(`${BASE}/conversation/conversations/a%2F..%3Fb?limit=5`);
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('getConversation sends no query when no limit is given', async () => {
    const seen = answer(ultracartHost().get(`${BASE}/conversation/conversations/c1`), 200, { success: true });
    await testApi().getConversation('c1');
    expect(seen[0]?.path).toBe(`${BASE}/conversation/conversations/c1`);
  });

  it('getConversationContext: PUT /conversation/conversations/{uuid}/context, bare model back', async () => {
    const body = fixture('webchat-context');
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/context`), 200, body);
    const context = await testApi().getConversationContext('c1');
    expect(context).toEqual(body);
    expect(context.session_start?.time_on_Site).toBe(300);
    expect(seen[0]?.method).toBe('PUT');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('getConversationMessages: GET …/messages/{since}?limit=', async () => {
    const seen = answer(
      ultracartHost()
        .get(`${BASE}/conversation/conversations/c1/messages/1759863023000`)
        .query({ limit: '50' }),
      200,
      { success: true, conversation_messages: [] },
    );
    const response = await testApi().getConversationMessages('c1', 1759863023000, { limit: 50 });
    expect(response.conversation_messages).toEqual([]);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe(`${BASE}/conversation/conversations/c1/messages/1759863023000?limit=50`);
    expectKeyHeaders(seen[0] as Seen);
  });

  it('getConversationMultimediaUploadUrl: GET /conversation/upload_url/{extension}', async () => {
    const body = {
      success: true,
      conversation_multimedia_upload_url: { key: 'k1', url: 'https://s3.test/k1?sig=1' },
    };
    const seen = answer(ultracartHost().get(`${BASE}/conversation/upload_url/png`), 200, body);
    expect(await testApi().getConversationMultimediaUploadUrl('png')).toEqual(body);
    expect(seen[0]?.method).toBe('GET');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('getConversationWebchatQueueStatuses: GET /conversation/conversations/queues/statuses', async () => {
    const body = fixture('queue-statuses');
    const seen = answer(ultracartHost().get(`${BASE}/conversation/conversations/queues/statuses`), 200, body);
    expect(await testApi().getConversationWebchatQueueStatuses()).toEqual(body);
    expect(seen[0]?.method).toBe('GET');
    expectKeyHeaders(seen[0] as Seen);
  });

  it('getConversations: GET /conversation/conversations?medium&before&_limit&_offset', async () => {
    const seen = answer(
      ultracartHost()
        .get(`${BASE}/conversation/conversations`)
        .query({ medium: 'sms', before: '2025-10-07T00:00:00Z', _limit: '200', _offset: '400' }),
      200,
      { success: true, conversations: [] },
    );
    await testApi().getConversations({
      medium: 'sms',
      before: '2025-10-07T00:00:00Z',
      _limit: 200,
      _offset: 400,
    });
    expect(seen[0]?.method).toBe('GET');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('joinConversation: PUT …/join with the optional ConversationJoinRequest body', async () => {
    const withBody = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/join`), 204);
    await testApi().joinConversation('c1', { participant_language_iso_code: 'es' });
    expect(withBody[0]?.method).toBe('PUT');
    expectKeyHeaders(withBody[0] as Seen);
    expectJsonBody(withBody[0] as Seen, { participant_language_iso_code: 'es' });

    const without = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/join`), 204);
    await testApi().joinConversation('c1');
    expectNoBody(without[0] as Seen);
  });

  it('leaveConversation: DELETE …/leave', async () => {
    const seen = answer(ultracartHost().delete(`${BASE}/conversation/conversations/c1/leave`), 204);
    await expect(testApi().leaveConversation('c1')).resolves.toBeUndefined();
    expect(seen[0]?.method).toBe('DELETE');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('markReadConversation: PUT …/markread without a body', async () => {
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/markread`), 200, {
      success: true,
    });
    await expect(testApi().markReadConversation('c1')).resolves.toBeUndefined();
    expect(seen[0]?.method).toBe('PUT');
    expectKeyHeaders(seen[0] as Seen);
    expectNoBody(seen[0] as Seen);
  });

  it('startConversation: PUT /conversation/conversations with the ConversationStartRequest body', async () => {
    const conversation = fixture<{ conversation: unknown }>('conversation-full').conversation;
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 200, { conversation });
    const request = {
      add_conversation_participant_arns: ['arn:ultracart:participant:DEMO:agent-2'],
      conversation_arn: 'arn:ultracart:conversation:DEMO:x',
      conversation_webchat_queue_uuid: 'queue-uuid-support',
    };
    const response = await testApi().startConversation(request);
    expect(response.conversation).toEqual(conversation);
    expect(seen[0]?.method).toBe('PUT');
    expectKeyHeaders(seen[0] as Seen);
    expectJsonBody(seen[0] as Seen, request);
  });

  it('updateConversationWebchatQueueStatus: PUT …/queues/{queue_name}/status with the status body', async () => {
    const seen = answer(
      ultracartHost().put(`${BASE}/conversation/conversations/queues/support%20team/status`),
      204,
    );
    await testApi().updateConversationWebchatQueueStatus('support team', { agent_status: 'busy' });
    expect(seen[0]?.method).toBe('PUT');
    expectKeyHeaders(seen[0] as Seen);
    expectJsonBody(seen[0] as Seen, { agent_status: 'busy' });
  });

  it('uploadToPresignedUrl: PUT of the bytes to the absolute URL, with their Content-Type, no credentials, no budget', async () => {
    const storage = 'https://uploads.s3.amazonaws.test';
    answer(ultracartHost().get(`${BASE}/conversation/agent/keepalive`), 204);
    const seen = answer(nock(storage).put('/k/abc.png').query({ sig: '1' }), 200);
    // A budget of one request an hour: the keepalive spends it, the storage PUT does not need it.
    const api = testApi({ apiKey: API_KEY, budget: { perHour: 1, perDay: 1 } });
    await api.getAgentKeepAlive();
    await api.uploadToPresignedUrl(
      `${storage}/k/abc.png?sig=1`,
      new Blob([new Uint8Array([0xff, 0xfe])]),
      'image/png',
    );
    expect(seen).toHaveLength(1);
    const sent = seen[0] as Seen;
    expect(sent.method).toBe('PUT');
    expect(sent.path).toBe('/k/abc.png?sig=1');
    expect(sent.headers['content-type']).toBe('image/png');
    expect(sent.headers['x-ultracart-simple-key']).toBeUndefined();
    expect(sent.headers['x-ultracart-api-version']).toBeUndefined();
    expect(sent.headers.authorization).toBeUndefined();
    expect(Buffer.from(sent.body as string, 'hex')).toEqual(Buffer.from([0xff, 0xfe]));
  });
});

describe('UltraCartApi: input', () => {
  it('refuses ids, since, limits and extensions that would address another resource, before any request', async () => {
    const api = testApi();
    expect(await codeOf(api.getConversation(''))).toBe('invalid_request');
    expect(await codeOf(api.markReadConversation('  '))).toBe('invalid_request');
    expect(await codeOf(api.getConversationMessages('c1', -1))).toBe('invalid_request');
    expect(await codeOf(api.getConversationMessages('c1', 1.5))).toBe('invalid_request');
    expect(await codeOf(api.getConversationMultimediaUploadUrl('../x'))).toBe('invalid_request');
    expect(await codeOf(api.getConversationMultimediaUploadUrl('.png'))).toBe('invalid_request');
    expect(await codeOf(api.getConversations({ _limit: 201 }))).toBe('invalid_request');
    expect(await codeOf(api.getConversations({ _offset: -1 }))).toBe('invalid_request');
    expect(await codeOf(api.updateConversationWebchatQueueStatus('', { agent_status: 'busy' }))).toBe(
      'invalid_request',
    );
    // useNock's afterEach fails the test if any request had been sent: no interceptor is defined.
  });

  it('serialises without credentials', () => {
    const api = testApi();
    expect(JSON.stringify(api)).not.toContain(API_KEY);
    expect(JSON.parse(JSON.stringify(api))).toEqual({ provider: 'ultracart' });
  });

  /** A raw API on a fetch that records every URL it is asked for (and answers `{}`). */
  const recordingApi = () => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const settings = testSettings([], { fetch: fetch as typeof globalThis.fetch });
    return { api: new UltraCartApi(testTransport({ apiKey: 'uc-key-1234' }, settings)), urls };
  };

  // Found by the reliability suite: URL parsers read `%2E%2E` as `..`, so `join('..')` would have been
  // PUT /conversation/join. The raw API refuses such segments before sending anything.
  it.each(['.', '..'])('refuses the path segment %j with invalid_request before any request', async (id) => {
    const { api, urls } = recordingApi();
    await expect(api.getConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(api.joinConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      api.updateConversationWebchatQueueStatus(id, { agent_status: 'available' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(urls).toEqual([]);
  });

  // The body schemas load on first use (deferred.ts): the check still comes before any request.
  it('refuses a request body that breaks its wire model, naming the field, before any request', async () => {
    const { api, urls } = recordingApi();
    const refusal = async (call: () => Promise<unknown>) => {
      const { code, operation, message } = await failure(call);
      return `${code} ${operation}: ${message}`;
    };
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => api.startConversation({ conversation_webchat_queue_uuid: 5 } as never),
        'invalid_request startConversation: start_request.conversation_webchat_queue_uuid does not match the UltraCart model',
      ],
      [
        () => api.startConversation('queue' as never, { signal: AbortSignal.abort() }),
        'invalid_request startConversation: start_request does not match the UltraCart model',
      ],
      [
        () => api.joinConversation('c1', { participant_language_iso_code: 7 } as never),
        'invalid_request joinConversation: join_request.participant_language_iso_code does not match the UltraCart model',
      ],
      // The path is checked first, as before: a bad id is what is reported when both are bad.
      [
        () => api.joinConversation(' ', { participant_language_iso_code: 7 } as never),
        'invalid_request joinConversation: conversation_uuid must be a non-empty string',
      ],
      [
        () => api.updateConversationWebchatQueueStatus('support', { agent_status: 1 } as never),
        'invalid_request updateConversationWebchatQueueStatus: status_request.agent_status does not match the UltraCart model',
      ],
    ];
    for (const [call, expected] of cases) expect(await refusal(call)).toBe(expected);
    expect(urls).toEqual([]);
  });

  it('refuses a presigned upload URL that is not absolute http(s) before any request', async () => {
    const api = testApi();
    for (const url of ['file:///etc/passwd', '/relative', 'not a url'])
      expect(await codeOf(api.uploadToPresignedUrl(url, new Blob(['x']), 'text/plain'))).toBe(
        'invalid_request',
      );
  });
});

describe('UltraCartApi: retries', () => {
  const startRequest = { conversation_webchat_queue_uuid: 'queue-uuid-support' };
  const started = () => ({
    conversation: fixture<{ conversation: unknown }>('conversation-full').conversation,
  });
  // Room for every retry the client might make, so the count of requests is what it sent.
  const unavailable = (path: string): Seen[] =>
    answer(ultracartHost().put(path).times(3), 503, { success: false });

  it('does not repeat getAgentWebsocketAuthorization (PUT) after a 503', async () => {
    const seen = unavailable(`${BASE}/conversation/agent/auth`);
    await expect(testApi().getAgentWebsocketAuthorization()).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      operation: 'getAgentWebsocketAuthorization',
    });
    expect(seen).toHaveLength(1);
    nock.cleanAll(); // the spare 503s are meant to stay unused
  });

  it('does not repeat startConversation (PUT) after a 503', async () => {
    const seen = unavailable(`${BASE}/conversation/conversations`);
    await expect(testApi().startConversation(startRequest)).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      operation: 'startConversation',
    });
    expect(seen).toHaveLength(1);
    nock.cleanAll(); // the spare 503s are meant to stay unused
  });

  it('still retries both PUTs after a 429, which UltraCart sends before acting', async () => {
    const auth = answer(ultracartHost().put(`${BASE}/conversation/agent/auth`).once(), 429);
    const authed = answer(ultracartHost().put(`${BASE}/conversation/agent/auth`), 200, fixture('agent-auth'));
    await expect(testApi().getAgentWebsocketAuthorization()).resolves.toEqual(fixture('agent-auth'));
    expect([auth.length, authed.length]).toEqual([1, 1]);

    const limited = answer(ultracartHost().put(`${BASE}/conversation/conversations`).once(), 429);
    const start = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 200, started());
    const response = await testApi().startConversation(startRequest);
    expect(response.conversation).toEqual(started().conversation);
    expect([limited.length, start.length]).toEqual([1, 1]);
    expectJsonBody(start[0] as Seen, startRequest);
  });

  it('still retries getConversation (GET) after a 503', async () => {
    const failed = answer(ultracartHost().get(`${BASE}/conversation/conversations/c1`).once(), 503);
    const served = answer(ultracartHost().get(`${BASE}/conversation/conversations/c1`), 200, started());
    const response = await testApi().getConversation('c1');
    expect(response.conversation).toEqual(started().conversation);
    expect([failed.length, served.length]).toEqual([1, 1]);
  });

  it('429 on startConversation (a PUT that creates) is retried: UltraCart refused it, nothing was created', async () => {
    const limited = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 429, undefined, {
      'Retry-After': '0',
    });
    const ok = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 200, {
      conversation: { conversation_uuid: 'c9' },
    });
    const response = await testApi().startConversation({ conversation_webchat_queue_uuid: 'q' });
    expect(response.conversation?.conversation_uuid).toBe('c9');
    expect(limited).toHaveLength(1);
    expect(ok).toHaveLength(1);
  });

  it('500 on startConversation is not retried: the conversation may have been created', async () => {
    const seen = answer(ultracartHost().put(`${BASE}/conversation/conversations`), 500, { metadata: {} });
    const error = await failure(testApi().startConversation({}));
    expect(error.code).toBe('unavailable');
    expect(seen).toHaveLength(1);
  });
});
