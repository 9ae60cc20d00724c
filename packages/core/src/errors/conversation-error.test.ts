import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConversationError } from './conversation-error.js';
import { codeForStatus, httpError, issuePath, networkError, networkErrorCode } from './error-factories.js';

describe('ConversationError', () => {
  it('is recognised across two copies of the module', async () => {
    // A query string makes Vite load a second, distinct copy of the same module.
    const specifier: string = './conversation-error.js?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./conversation-error.js');
    expect(copy.ConversationError).not.toBe(ConversationError);
    const foreign = new copy.ConversationError({ code: 'timeout', message: 'slow' });
    expect(foreign instanceof ConversationError).toBe(false);
    expect(ConversationError.isInstance(foreign)).toBe(true);
    expect(ConversationError.isInstance(new Error('plain'))).toBe(false);
    expect(ConversationError.isInstance({ code: 'timeout' })).toBe(false);
  });

  it('defaults retryable from the code', () => {
    for (const code of ['rate_limited', 'unavailable', 'timeout', 'network'] as const)
      expect(new ConversationError({ code, message: 'x' }).retryable).toBe(true);
    for (const code of ['invalid_request', 'not_found', 'unauthorized', 'aborted'] as const)
      expect(new ConversationError({ code, message: 'x' }).retryable).toBe(false);
  });

  it('serialises without the raw cause, which may hold request headers', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      headers: { authorization: 'Bearer canary-123' },
    });
    const error = new ConversationError({ code: 'network', message: 'down', provider: 'acme', cause });
    const json = JSON.stringify(error);
    expect(JSON.parse(json)).toEqual({
      name: 'ConversationError',
      code: 'network',
      message: 'down',
      provider: 'acme',
      retryable: true,
      cause: 'TypeError',
    });
    expect(inspect(error)).not.toContain('canary-123');
    expect(inspect(error)).toContain('[network]');
  });

  it('inspects as its stack headed by the code, then every field, and never the cause it hides', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { headers: { 'x-api-key': 'canary-456' } });
    const error = new ConversationError({
      code: 'unavailable',
      message: 'ultracart answered HTTP 503 on getConversation',
      provider: 'ultracart',
      operation: 'conversations.get',
      status: 503,
      requestId: 'req-77',
      retryAfterMs: 1500,
      cause,
    });
    for (const shown of [inspect(error), inspect(error, { colors: true }), inspect({ nested: [error] })]) {
      expect(shown).toContain(
        'ConversationError [unavailable]: ultracart answered HTTP 503 on getConversation\n',
      );
      expect(shown).toMatch(/\n\s+at .*conversation-error\.test\.ts/);
      for (const field of [
        'unavailable',
        'ultracart',
        'conversations.get',
        '503',
        'req-77',
        '1500',
        'TypeError',
      ])
        expect(shown).toContain(field);
      expect(shown).not.toContain('canary-456');
    }
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('canary-456');
  });

  it('inspects a reworded error with the error it rewords, stack and fields', () => {
    const original = new ConversationError({
      code: 'timeout',
      message: 'no answer in 100 ms',
      requestId: 'req-1',
    });
    const shown = inspect(original.withMessage('upload failed at step 2 of 2: no answer in 100 ms'));
    expect(shown).toContain('ConversationError [timeout]: upload failed at step 2 of 2');
    expect(shown).toMatch(/cause: ConversationError \[timeout\]: no answer in 100 ms\n\s+at /);
    expect(shown.match(/req-1/g)).toHaveLength(2);
  });

  it('inspects as JSON fields where the runtime passes no inspect function', () => {
    const error = new ConversationError({
      code: 'not_found',
      message: 'gone',
      provider: 'memory',
      status: 404,
    });
    const custom = (error as unknown as Record<symbol, (depth: number) => string>)[
      Symbol.for('nodejs.util.inspect.custom')
    ];
    const shown = custom?.call(error, 2) ?? '';
    expect(shown.startsWith('ConversationError [not_found]: gone\n')).toBe(true);
    expect(shown).toContain('{"code":"not_found","provider":"memory","status":404,"retryable":false}');
  });

  it('names the client operation and fills a missing provider without losing fields', () => {
    const error = new ConversationError({
      code: 'conflict',
      message: 'sunshine answered HTTP 423 on postMessage',
      operation: 'postMessage',
      status: 423,
      providerCode: 'locked',
    });
    const withContext = error.withContext('sunshine', 'messages.send');
    expect(withContext).toMatchObject({
      provider: 'sunshine',
      operation: 'messages.send',
      status: 423,
      providerCode: 'locked',
      message: 'sunshine answered HTTP 423 on postMessage',
    });
    expect(withContext.withContext('sunshine', 'messages.send')).toBe(withContext);
    expect(withContext.withContext('other', 'conversations.get').provider).toBe('sunshine');
  });

  it('rewords a copy, keeping every field and the original as cause', () => {
    const error = new ConversationError({
      code: 'rate_limited',
      message: 'ultracart answered HTTP 429',
      provider: 'ultracart',
      status: 429,
      retryAfterMs: 2000,
      requestId: 'r-1',
    });
    const reworded = error.withMessage('upload failed at step 2 of 2: ultracart answered HTTP 429');
    expect(reworded).toMatchObject({
      code: 'rate_limited',
      provider: 'ultracart',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
      requestId: 'r-1',
      message: 'upload failed at step 2 of 2: ultracart answered HTTP 429',
    });
    expect(reworded.cause).toBe(error);
  });
});

describe('error factories', () => {
  it.each([
    [400, 'invalid_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'conflict'],
    [410, 'forbidden'],
    [423, 'conflict'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [418, 'provider_error'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
    expect(httpError(status, { provider: 'p' }).code).toBe(code);
  });

  it('marks 429 and 5xx retryable, 410 not', () => {
    expect(httpError(429, {}).retryable).toBe(true);
    expect(httpError(502, {}).retryable).toBe(true);
    expect(httpError(410, {}).retryable).toBe(false);
  });

  it('names the errno code of a nested fetch failure', () => {
    const cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(networkErrorCode(cause)).toBe('ECONNREFUSED');
    expect(networkError({ provider: 'acme', operation: 'getThing' }, cause).message).toBe(
      'Could not reach acme for getThing (ECONNREFUSED)',
    );
  });

  it('prints valibot issue paths', () => {
    const issue = {
      path: [{ key: 'conversation' }, { key: 'participants' }, { key: 0 }, { key: 'joined_dts' }],
    } as never;
    expect(issuePath(issue)).toBe('conversation.participants[0].joined_dts');
  });
});
