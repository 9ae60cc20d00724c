import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { failure } from '../__fixtures__/failure.js';
import type { ConversationError } from '../errors/conversation-error.js';
import type { ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import { CANARY, spyAdapter } from './__fixtures__/spy-adapter.js';
import type { ConversationClient } from './conversation-client.js';
import { type CreateConversationsOptions, createConversations } from './create-conversations.js';

const build = (spy = spyAdapter()) =>
  createConversations({
    adapters: [spy.adapter],
    config: { provider: 'spy', spy: { apiKey: CANARY }, timeoutMs: 1234 },
  });

describe('createConversations', () => {
  it('builds the selected adapter from its validated section and the shared settings', () => {
    const spy = spyAdapter();
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = createConversations({
      adapters: [spy.adapter],
      config: { provider: 'spy', spy: { apiKey: CANARY }, retry: { limit: 4 } },
      fetch,
    });
    expect(client.provider).toBe('spy');
    expect(client.raw).toEqual({ token: 'raw-api' });
    expect(spy.section()).toEqual({ apiKey: CANARY });
    expect(spy.settings()).toEqual({
      timeoutMs: 30_000,
      maxResponseBytes: 32 * 1024 * 1024,
      retry: { limit: 4, maxRetryAfterMs: 60_000 },
      fetch,
    });
  });

  it('takes its capabilities from the methods the provider implements', () => {
    const spy = spyAdapter();
    const client = build(spy);
    expect([...client.capabilities]).toEqual([
      'conversations.list',
      'conversations.get',
      'messages.list',
      'media.upload',
    ]);
    const { uploadMedia: _dropped, ...withoutUpload } = spy.provider;
    const narrower = createConversations({
      adapters: [{ ...spy.adapter, createProvider: () => withoutUpload }],
      config: { provider: 'spy', spy: { apiKey: CANARY } },
    });
    expect(narrower.supports('media.upload')).toBe(false);
  });

  it('refuses an unknown key, naming it and the key it resembles', () => {
    const spy = spyAdapter();
    const error = (config: unknown) => {
      try {
        createConversations({ adapters: [spy.adapter], config: config as never });
      } catch (caught) {
        return caught as ConversationError;
      }
      throw new Error('expected a failure');
    };
    expect(error({ provider: 'spy', spy: { apiKey: CANARY }, timeoutMS: 5 }).message).toBe(
      'Invalid config: timeoutMS is not a known setting; did you mean timeoutMs?',
    );
    const section = error({ provider: 'spy', spy: { apikey: CANARY } });
    expect(section).toMatchObject({ code: 'invalid_config', provider: 'spy' });
    expect(section.message).toBe(
      'Invalid config: spy.apikey is not a known setting; did you mean spy.apiKey?',
    );
    expect(JSON.stringify(section)).not.toContain(CANARY);
    expect(error({ provider: 'spy', spy: { apiKey: CANARY }, zzzz: 1 }).message).toBe(
      'Invalid config: zzzz is not a known setting',
    );
  });

  it('types the config from the adapters and narrows raw by provider', () => {
    const spy = spyAdapter();
    const other: ConversationAdapterV1<'other', undefined, undefined, { other: number }> = {
      specificationVersion: 'v1',
      name: 'other',
      secretKeys: [],
      createProvider: () => ({ ...spy.provider, name: 'other', raw: { other: 1 } }),
    };
    type Config = CreateConversationsOptions<readonly [typeof spy.adapter, typeof other]>['config'];
    // @ts-expect-error: 'spyy' is not the name of a given adapter
    const wrongName: Config = { provider: 'spyy' };
    // @ts-expect-error: the section takes apiKey, not apiKee
    const wrongKey: Config = { provider: 'spy', spy: { apiKee: 'k' } };
    // @ts-expect-error: timeoutMS is not a shared setting
    const wrongShared: Config = { provider: 'other', timeoutMS: 5 };
    expect([wrongName, wrongKey, wrongShared].map((config) => config.provider)).toEqual([
      'spyy',
      'spy',
      'other',
    ]);
    const client = createConversations({ adapters: [spy.adapter, other], config: { provider: 'other' } });
    expectTypeOf(client.raw).toEqualTypeOf<{ token: string } | { other: number }>();
    if (client.provider === 'other') expectTypeOf(client.raw).toEqualTypeOf<{ other: number }>();
    else expectTypeOf(client.raw).toEqualTypeOf<{ token: string }>();
    expect(client.provider).toBe('other');
    expect(client.raw).toEqual({ other: 1 });
  });

  it('never shows a secret in JSON or inspect output of the client', () => {
    const client = build();
    expect(JSON.stringify(client)).not.toContain(CANARY);
    expect(inspect(client, { depth: 5 })).not.toContain(CANARY);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ provider: 'spy' });
  });

  it('answers supports() from the capabilities', () => {
    const client = build();
    expect(client.supports('conversations.get')).toBe(true);
    expect(client.supports('messages.send')).toBe(false);
  });

  it('rejects unsupported calls with unsupported and calls nothing', async () => {
    const spy = spyAdapter();
    const client = build(spy);
    const error = await failure(client.messages.send('c1', { text: 'hi' }));
    expect(error).toMatchObject({ code: 'unsupported', provider: 'spy', operation: 'messages.send' });
    expect(error.message).toContain("client.supports('messages.send')");
    await expect(failure(client.queues.list())).resolves.toMatchObject({ code: 'unsupported' });
    expect(spy.calls).toEqual([]);
  });

  it.each<[string, (client: ConversationClient) => PromiseLike<unknown>, string]>([
    ['empty id', (c) => c.conversations.get(''), 'id must not be empty'],
    ['10 KB id', (c) => c.conversations.get('x'.repeat(10_240)), 'id must be at most 1024 characters'],
    ['control characters', (c) => c.conversations.get('a\nb'), 'id must not contain control characters'],
    ['limit 0', (c) => c.conversations.list({ limit: 0 }), 'params.limit must be between 1 and 50'],
    [
      'limit above the page size',
      (c) => c.messages.list('c', { limit: 21 }),
      'params.limit must be between 1 and 20',
    ],
    ['fractional limit', (c) => c.conversations.list({ limit: 2.5 }), 'params.limit must be an integer'],
    [
      'bad channel',
      (c) => c.conversations.list({ channel: 'fax' as 'sms' }),
      "params.channel must be 'sms' or 'webchat'",
    ],
    ['unknown option', (c) => c.conversations.list({ limt: 5 } as never), 'params'],
    ['bad since', (c) => c.messages.list('c', { since: 'yesterday' }), 'since must be an ISO-8601'],
    [
      'invalid Date since',
      (c) => c.messages.list('c', { since: new Date(Number.NaN) }),
      'since must be an ISO-8601',
    ],
    [
      'since of another type',
      (c) => c.messages.list('c', { since: true as never }),
      'since must be an ISO-8601',
    ],
    ['bad cursor', (c) => c.conversations.list({ cursor: 'abc' }), 'cursor is not a Parley cursor'],
    ['bad messageLimit', (c) => c.conversations.get('c', { messageLimit: -1 }), 'options.messageLimit'],
    [
      'upload without data',
      (c) => c.media.upload({ data: 'text' as never, contentType: 'text/plain' }),
      'input.data must be',
    ],
    [
      'upload bad type',
      (c) => c.media.upload({ data: new Uint8Array(1), contentType: 'png' }),
      'input.contentType',
    ],
  ])('refuses %s before any provider call', async (_name, run, message) => {
    const spy = spyAdapter();
    const error = await failure(run(build(spy)));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(message);
    expect(error.provider).toBe('spy');
    expect(spy.calls).toEqual([]);
  });

  it('passes validated params and the signal through', async () => {
    const spy = spyAdapter();
    const client = build(spy);
    const signal = new AbortController().signal;
    await client.conversations.get('c 1/2', { messageLimit: 10, signal });
    await client.messages.list('c1', { since: '2025-10-07T14:50:23-04:00', order: 'desc', limit: 5 });
    expect(spy.calls).toEqual([
      ['getConversation', 'c 1/2', { messageLimit: 10 }],
      [
        'listMessages',
        'c1',
        { limit: 5, cursor: undefined, since: Date.parse('2025-10-07T18:50:23Z'), order: 'desc' },
      ],
    ]);
    expect(spy.provider.getConversation).toHaveBeenCalledWith('c 1/2', { messageLimit: 10 }, { signal });
  });

  it('rejects an already aborted call with aborted', async () => {
    const spy = spyAdapter();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(build(spy).conversations.get('c1', { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    expect(spy.calls).toEqual([]);
  });

  it('wraps an unexpected provider exception as provider_error with context', async () => {
    const error = await failure(build().conversations.get('boom'));
    expect(error).toMatchObject({ code: 'provider_error', operation: 'conversations.get', provider: 'spy' });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('scrubs the adapter credentials from an unexpected provider exception', async () => {
    const error = await failure(build().conversations.get('leak'));
    expect(error.message).toBe('spy failed unexpectedly in conversations.get: rejected key [redacted]');
  });

  it('binds a cursor to the listing filters', async () => {
    const spy = spyAdapter();
    spy.provider.listConversations = async () => ({ items: [{ id: 'a' } as never], nextCursor: '7' });
    const client = build(spy);
    const page = await client.conversations.list({ channel: 'sms' });
    const error = await failure(
      client.conversations.list({ channel: 'webchat', cursor: page.nextCursor as string }),
    );
    expect(error.message).toContain('belongs to another listing');
  });

  it('fails with invalid_config when the adapter cannot be built', () => {
    const spy = spyAdapter();
    const broken = {
      ...spy.adapter,
      createProvider: () => {
        throw new Error('no socket');
      },
    };
    expect(() =>
      createConversations({ adapters: [broken], config: { provider: 'spy', spy: { apiKey: 'k' } } }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: 'spy could not be set up: no socket' }),
    );
  });
});
