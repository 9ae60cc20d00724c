import { ConversationError } from '@parley/core';
import { shapeProblems } from '@parley/core/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { type Answers, answersArbitrary, hex, timestampArbitrary } from './__fixtures__/arbitraries.js';
import { testConfig } from './__fixtures__/harness.js';
import { scopeForKey } from './jwt.js';
import { checkSunshineUploadExtension, uploadExtension } from './limits.js';
import { guessMediaType, toCreateBody, toIso, toMessagePost, toMetadata, toUpdateBody } from './map.js';
import { checkState, nextCursor } from './paging.js';
import { createSunshineProvider, type SunshineProvider } from './provider.js';
import { parseSunshineError } from './transport.js';
import { pagingEntries, timestampSchema } from './wire/common.js';

// Every property: whatever Sunshine answers, a call gives valid neutral objects or a
// ConversationError — never a TypeError, RangeError or an object that breaks the neutral shape.

/** Which generated answer a request gets, by method and path. */
function answerFor(method: string, path: string, answers: Answers): unknown {
  const tail = path.replace(/^.*\/v2\/apps\/[^/]+\//, '');
  if (tail === 'attachments') return answers.attachment;
  if (tail === 'conversations') return method === 'GET' ? answers.conversations : answers.conversation;
  if (/^conversations\/[^/]+$/.test(tail)) return method === 'DELETE' ? {} : answers.conversation;
  if (tail.endsWith('/participants')) return answers.participants;
  if (tail.endsWith('/messages')) return method === 'GET' ? answers.messages : answers.posted;
  if (tail.endsWith('/join')) return answers.participant;
  return {};
}

/** A provider whose requests are answered 200 with the generated answers. */
function providerAnswering(answers: Answers): SunshineProvider {
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = answerFor(request.method, new URL(request.url).pathname, answers);
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return createSunshineProvider(testConfig(), {
    fetch: fetch as typeof globalThis.fetch,
    retry: { limit: 0, maxRetryAfterMs: 0 },
    timeoutMs: 5_000,
  });
}

type Kind = Parameters<typeof shapeProblems>[0];

/** Checks one call's outcome: neutral objects of `kind` without shape problems, or a ConversationError. */
async function expectNeutralOrError(kind: Kind, call: Promise<unknown>): Promise<void> {
  let value: unknown;
  try {
    value = await call;
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    expect(['invalid_response', 'provider_error']).toContain(error.code);
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) expect(shapeProblems(kind, item)).toEqual([]);
}

const options = { signal: undefined };
const runs = { numRuns: 150 };
const answers = answersArbitrary();
const cid = '67a0ecf8f0305f4a391e9db1';

describe('Sunshine answers → neutral objects (fast-check)', () => {
  it('listConversations', () =>
    fc.assert(
      fc.asyncProperty(answers, (a) =>
        expectNeutralOrError(
          'conversation',
          providerAnswering(a)
            .listConversations({ userId: 'u1', limit: 5 }, options)
            .then((page) => page.items),
        ),
      ),
      runs,
    ));

  it('getConversation with its participants and newest messages', () =>
    fc.assert(
      fc.asyncProperty(answers, (a) =>
        expectNeutralOrError(
          'conversation',
          providerAnswering(a).getConversation(cid, { messageLimit: 5 }, options),
        ),
      ),
      runs,
    ));

  it('createConversation and updateConversation', () =>
    fc.assert(
      fc.asyncProperty(answers, async (a) => {
        const provider = providerAnswering(a);
        await expectNeutralOrError(
          'conversation',
          provider.createConversation({ participants: [{ userId: 'u1' }] }, options),
        );
        await expectNeutralOrError('conversation', provider.updateConversation(cid, { title: 'x' }, options));
      }),
      runs,
    ));

  it('listMessages, both orders, first and resumed pages', () =>
    fc.assert(
      fc.asyncProperty(
        answers,
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.option(hex(1, 24), { nil: undefined }),
        (a, order, at) => {
          const cursor = at === undefined ? undefined : `${order === 'asc' ? 'a' : 'd'}:${at}`;
          return expectNeutralOrError(
            'message',
            providerAnswering(a)
              .listMessages(cid, { order, limit: 3, cursor }, options)
              .then((page) => page.items),
          );
        },
      ),
      runs,
    ));

  it('sendMessage', () =>
    fc.assert(
      fc.asyncProperty(answers, (a) =>
        expectNeutralOrError('message', providerAnswering(a).sendMessage(cid, { text: 'hi' }, options)),
      ),
      runs,
    ));

  it('uploadMedia, and join/leave/markRead/delete resolve or fail cleanly', () =>
    fc.assert(
      fc.asyncProperty(answers, async (a) => {
        const provider = providerAnswering(a);
        await expectNeutralOrError(
          'media',
          provider.uploadMedia({ data: new Uint8Array([1]), contentType: 'image/png' }, options),
        );
        for (const call of [
          provider.joinConversation(cid, { userId: 'u1' }, options),
          provider.leaveConversation(cid, { userId: 'u1' }, options),
          provider.markConversationRead(cid, options),
          provider.deleteConversation(cid, options),
        ])
          await expect(call.catch((error: unknown) => ConversationError.isInstance(error))).resolves.not.toBe(
            false,
          );
      }),
      runs,
    ));
});

/** `text` when the wire schema takes it as a datetime, else undefined. */
function providerTimestamp(text: string): string | undefined {
  const parsed = v.safeParse(timestampSchema, text);
  return parsed.success ? parsed.output : undefined;
}

const pagedSchema = v.looseObject(pagingEntries);

const refusedOrValue = <T>(run: () => T, check: (value: T) => void) => {
  let value: T;
  try {
    value = run();
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    expect(error.code).toBe('invalid_request');
    return;
  }
  check(value);
};

describe('Sunshine parsers and neutral → wire (fast-check)', () => {
  const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  it('toIso turns any datetime the wire schema accepts into ISO-8601 UTC with milliseconds', () =>
    fc.assert(
      fc.property(fc.oneof(timestampArbitrary, fc.string()), (text) => {
        const parsed = providerTimestamp(text);
        if (parsed !== undefined) expect(toIso(parsed)).toMatch(isoUtc);
      }),
    ));

  it('toMetadata keeps only flat finite values', () =>
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (wire) => {
        for (const value of Object.values(toMetadata(wire)))
          expect(typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)).toBe(
            true,
          );
      }),
    ));

  it('guessMediaType always names a type', () =>
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), fc.constantFrom('image', 'file'), (url, kind) => {
        expect(guessMediaType(url, kind)).toMatch(/^[a-z]+\/[\w.+*-]+$/);
      }),
    ));

  it('neutral inputs become wire bodies or invalid_request', () =>
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom('personal' as const, 'group' as const),
            title: fc.string({ maxLength: 120 }),
            iconUrl: fc.oneof(fc.webUrl(), fc.string()),
            metadata: fc.dictionary(fc.string(), fc.oneof(fc.string({ maxLength: 2000 }), fc.double())),
            participants: fc.array(
              fc.record(
                { id: fc.string(), userId: fc.string(), userExternalId: fc.string() },
                { requiredKeys: [] },
              ),
              { maxLength: 12 },
            ),
            text: fc.string({ maxLength: 5000 }),
            media: fc.array(fc.record({ url: fc.webUrl() }), { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          refusedOrValue(
            () => toCreateBody(input),
            (body) => expect(['personal', 'sdkGroup']).toContain(body.type),
          );
          refusedOrValue(
            () => toUpdateBody(input),
            (body) => expect(body.displayName).toBe(input.title),
          );
          refusedOrValue(
            () => toMessagePost(input),
            (body) => expect(body.author).toEqual({ type: 'business' }),
          );
        },
      ),
    ));

  it('upload extensions are [a-z0-9]{1,10} or refused', () =>
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.string(), (filename, contentType) => {
        const extension = uploadExtension(filename, contentType);
        refusedOrValue(
          () => checkSunshineUploadExtension(extension, 'media.upload'),
          () => expect(extension).toMatch(/^[a-z0-9]{1,10}$/),
        );
      }),
    ));

  it('parseSunshineError, nextCursor, checkState and scopeForKey take any input', () =>
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (body, text) => {
        const details = parseSunshineError({ status: 400, headers: new Headers(), body });
        for (const value of Object.values(details)) expect(typeof value).toBe('string');
        const paged = v.safeParse(pagedSchema, body);
        if (paged.success)
          for (const direction of ['after', 'before'] as const) {
            const next = nextCursor(paged.output, direction, text);
            if (next !== undefined) expect(typeof next).toBe('string');
          }
        refusedOrValue(
          () => checkState(text, 'messages.list'),
          (state) => expect(state).toBe(text),
        );
        expect(['app', 'account']).toContain(scopeForKey(text));
      }),
    ));
});

