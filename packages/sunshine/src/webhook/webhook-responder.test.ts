import { readFileSync } from 'node:fs';
import type { ConversationEvent } from '@parley/core';
import { runtimeImports } from '@parley/core/testing';
import { describe, expect, it } from 'vitest';
import { createWebhookResponder, type WebhookResponderParts } from './webhook-responder.js';

const event = { id: 'evt-1', type: 'unknown', provider: 'sunshine' } as unknown as ConversationEvent;

function post(text: string): Request {
  return new Request('http://127.0.0.1/webhooks/sunshine', { method: 'POST', body: text });
}

function responder(parts: Partial<WebhookResponderParts>, reported: unknown[] = []) {
  return createWebhookResponder(
    {
      secret: 'unused-here',
      operation: 'test.responder',
      deliver: async () => true,
      counted: true,
      onError: (error) => reported.push(error),
    },
    { hasSecret: () => true, parse: () => [event], refusal: () => undefined, ...parts },
  );
}

describe('createWebhookResponder', () => {
  it('imports nothing at run time, so its chunk shares no code with what loads at import', () => {
    expect(runtimeImports(readFileSync(new URL('./webhook-responder.ts', import.meta.url), 'utf8'))).toEqual(
      [],
    );
  });

  it('checks the secret with the given hasSecret before reading the body', async () => {
    const seen: string[] = [];
    const answer = await responder({
      hasSecret: (headers) => {
        seen.push(String(headers.get('x-api-key')));
        return false;
      },
      parse: () => {
        throw new Error('must not be read');
      },
    })(post('{}'));
    expect(answer.status).toBe(401);
    expect(seen).toEqual(['null']);
  });

  it('answers 400 with the message refusal gives, and reports an error it does not recognise', async () => {
    const refused = new Error('Invalid Sunshine webhook body: events is missing');
    const broken = new Error('a bug');
    const reported: unknown[] = [];
    const parts = {
      parse: (body: string): ConversationEvent[] => {
        throw body === 'refused' ? refused : broken;
      },
      refusal: (error: unknown) => (error === refused ? refused.message : undefined),
    };
    const first = await responder(parts, reported)(post('refused'));
    expect(first.status).toBe(400);
    expect(await first.json()).toEqual({ error: 'invalid_request', message: refused.message });
    expect(reported).toEqual([]);
    const second = await responder(parts, reported)(post('broken'));
    expect(await second.json()).toEqual({ error: 'invalid_request', message: 'The body could not be read' });
    expect(reported).toEqual([broken]);
  });

  it('delivers what parse gives and counts it', async () => {
    const answer = await responder({ parse: (body) => (body === 'two' ? [event, event] : []) })(post('two'));
    expect(await answer.json()).toEqual({ received: 2, processed: 2, duplicates: 0 });
  });
});
