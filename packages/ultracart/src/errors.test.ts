import { ConversationError } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  answer,
  BASE,
  fixture,
  JSON_HEADERS,
  testApi,
  ultracartHost,
  useNock,
} from './__fixtures__/harness.js';

useNock();

async function failure(promise: Promise<unknown>): Promise<ConversationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ConversationError.isInstance(error))
    throw new Error(`expected a ConversationError, got ${String(error)}`);
  // No error ever carries the key, whichever way it is printed.
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  expect(error.message).not.toContain(API_KEY);
  return error;
}

const KEEPALIVE = `${BASE}/conversation/agent/keepalive`;
const errorHeaders = (message: string) => ({
  ...JSON_HEADERS,
  'UC-REST-ERROR': message,
  'X-UltraCart-Request-Id': '5E906D6F7BDF030199BAE88BA780011',
});

describe('UltraCart errors', () => {
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
    expect(error.message).toContain('success: false');
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
