import { ConversationError } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { deferredBody, loadDeferred } from './load-deferred.js';
import { Refusal } from './refusal.js';

describe('deferredBody', () => {
  it('builds with the code loaded once, and turns a Refusal into invalid_request for the operation', async () => {
    expect(await loadDeferred()).toBe(await loadDeferred());
    const body = await deferredBody('conversations.update', ({ toUpdateBody }) =>
      toUpdateBody({ title: 'Hi' }),
    );
    expect(body).toEqual({ displayName: 'Hi' });
    const error = await deferredBody('conversations.update', ({ toUpdateBody }) =>
      toUpdateBody({ title: '' }),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(ConversationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_request',
      provider: 'sunshine',
      operation: 'conversations.update',
      message: 'patch.title must be 1–100 characters (got 0)',
    });
    expect(error).not.toBeInstanceOf(Refusal);
  });

  it('lets any other failure through as it is', async () => {
    const boom = new TypeError('boom');
    await expect(
      deferredBody('messages.send', () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });
});
