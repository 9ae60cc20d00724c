import { ConversationError } from '@parley/core';
import { uploadExtension } from '@parley/core/provider';
import { type NeutralKind, outcomeProblems } from '@parley/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WirePayload, wireArbitraries } from './__fixtures__/arbitraries.js';
import { testProvider } from './__fixtures__/harness.js';
import type { UltraCartProvider } from './provider.js';

// Every property: whatever UltraCart answers, a call gives valid neutral objects or a
// ConversationError — never a TypeError, RangeError or an object that breaks the neutral shape.

const loose = wireArbitraries('loose');
const typed = wireArbitraries('typed');
/** Any answer: arbitrary JSON, a loosely typed envelope, or one whose fields all have their wire types. */
const answer = (key: WirePayload) =>
  fc.oneof(fc.jsonValue(), loose.envelope(key), { weight: 2, arbitrary: typed.envelope(key) });

/** A provider whose every request is answered 200 with `body` (an upload's PUT with nothing). */
function providerAnswering(body: unknown): UltraCartProvider {
  const fetch = async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https://secure.ultracart.com/')) return new Response(null, { status: 200 });
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return testProvider(
    { apiKey: 'uc-property-key' },
    { fetch: fetch as typeof globalThis.fetch, retry: { limit: 0, maxRetryAfterMs: 0 }, timeoutMs: 5_000 },
  );
}

/** Checks one call's outcome: neutral objects of `kind` without shape problems, or a ConversationError. */
async function expectNeutralOrError(kind: NeutralKind, call: Promise<unknown>): Promise<void> {
  expect(await outcomeProblems(kind, call)).toEqual([]);
}

const options = { signal: undefined };
const runs = { numRuns: 150 };

describe('UltraCart answers → neutral objects (fast-check)', () => {
  it('getConversation', () =>
    fc.assert(
      fc.asyncProperty(answer('conversation'), (body) =>
        expectNeutralOrError('conversation', providerAnswering(body).getConversation('c1', {}, options)),
      ),
      runs,
    ));

  it('listConversations', () =>
    fc.assert(
      fc.asyncProperty(answer('conversations'), async (body) => {
        const page = providerAnswering(body).listConversations({ limit: 3 }, options);
        await expectNeutralOrError(
          'conversation',
          page.then((p) => {
            if (p.nextCursor !== undefined) expect(p.nextCursor).toMatch(/^\d+$/);
            return p.items;
          }),
        );
      }),
      runs,
    ));

  it('createConversation (start)', () =>
    fc.assert(
      fc.asyncProperty(answer('conversation'), (body) =>
        expectNeutralOrError('conversation', providerAnswering(body).createConversation({}, options)),
      ),
      runs,
    ));

  it('listMessages, both orders', () =>
    fc.assert(
      fc.asyncProperty(
        answer('conversation_messages'),
        fc.constantFrom('asc' as const, 'desc' as const),
        (body, order) =>
          expectNeutralOrError(
            'message',
            providerAnswering(body)
              .listMessages('c1', { order, limit: 2 }, options)
              .then((page) => page.items),
          ),
      ),
      runs,
    ));

  it('listQueues', () =>
    fc.assert(
      fc.asyncProperty(answer('queue_statuses'), (body) =>
        expectNeutralOrError('queue', providerAnswering(body).listQueues(options)),
      ),
      runs,
    ));

  it('authorizeAgent', () =>
    fc.assert(
      fc.asyncProperty(answer('agent_auth'), (body) =>
        expectNeutralOrError('session', providerAnswering(body).authorizeAgent(options)),
      ),
      runs,
    ));

  it('uploadMedia', () =>
    fc.assert(
      fc.asyncProperty(answer('conversation_multimedia_upload_url'), (body) =>
        expectNeutralOrError(
          'media',
          providerAnswering(body).uploadMedia(
            { data: new Uint8Array([1, 2, 3]), contentType: 'image/png' },
            options,
          ),
        ),
      ),
      runs,
    ));
});

describe('the upload extension the provider asks UltraCart for (fast-check)', () => {
  it('is [a-z0-9]{1,10} or refused with invalid_request: uploadExtension gives [a-z0-9]{1,10} or refuses with invalid_request', () =>
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.string(), (filename, contentType) => {
        try {
          const input = filename === undefined ? { contentType } : { filename, contentType };
          expect(uploadExtension(input, {})).toMatch(/^[a-z0-9]{1,10}$/);
        } catch (error) {
          if (!ConversationError.isInstance(error)) throw error;
          expect(error.code).toBe('invalid_request');
        }
      }),
    ));
});