// Cases the properties above found, kept as plain examples.
describe('Sunshine answers at the edges', () => {
  const received = '2025-10-07T18:50:23.000Z';
  const noMessages = { messages: [] };

  it('refuses a datetime outside the years 0000–9999 with invalid_response', async () => {
    expect(providerTimestamp('+275760-09-13T00:00:00.000Z')).toBeUndefined();
    expect(providerTimestamp('-000001-12-31T23:59:59.999Z')).toBeUndefined();
    expect(providerTimestamp('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    const message = { id: 'm1', received: '10000-01-01', author: { type: 'user' } };
    const answers = { messages: { messages: [message] } } as Partial<Answers> as Answers;
    const error = await providerAnswering(answers)
      .listMessages(cid, { order: 'desc' }, options)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('refuses an empty id with invalid_response', async () => {
    const answers = { conversations: { conversations: [{ id: '' }] } } as Partial<Answers> as Answers;
    const error = await providerAnswering(answers)
      .listConversations({ userId: 'u1' }, options)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('reads an empty mediaType as absent', async () => {
    const answers = {
      attachment: { attachment: { mediaUrl: 'https://cdn.test/a.png', mediaType: '' } },
      posted: {
        messages: [
          {
            id: 'm1',
            received,
            author: { type: 'business' },
            content: { type: 'file', mediaUrl: 'https://cdn.test/r.pdf', mediaType: '' },
          },
        ],
      },
      messages: noMessages,
    } as Partial<Answers> as Answers;
    const provider = providerAnswering(answers);
    const media = await provider.uploadMedia(
      { data: new Uint8Array([1]), contentType: 'image/png' },
      options,
    );
    expect(media.contentType).toBe('image/png');
    const sent = await provider.sendMessage(cid, { media: [{ url: 'https://cdn.test/r.pdf' }] }, options);
    expect(sent.media[0]?.contentType).toBe('application/pdf');
  });
});
