import { ConversationError } from '@parley/core';
import { type NeutralKind, outcomeProblems } from '@parley/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answers, answersArbitrary, hex } from './__fixtures__/arbitraries.js';
import { createTestProvider, testConfig } from './__fixtures__/test-provider.js';
import type { SunshineProvider } from './provider.js';

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
  return createTestProvider(testConfig(), {
    fetch: fetch as typeof globalThis.fetch,
    retry: { limit: 0, maxRetryAfterMs: 0 },
    timeoutMs: 5_000,
  });
}

/** Checks one call's outcome: neutral objects of `kind` without shape problems, or a ConversationError. */
async function expectNeutralOrError(kind: NeutralKind, call: Promise<unknown>): Promise<void> {
  expect(await outcomeProblems(kind, call)).toEqual([]);
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

describe('uploadMedia file names (fast-check)', () => {
  it('refuses before any request, or names the part with a [a-z0-9]{1,10} extension', () =>
    fc.assert(
      fc.asyncProperty(
        fc.option(fc.string(), { nil: undefined }),
        fc.string(),
        async (filename, contentType) => {
          const sent: string[] = [];
          const fetch = async (input: string | URL | Request, init?: RequestInit) => {
            const request = input instanceof Request ? input : new Request(input, init);
            const source = (await request.formData()).get('source');
            sent.push(source instanceof File ? source.name : '');
            return new Response(JSON.stringify({ attachment: { mediaUrl: 'https://cdn.test/a' } }), {
              status: 201,
              headers: { 'content-type': 'application/json' },
            });
          };
          const provider = createTestProvider(testConfig(), { fetch: fetch as typeof globalThis.fetch });
          const input = {
            data: new Uint8Array([1]),
            contentType,
            ...(filename === undefined ? {} : { filename }),
          };
          try {
            await provider.uploadMedia(input, options);
          } catch (error) {
            if (!ConversationError.isInstance(error)) throw error;
            expect(error.code).toBe('invalid_request');
            expect(sent).toEqual([]);
            return;
          }
          expect(sent).toHaveLength(1);
          // Without a filename the part is named after the content type's extension; with one, its
          // own extension (when it has a dot) passed the same check.
          if (filename === undefined) expect(sent[0]).toMatch(/^upload\.[a-z0-9]{1,10}$/);
          else if (filename.includes('.'))
            expect(filename.slice(filename.lastIndexOf('.') + 1).toLowerCase()).toMatch(/^[a-z0-9]{1,10}$/);
        },
      ),
      { numRuns: 100 },
    ));
});

// Cases the properties above found, kept as plain examples.
describe('Sunshine answers at the edges', () => {
  const received = '2025-10-07T18:50:23.000Z';
  const noMessages = { messages: [] };

  it('refuses a datetime outside the years 0000–9999 with invalid_response', async () => {
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
