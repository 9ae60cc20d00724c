import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  API_KEY,
  answer,
  BASE,
  fixture,
  type Seen,
  testApi,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { ULTRACART_API_VERSION } from './api.js';

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
});

describe('UltraCartApi: credentials and input', () => {
  it('sends an access token as Authorization: Bearer and no simple key', async () => {
    const seen = answer(ultracartHost().get(`${BASE}/conversation/agent/keepalive`), 204);
    await testApi({ accessToken: ACCESS_TOKEN }).getAgentKeepAlive();
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(seen[0]?.headers['x-ultracart-simple-key']).toBeUndefined();
    expect(seen[0]?.headers['x-ultracart-api-version']).toBe('2017-03-01');
  });

  it('uses a custom baseUrl (an emulator) with its path prefix', async () => {
    const seen = answer(nock('http://127.0.0.1:4010').get('/uc/rest/v2/conversation/agent/keepalive'), 204);
    await testApi({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:4010/uc/rest/v2/' }).getAgentKeepAlive();
    expect(seen[0]?.headers['x-ultracart-simple-key']).toBe(API_KEY);
  });

  it('refuses ids, since, limits and extensions that would address another resource, before any request', async () => {
    const api = testApi();
    const codes = async (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: { code?: string }) => error.code,
      );
    expect(await codes(api.getConversation(''))).toBe('invalid_request');
    expect(await codes(api.markReadConversation('  '))).toBe('invalid_request');
    expect(await codes(api.getConversationMessages('c1', -1))).toBe('invalid_request');
    expect(await codes(api.getConversationMessages('c1', 1.5))).toBe('invalid_request');
    expect(await codes(api.getConversationMultimediaUploadUrl('../x'))).toBe('invalid_request');
    expect(await codes(api.getConversationMultimediaUploadUrl('.png'))).toBe('invalid_request');
    expect(await codes(api.getConversations({ _limit: 201 }))).toBe('invalid_request');
    expect(await codes(api.getConversations({ _offset: -1 }))).toBe('invalid_request');
    expect(await codes(api.updateConversationWebchatQueueStatus('', { agent_status: 'busy' }))).toBe(
      'invalid_request',
    );
    // useNock's afterEach fails the test if any request had been sent: no interceptor is defined.
  });

  it('serialises without credentials', () => {
    const api = testApi();
    expect(JSON.stringify(api)).not.toContain(API_KEY);
    expect(JSON.stringify(api)).toContain('secure.ultracart.com');
  });

  it('refuses a config with both or neither credential, without echoing the key', () => {
    expect(() => testApi({ apiKey: API_KEY, accessToken: ACCESS_TOKEN })).toThrow(
      /exactly one of apiKey or accessToken/,
    );
    expect(() => testApi({} as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    try {
      testApi({ apiKey: API_KEY, accessToken: ACCESS_TOKEN });
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(API_KEY);
      expect(String(error)).not.toContain(ACCESS_TOKEN);
    }
  });
});

describe('UltraCartApi: config errors', () => {
  it('names the bad field and never echoes a value', () => {
    const attempt = (config: unknown) => {
      try {
        testApi(config as never);
      } catch (error) {
        return String((error as Error).message);
      }
      return 'no error';
    };
    expect(attempt({ apiKey: API_KEY, baseUrl: `https://x/${API_KEY}?`, extra: API_KEY })).not.toContain(
      API_KEY,
    );
    expect(attempt({ apiKey: 42 })).toBe('Invalid ultracart config: apiKey must be a string');
    expect(attempt({ apiKey: `${API_KEY}\n` })).toContain('no error');
    expect(attempt({ apiKey: `a\nb` })).toBe('Invalid ultracart config: apiKey must not contain line breaks');
    expect(attempt({ apiKey: API_KEY, baseUrl: 'not a url' })).toBe(
      'Invalid ultracart config: baseUrl must be a URL',
    );
  });

  it('defaults the base URL and strips a trailing slash from a custom one', () => {
    expect(testApi().baseUrl).toBe('https://secure.ultracart.com/rest/v2');
    expect(testApi({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/rest/v2/' }).baseUrl).toBe(
      'http://127.0.0.1:9/rest/v2',
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
});
