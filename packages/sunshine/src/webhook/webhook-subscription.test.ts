import {
  ConversationError,
  type ConversationEvent,
  createMemoryEventStore,
  type EventStore,
} from '@parley/core';
import { describe, expect, it, vi } from 'vitest';
import { testClient, testProvider } from '../__fixtures__/test-provider.js';
import { activityEvent, createEvent, envelope, joinEvent, messageEvent } from './__fixtures__/events.js';

const webhookSecret = 'whsec-subscription-secret';
const body = JSON.stringify(envelope(createEvent, joinEvent, messageEvent));
const ids = ['evt-conversation:create', 'evt-conversation:join', 'evt-conversation:message'];

// `null` sends no secret header at all.
function post(text: string, key: string | null = webhookSecret): Request {
  return new Request('http://127.0.0.1/webhooks/sunshine', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'X-API-Key': key }) },
    body: text,
  });
}

/** A subscription of a client configured with the webhook secret; `seen` lists handled event ids. */
function subscribe(
  handle: (event: ConversationEvent) => void | Promise<void> = () => undefined,
  options: { store?: EventStore; onError?: (error: unknown) => void } = {},
) {
  const seen: string[] = [];
  const client = testClient({ webhookSecret });
  const subscription = client.events.subscribe(async (event) => {
    await handle(event);
    seen.push(event.id);
  }, options);
  return { client, subscription, seen };
}

function caught(run: () => unknown): ConversationError {
  try {
    run();
  } catch (error) {
    if (ConversationError.isInstance(error)) return error as ConversationError;
    throw error;
  }
  throw new Error('did not throw');
}

