import { type ConversationEvent, createMemoryEventStore, type EventStore } from '@parley/core';
import { describe, expect, it, vi } from 'vitest';
import { testClient } from '../__fixtures__/test-provider.js';
import { activityEvent, createEvent, envelope, joinEvent, messageEvent } from './__fixtures__/events.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './webhook-handler.js';

const secret = 'whsec-test-secret';
const body = JSON.stringify(envelope(createEvent, joinEvent, messageEvent));

// `null` sends no secret header at all.
function post(text: string, key: string | null = secret): Request {
  return new Request('http://127.0.0.1/webhooks/sunshine', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'X-API-Key': key }) },
    body: text,
  });
}

function setup(
  onEvent: WebhookHandlerOptions['onEvent'] = () => undefined,
  extra: Partial<WebhookHandlerOptions> = {},
) {
  const seen: string[] = [];
  const handler = createWebhookHandler({
    secret,
    onEvent: async (event) => {
      await onEvent(event);
      seen.push(event.id);
    },
    ...extra,
  });
  return { handler, seen };
}

describe('createWebhookHandler', () => {
  it('answers 200 after onEvent succeeded for every event, in order', async () => {
    const { handler, seen } = setup();
    const response = await handler(post(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3, processed: 3, duplicates: 0 });
    expect(seen).toEqual(['evt-conversation:create', 'evt-conversation:join', 'evt-conversation:message']);
  });

  it('passes neutral events', async () => {
    const events: ConversationEvent[] = [];
    const handler = createWebhookHandler({ secret, onEvent: (event) => void events.push(event) });
    await handler(post(JSON.stringify(envelope(activityEvent('conversation:typing', 'typing:start')))));
    expect(events).toEqual([expect.objectContaining({ type: 'typing.started', provider: 'sunshine' })]);
  });

  it('answers 401 for a missing or wrong secret without calling onEvent', async () => {
    const { handler, seen } = setup();
    for (const key of [null, 'wrong', `${secret}x`, secret.slice(1), '']) {
      const response = await handler(post(body, key));
      expect(response.status).toBe(401);
    }
    expect(seen).toEqual([]);
  });

  it('answers 400 naming the field for a malformed body', async () => {
    const { handler, seen } = setup();
    const bad = await handler(post('{"events": [{"type": "conversation:remove"}]}'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'invalid_request',
      message: expect.stringContaining('events[0].id is missing'),
    });
    expect((await handler(post('not json'))).status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers 405 to anything but POST', async () => {
    const { handler } = setup();
    const response = await handler(new Request('http://127.0.0.1/', { headers: { 'x-api-key': secret } }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('skips a duplicate delivery', async () => {
    const { handler, seen } = setup();
    expect((await handler(post(body))).status).toBe(200);
    const again = await handler(post(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: 3, processed: 0, duplicates: 3 });
    expect(seen).toHaveLength(3);
  });

  it('answers 500 on a failure, stops there, and processes the retry', async () => {
    let failures = 1;
    const onError = vi.fn();
    const { handler, seen } = setup(
      (event) => {
        if (event.id === 'evt-conversation:join' && failures-- > 0) throw new Error('database down: s3cr3t');
      },
      { onError },
    );
    const failed = await handler(post(body));
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(JSON.parse(text)).toEqual({ error: 'handler_failed', eventId: 'evt-conversation:join' });
    expect(text).not.toContain('s3cr3t');
    // The event after the failed one waits for the retry.
    expect(seen).toEqual(['evt-conversation:create']);
    expect(onError).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ id: 'evt-conversation:join' }),
    );

    const retried = await handler(post(body));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ received: 3, processed: 2, duplicates: 1 });
    expect(seen).toEqual(['evt-conversation:create', 'evt-conversation:join', 'evt-conversation:message']);
  });

  it('treats a rejected promise like a throw', async () => {
    const { handler, seen } = setup(() => Promise.reject(new Error('nope')));
    expect((await handler(post(body))).status).toBe(500);
    expect(seen).toEqual([]);
  });

  it('marks an id only after its handler succeeded, through the given store', async () => {
    const memory = createMemoryEventStore();
    const order: string[] = [];
    const store: EventStore = {
      ...memory,
      complete: async (id, owner, ttlMs) => {
        order.push(`complete ${id}`);
        await memory.complete(id, owner, ttlMs);
      },
    };
    const handler = createWebhookHandler({
      secret,
      store,
      onEvent: (event) => void order.push(`handle ${event.id}`),
    });
    await handler(post(JSON.stringify(envelope(createEvent, joinEvent))));
    expect(order).toEqual([
      'handle evt-conversation:create',
      'complete sunshine:evt-conversation:create',
      'handle evt-conversation:join',
      'complete sunshine:evt-conversation:join',
    ]);
  });

  it('answers 500 when the store fails; the redelivery handles the rest and not again what ran', async () => {
    const memory = createMemoryEventStore();
    let broken = true;
    const store: EventStore = {
      ...memory,
      complete: async (id, owner, ttlMs) => {
        if (broken) throw new Error('redis down');
        await memory.complete(id, owner, ttlMs);
      },
    };
    const { handler, seen } = setup(undefined, { store });
    expect((await handler(post(body))).status).toBe(500);
    broken = false;
    expect((await handler(post(body))).status).toBe(200);
    // The first event ran; it could not be marked done, but its claim still holds, so the
    // redelivery does not run it twice (after the claim's TTL a later redelivery would).
    expect(seen).toEqual(['evt-conversation:create', 'evt-conversation:join', 'evt-conversation:message']);
  });

  it('runs an event once when two deliveries of it arrive together', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handler, seen } = setup(() => gate);
    const first = handler(post(body));
    const second = handler(post(body));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(seen).toEqual(['evt-conversation:create', 'evt-conversation:join', 'evt-conversation:message']);
  });

  it('runs an event again for a concurrent delivery when the first run failed', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handler, seen } = setup(async () => {
      calls++;
      if (calls === 1) {
        await gate;
        throw new Error('first run fails');
      }
    });
    const single = JSON.stringify(envelope(createEvent));
    const first = handler(post(single));
    const second = handler(post(single));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    expect((await first).status).toBe(500);
    expect((await second).status).toBe(200);
    expect(seen).toEqual(['evt-conversation:create']);
  });

  it('handles each event once across two handlers sharing an EventStore', async () => {
    const store = createMemoryEventStore();
    const a = setup(undefined, { store });
    const b = setup(undefined, { store });
    expect((await a.handler(post(body))).status).toBe(200);
    const again = await b.handler(post(body));
    expect(await again.json()).toEqual({ received: 3, processed: 0, duplicates: 3 });
    expect(a.seen).toHaveLength(3);
    expect(b.seen).toEqual([]);
  });

  it('shares the keys of client.events.subscribe, so both skip what the other handled on one store', async () => {
    const store = createMemoryEventStore();
    const { handler, seen } = setup(undefined, { store });
    const subscribed: string[] = [];
    const subscription = testClient({ webhookSecret: secret }).events.subscribe(
      (event) => void subscribed.push(event.id),
      { store },
    );
    const single = (event: unknown) => JSON.stringify(envelope(event));
    expect((await handler(post(single(createEvent)))).status).toBe(200);
    expect((await subscription.webhook(post(body))).status).toBe(200);
    expect((await handler(post(body))).status).toBe(200);
    expect(seen).toEqual(['evt-conversation:create']);
    expect(subscribed).toEqual(['evt-conversation:join', 'evt-conversation:message']);
    await subscription.close();
  });

  it('refuses an empty secret when created', () => {
    expect(() => createWebhookHandler({ secret: '', onEvent: () => undefined })).toThrow(
      'Invalid Sunshine webhook secret: must not be empty',
    );
  });

  it.each([
    ['a NUL', `${secret}\u0000`],
    ['a BEL', `${secret}\u0007`],
    ['a space', `${secret} x`],
    ['U+200B', `${secret}\u200b`],
  ])('refuses a secret with %s when created, as invalid_config without the value', (_why, bad) => {
    let caught: unknown;
    try {
      createWebhookHandler({ secret: ['other-secret', bad], onEvent: () => undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'invalid_config',
      provider: 'sunshine',
      operation: 'webhook.handle',
      message: 'Invalid Sunshine webhook secret[1]: must be visible ASCII (no spaces or control characters)',
    });
    expect(JSON.stringify(caught)).not.toContain(secret);
  });
});
