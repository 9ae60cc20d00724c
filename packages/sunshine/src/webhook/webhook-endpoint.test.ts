import type { ConversationEvent } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { createEvent, envelope } from './__fixtures__/events.js';
import { createWebhookEndpoint } from './webhook-endpoint.js';

const secret = 'whsec-endpoint-secret';

function post(text: string): Request {
  return new Request('http://127.0.0.1/webhooks/sunshine', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': secret },
    body: text,
  });
}

describe('createWebhookEndpoint', () => {
  it('checks the secret when created, before any request loads the rest', () => {
    expect(() =>
      createWebhookEndpoint({ secret: 'a b', operation: 'test.endpoint', deliver: async () => true }),
    ).toThrow(expect.objectContaining({ code: 'invalid_config', operation: 'test.endpoint' }));
  });

  it('serves every request, the first ones included, from one responder: a second delivery of an event waits for the first', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const endpoint = createWebhookEndpoint({
      secret,
      operation: 'test.endpoint',
      deliver: async (event: ConversationEvent) => {
        started.push(event.id);
        await gate;
        return true;
      },
    });
    const single = JSON.stringify(envelope(createEvent));
    // Both arrive before the responder has loaded: with one responder each, both would run at once.
    const first = endpoint(post(single));
    const second = endpoint(post(single));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual(['evt-conversation:create']);
    release();
    const answers = await Promise.all([first, second]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(started).toEqual(['evt-conversation:create', 'evt-conversation:create']);
  });
});