describe('events.subscribe on Sunshine: the webhook', () => {
  it('answers 200 after every event was handed to the handler, in order, as neutral events', async () => {
    const events: ConversationEvent[] = [];
    const { subscription, seen } = subscribe((event) => void events.push(event));
    const response = await subscription.webhook(post(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3 });
    expect(seen).toEqual(ids);
    expect(events.map((event) => [event.type, event.provider, event.conversationId])).toEqual([
      ['conversation.created', 'sunshine', '67a0ecf8f0305f4a391e9db1'],
      ['participant.joined', 'sunshine', '67a0ecf8f0305f4a391e9db1'],
      ['message.created', 'sunshine', '67a0ecf8f0305f4a391e9db1'],
    ]);
    const message = events[2];
    expect(message?.type === 'message.created' && message.message.text).toBe('Hi! Do you have time to chat?');
    await subscription.close();
  });

  it('maps typing and read activities', async () => {
    const types: string[] = [];
    const { subscription } = subscribe((event) => void types.push(event.type));
    const activities = envelope(
      activityEvent('conversation:typing', 'typing:start'),
      activityEvent('conversation:typing', 'typing:stop'),
      activityEvent('conversation:read', 'conversation:read'),
    );
    expect((await subscription.webhook(post(JSON.stringify(activities)))).status).toBe(200);
    expect(types).toEqual(['typing.started', 'typing.stopped', 'conversation.read']);
    await subscription.close();
  });

  it('answers 401 for a missing or wrong secret and calls no handler', async () => {
    const { subscription, seen } = subscribe();
    for (const key of [
      null,
      '',
      'wrong',
      `${webhookSecret}x`,
      webhookSecret.slice(1),
      webhookSecret.toUpperCase(),
    ])
      expect((await subscription.webhook(post(body, key))).status).toBe(401);
    expect(seen).toEqual([]);
    await subscription.close();
  });

  it('answers 405 to anything but POST, before looking at the secret', async () => {
    const { subscription, seen } = subscribe();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await subscription.webhook(
        new Request('http://127.0.0.1/webhooks/sunshine', {
          method,
          headers: { 'x-api-key': webhookSecret },
          ...(method === 'GET' ? {} : { body }),
        }),
      );
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
    expect(seen).toEqual([]);
    await subscription.close();
  });

  it('answers 400 naming the field for a body that is not a webhook envelope', async () => {
    const { subscription, seen } = subscribe();
    const bad = await subscription.webhook(post('{"events": [{"type": "conversation:remove"}]}'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'invalid_request',
      message: expect.stringContaining('events[0].id is missing'),
    });
    for (const text of ['not json', '[]', '{}', 'null'])
      expect((await subscription.webhook(post(text))).status).toBe(400);
    expect(seen).toEqual([]);
    await subscription.close();
  });

  it('answers 500 when the handler fails, stops there, and a redelivery handles each event once', async () => {
    let failures = 1;
    const onError = vi.fn();
    const { subscription, seen } = subscribe(
      (event) => {
        if (event.id === 'evt-conversation:join' && failures-- > 0) throw new Error('database down: s3cr3t');
      },
      { onError },
    );
    const failed = await subscription.webhook(post(body));
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(JSON.parse(text)).toEqual({ error: 'handler_failed', eventId: 'evt-conversation:join' });
    expect(text).not.toContain('s3cr3t');
    // The event after the failed one waits for the retry.
    expect(seen).toEqual(['evt-conversation:create']);
    expect(onError).toHaveBeenCalledWith(new Error('database down: s3cr3t'));

    // Sunshine retries the same body: the handled event is skipped, the failed one runs again.
    expect((await subscription.webhook(post(body))).status).toBe(200);
    expect(seen).toEqual(ids);
    // Any later duplicate is skipped too.
    expect((await subscription.webhook(post(body))).status).toBe(200);
    expect(seen).toEqual(ids);
    await subscription.close();
  });

  it('handles each event once across two subscriptions sharing one store', async () => {
    const store = createMemoryEventStore();
    const a = subscribe(undefined, { store });
    const b = subscribe(undefined, { store });
    expect((await a.subscription.webhook(post(body))).status).toBe(200);
    expect((await b.subscription.webhook(post(body))).status).toBe(200);
    expect([...a.seen, ...b.seen]).toEqual(ids);
    expect(b.seen).toEqual([]);
    await Promise.all([a.subscription.close(), b.subscription.close()]);
  });

  it('handles each event once when duplicates reach two subscriptions on one store at the same time', async () => {
    const store = createMemoryEventStore();
    const slow = async () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const a = subscribe(slow, { store });
    const b = subscribe(slow, { store });
    const answers = await Promise.all([
      a.subscription.webhook(post(body)),
      b.subscription.webhook(post(body)),
      a.subscription.webhook(post(body)),
      b.subscription.webhook(post(body)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect([...a.seen, ...b.seen].sort()).toEqual([...ids].sort());
    await Promise.all([a.subscription.close(), b.subscription.close()]);
  });

  it('answers 503 once closed, so Sunshine delivers again, and a new subscription on the store takes it', async () => {
    const store = createMemoryEventStore();
    const first = subscribe(undefined, { store });
    await first.subscription.close();
    const closed = await first.subscription.webhook(post(body));
    expect(closed.status).toBe(503);
    expect(first.seen).toEqual([]);
    const second = subscribe(undefined, { store });
    expect((await second.subscription.webhook(post(body))).status).toBe(200);
    expect(second.seen).toEqual(ids);
    await second.subscription.close();
  });

  it('without sunshine.webhookSecret, subscribe throws invalid_config naming the key and its env name', () => {
    const client = testClient();
    expect(client.supports('events.subscribe')).toBe(true);
    const error = caught(() => client.events.subscribe(() => undefined));
    expect(error).toMatchObject({
      code: 'invalid_config',
      provider: 'sunshine',
      operation: 'events.subscribe',
    });
    expect(error.message).toContain('sunshine.webhookSecret');
    expect(error.message).toContain('SUNSHINE_WEBHOOK_SECRET');
  });

  it('keeps the webhook secret out of the client, the provider and their JSON', () => {
    const { client, subscription } = subscribe();
    expect(JSON.stringify(client)).not.toContain(webhookSecret);
    expect(JSON.stringify(testProvider({ webhookSecret }))).not.toContain(webhookSecret);
    expect(JSON.stringify(subscription)).not.toContain(webhookSecret);
  });
});

describe('SunshineProvider#subscribe', () => {
  const options = (deliver: (event: ConversationEvent) => Promise<void>) => ({
    deliver,
    store: createMemoryEventStore(),
    owner: 'test-owner',
    signal: new AbortController().signal,
    pollIntervalMs: 5_000,
    onError: () => undefined,
  });

  it('returns only a webhook, which hands every event to deliver in order', async () => {
    const delivered: string[] = [];
    const subscription = testProvider({ webhookSecret }).subscribe(
      options(async (event) => void delivered.push(event.id)),
    );
    expect(subscription.done).toBeUndefined();
    expect((await subscription.webhook?.(post(body)))?.status).toBe(200);
    expect(delivered).toEqual(ids);
  });

  it('answers 500 when deliver rejects, without delivering the events after it', async () => {
    const delivered: string[] = [];
    const subscription = testProvider({ webhookSecret }).subscribe(
      options(async (event) => {
        if (event.id === 'evt-conversation:join') throw new Error('handler failed');
        delivered.push(event.id);
      }),
    );
    expect((await subscription.webhook?.(post(body)))?.status).toBe(500);
    expect(delivered).toEqual(['evt-conversation:create']);
  });

  it('throws invalid_config without a webhook secret', () => {
    const error = caught(() => testProvider().subscribe(options(async () => undefined)));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toMatch(/sunshine\.webhookSecret.*SUNSHINE_WEBHOOK_SECRET/);
  });
});
