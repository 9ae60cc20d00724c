import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  API_KEY,
  answer,
  BASE,
  failure,
  fixture,
  JSON_HEADERS,
  testApi,
  testSettings,
  testTransport,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';
import { UltraCartApi } from './api.js';
import { parseUltraCartError } from './transport.js';

useNock();

describe('UltraCart transport: base URL and credentials', () => {
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

  it('defaults the base URL and strips a trailing slash from a custom one', () => {
    expect(testTransport().baseUrl).toBe('https://secure.ultracart.com/rest/v2');
    expect(testTransport({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9/rest/v2/' }).baseUrl).toBe(
      'http://127.0.0.1:9/rest/v2',
    );
  });

  it('sends one request at a time: UltraCart answers concurrent requests with 429', async () => {
    let inFlight = 0;
    let most = 0;
    const fetch = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return new Response(null, { status: 204 });
    };
    const settings = testSettings([], { fetch: fetch as typeof globalThis.fetch });
    const api = new UltraCartApi(testTransport({ apiKey: API_KEY }, settings));
    await Promise.all([api.getAgentKeepAlive(), api.getAgentKeepAlive(), api.getAgentKeepAlive()]);
    expect(most).toBe(1);
  });

  it('serialises without credentials, showing where it sends', () => {
    for (const config of [{ apiKey: API_KEY }, { accessToken: ACCESS_TOKEN }]) {
      const json = JSON.stringify(testTransport(config));
      expect(json).not.toContain(API_KEY);
      expect(json).not.toContain(ACCESS_TOKEN);
      expect(json).toContain('secure.ultracart.com');
    }
  });
});

const KEEPALIVE = `${BASE}/conversation/agent/keepalive`;
const errorHeaders = (message: string) => ({
  ...JSON_HEADERS,
  'UC-REST-ERROR': message,
  'X-UltraCart-Request-Id': '5E906D6F7BDF030199BAE88BA780011',
});

describe('UltraCart transport: errors', () => {
  it('400: invalid_request with the ErrorResponse fields, UC-REST-ERROR and the request id', async () => {
    const seen = answer(
      ultracartHost().get(`${BASE}/conversation/conversations/missing`),
      400,
      fixture('error-response'),
      errorHeaders("Server side object 'conversation' could not be found."),
    );
    const error = await failure(testApi().getConversation('missing'));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.provider).toBe('ultracart');
    expect(error.operation).toBe('getConversation');
    expect(error.requestId).toBe('5E906D6F7BDF030199BAE88BA780011');
    expect(error.providerCode).toBe('400');
    expect(error.providerMessage).toBe(
      "Server side object 'conversation' could not be found. (user message: The conversation does not exist.) [object 7b3c1f9e-2f7d-4d3c-9a53-1f4f2a6f9b10]",
    );
    expect(error.message).toContain('HTTP 400');
    expect(seen).toHaveLength(1); // never retried
  });

  it('401: unauthorized; the message falls back to the UC-REST-ERROR header when the body has none', async () => {
    answer(
      ultracartHost().get(KEEPALIVE),
      401,
      { metadata: {} },
      errorHeaders('Invalid credentials supplied.'),
    );
    const error = await failure(testApi().getAgentKeepAlive());
    expect(error.code).toBe('unauthorized');
    expect(error.providerMessage).toBe('Invalid credentials supplied.');
    expect(error.providerCode).toBeUndefined();
  });

  it('410: forbidden (application disabled) and not retried', async () => {
    const seen = answer(
      ultracartHost().get(KEEPALIVE),
      410,
      { error: { developer_message: 'Your authorized application has been disabled by UltraCart' } },
      errorHeaders('disabled'),
    );
    const error = await failure(testApi().getAgentKeepAlive());
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(410);
    expect(error.retryable).toBe(false);
    // A retry would find no interceptor and fail as `network`, not `forbidden`.
    expect(seen).toHaveLength(1);
  });

  it('429: rate_limited, retried with Retry-After, then recovers', async () => {
    const limited = answer(
      ultracartHost().get(KEEPALIVE).times(2),
      429,
      { error: { developer_message: 'rate of 10000 per 86400 second(s) exceeded.' } },
      { ...errorHeaders('rate of 10000 per 86400 second(s) exceeded.'), 'Retry-After': '0' },
    );
    const ok = answer(ultracartHost().get(KEEPALIVE), 204);
    const delays: number[] = [];
    await expect(testApi(undefined, delays).getAgentKeepAlive()).resolves.toBeUndefined();
    expect(limited).toHaveLength(2);
    expect(ok).toHaveLength(1);
    expect(delays).toEqual([0, 0]);
  });

  it('429 without Retry-After backs off on its own; after the retry limit it is rate_limited and retryable', async () => {
    const limited = answer(
      ultracartHost().get(KEEPALIVE).times(3),
      429,
      { metadata: {} },
      errorHeaders('slow down'),
    );
    const delays: number[] = [];
    const error = await failure(testApi(undefined, delays).getAgentKeepAlive());
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(limited).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('500: unavailable, retried on a GET, with a plain-text body', async () => {
    const seen = answer(ultracartHost().get(KEEPALIVE).times(3), 500, 'Internal Server Error', {
      'content-type': 'text/plain',
      'UC-REST-ERROR': 'A server side error occurred.',
    });
    const error = await failure(testApi().getAgentKeepAlive());
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.providerMessage).toBe('A server side error occurred.');
    expect(seen).toHaveLength(3);
  });

  it('a 2xx with success: false is provider_error with the provider message', async () => {
    answer(
      ultracartHost().get(`${BASE}/conversation/conversations/queues/statuses`),
      200,
      { success: false, error: { developer_message: 'Queue lookup failed', error_code: 'QUEUE' } },
      { ...JSON_HEADERS, 'X-UltraCart-Request-Id': 'req-1' },
    );
    const error = await failure(testApi().getConversationWebchatQueueStatuses());
    expect(error.code).toBe('provider_error');
    expect(error.status).toBe(200);
    expect(error.providerMessage).toBe('Queue lookup failed');
    expect(error.providerCode).toBe('QUEUE');
    expect(error.requestId).toBe('req-1');
    expect(error.message).toContain('reported a failure on getConversationWebchatQueueStatuses (HTTP 200)');
  });

  it('success: false on a void operation is an error too', async () => {
    answer(ultracartHost().put(`${BASE}/conversation/conversations/c1/markread`), 200, { success: false });
    expect((await failure(testApi().markReadConversation('c1'))).code).toBe('provider_error');
  });

  it('provider text holding the key is scrubbed', async () => {
    answer(ultracartHost().get(KEEPALIVE), 401, { error: { developer_message: `bad key ${API_KEY}` } });
    const error = await failure(testApi().getAgentKeepAlive());
    expect(error.providerMessage).toBe('bad key [redacted]');
  });

  it('malformed JSON in a 2xx is invalid_response', async () => {
    answer(
      ultracartHost().get(`${BASE}/conversation/conversations`),
      200,
      '{"success": true, "conversations": [',
      JSON_HEADERS,
    );
    const error = await failure(testApi().getConversations());
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('malformed JSON');
  });

  it('a body that breaks the schema is invalid_response naming the field path', async () => {
    const body = fixture<{ conversation: { participants: Record<string, unknown>[] } }>('conversation-full');
    (body.conversation.participants[1] as Record<string, unknown>).joined_dts = 'yesterday';
    answer(ultracartHost().get(`${BASE}/conversation/conversations/c1`), 200, body);
    const error = await failure(testApi().getConversation('c1'));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('conversation.participants[1].joined_dts');
    expect(error.message).not.toContain('yesterday');

    answer(ultracartHost().get(`${BASE}/conversation/conversations`), 200, {
      conversations: [{ message_count: 'many' }],
    });
    const typed = await failure(testApi().getConversations());
    expect(typed.message).toContain('conversations[0].message_count');
  });

  it('an empty 2xx where a model is expected is invalid_response', async () => {
    answer(ultracartHost().put(`${BASE}/conversation/agent/auth`), 204);
    expect((await failure(testApi().getAgentWebsocketAuthorization())).code).toBe('invalid_response');
  });

  it('unknown enum values and unknown fields are accepted', async () => {
    answer(ultracartHost().get(`${BASE}/conversation/conversations`), 200, {
      success: true,
      brand_new_field: { nested: true },
      conversations: [{ conversation_uuid: 'c1', medium: 'whatsapp', sentiment: { sentiment: 'ECSTATIC' } }],
    });
    const response = await testApi().getConversations();
    expect(response.conversations?.[0]?.medium).toBe('whatsapp');
    expect((response as Record<string, unknown>).brand_new_field).toEqual({ nested: true });
  });

  it('an aborted call is aborted and sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(testApi().getAgentKeepAlive({ signal: controller.signal }));
    expect(error.code).toBe('aborted');
  });
});

const keepAlive = () =>
  nock('https://secure.ultracart.com')
    .get(`${BASE}/conversation/agent/keepalive`)
    .reply(200, '', JSON_HEADERS);

describe('UltraCart transport: request budget', () => {
  it('spends the configured budget and refuses the request that would exceed it, sending nothing', async () => {
    keepAlive();
    keepAlive();
    const api = testApi({ apiKey: API_KEY, budget: { perHour: 2, perDay: 100 } });
    await api.getAgentKeepAlive();
    await api.getAgentKeepAlive();
    const error = await api.getAgentKeepAlive().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'rate_limited',
      provider: 'ultracart',
      operation: 'getAgentKeepAlive',
      retryable: true,
    });
    // One slot drains every half hour; the test's maxRetryAfterMs is 1 s, so it fails at once.
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(29 * 60_000);
    expect((error as Error).message).toContain('request budget (2/hour, 100/day)');
  });

  it('is counted per client, and budget: false turns it off', async () => {
    for (let i = 0; i < 4; i++) keepAlive();
    const limited = testApi({ apiKey: API_KEY, budget: { perHour: 1, perDay: 1 } });
    await limited.getAgentKeepAlive();
    await expect(limited.getAgentKeepAlive()).rejects.toMatchObject({ code: 'rate_limited' });
    await testApi({ apiKey: API_KEY, budget: { perHour: 1, perDay: 1 } }).getAgentKeepAlive();
    const unlimited = testApi({ apiKey: API_KEY, budget: false });
    await unlimited.getAgentKeepAlive();
    await unlimited.getAgentKeepAlive();
  });
});

describe('parseUltraCartError (fast-check)', () => {
  it('reads any body without throwing, and keeps strings short', () =>
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        (body, header) => {
          const headers = new Headers(
            header === undefined ? {} : { 'uc-rest-error': header.replace(/[^\x20-\x7e]/g, '') },
          );
          const details = parseUltraCartError({ status: 500, headers, body });
          for (const value of Object.values(details)) expect(typeof value).toBe('string');
        },
      ),
    ));
});
