import { ConversationError } from '@parley/core';
import { shapeProblems } from '@parley/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dtsArbitrary, type WirePayload, wireArbitraries } from './__fixtures__/arbitraries.js';
import { parseUltraCartError } from './api-checks.js';
import { contentTypeOf, mapMessage, toIsoUtc, toStartRequest } from './map.js';
import { decodeMessageState, encodeMessageState, hashId } from './message-paging.js';
import { createUltraCartProvider, type UltraCartProvider } from './provider.js';
import { uploadExtension } from './upload.js';
import { parseIsoTimestamp } from './wire.js';

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
  return createUltraCartProvider(
    { apiKey: 'uc-property-key' },
    { fetch: fetch as typeof globalThis.fetch, retry: { limit: 0 }, timeoutMs: 5_000 },
  );
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

describe('UltraCart parsers (fast-check)', () => {
  const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  it('toIsoUtc gives ISO-8601 UTC with milliseconds or undefined, never throws', () =>
    fc.assert(
      fc.property(fc.oneof(dtsArbitrary, fc.string()), (text) => {
        const iso = toIsoUtc(text);
        if (iso !== undefined) expect(iso).toMatch(isoUtc);
        expect(iso === undefined).toBe(parseIsoTimestamp(text) === undefined);
      }),
    ));

  it('toIsoUtc reads back what toISOString wrote', () =>
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
        (date) => {
          fc.pre(!Number.isNaN(date.getTime()));
          expect(toIsoUtc(date.toISOString())).toBe(date.toISOString());
        },
      ),
    ));

  it('contentTypeOf always names a type', () =>
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
        expect(contentTypeOf(url)).toMatch(/^[a-z]+\/[\w.+*-]+$/);
      }),
    ));

  it('uploadExtension gives [a-z0-9]{1,10} or refuses with invalid_request', () =>
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

  it('toStartRequest gives a start request or refuses with invalid_request', () =>
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom('personal' as const, 'group' as const),
            title: fc.string(),
            metadata: fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
            participants: fc.array(
              fc.record({ id: fc.string(), userId: fc.string() }, { requiredKeys: [] }),
              { maxLength: 3 },
            ),
            queue: fc.string(),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          try {
            const request = toStartRequest(input, {});
            expect(request.add_conversation_participant_arns ?? []).toHaveLength(
              input.participants?.length ?? 0,
            );
          } catch (error) {
            if (!ConversationError.isInstance(error)) throw error;
            expect(error.code).toBe('invalid_request');
          }
        },
      ),
    ));

  it('parseUltraCartError reads any body without throwing, and keeps strings short', () =>
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        (body, header) => {
          const headers = new Headers(
            header === undefined ? {} : { 'uc-rest-error': header.replace(/[^\x20-\x7e]/g, '') },
          );
          const details = parseUltraCartError({ status: 500, headers, body });
          for (const value of Object.values(details)) expect(typeof value).toBe('string');
        },
      ),
    ));

  it('message cursor state: encode → decode round trip; anything else is invalid_request', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 0, max: 9_999_999_999_999 }),
        fc.uniqueArray(fc.string(), { maxLength: 5 }),
        (order, epoch, ids) => {
          const seen = new Set(ids.map(hashId));
          expect(decodeMessageState(encodeMessageState(order, { epoch, seen }), order)).toEqual({
            epoch,
            seen,
          });
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('asc' as const, 'desc' as const), (state, order) => {
        try {
          const position = decodeMessageState(state, order);
          expect(Number.isSafeInteger(position.epoch)).toBe(true);
        } catch (error) {
          if (!ConversationError.isInstance(error)) throw error;
          expect(error.code).toBe('invalid_request');
        }
      }),
    );
  });
});

// Cases the properties above found, kept as plain examples.
describe('UltraCart timestamps at the edges', () => {
  const context = { provider: 'ultracart', operation: 'getConversationMessages', path: 'm' };

  it('reads years 0000–0099 as written, not as 1900–1999', () => {
    expect(toIsoUtc('0099-12-31T23:59:59Z')).toBe('0099-12-31T23:59:59.000Z');
    expect(toIsoUtc('0000-02-29T00:00:00Z')).toBe('0000-02-29T00:00:00.000Z');
    expect(toIsoUtc('0001-02-29T00:00:00Z')).toBeUndefined();
  });

  it('refuses an instant that an offset pushes out of the years 0000–9999', () => {
    expect(toIsoUtc('9999-12-31T23:59:00-04:00')).toBeUndefined();
    expect(toIsoUtc('0000-01-01T00:00:00+01:00')).toBeUndefined();
    expect(toIsoUtc('9999-12-31T23:59:00Z')).toBe('9999-12-31T23:59:00.000Z');
  });

  it('maps a message_epoch no Date can hold to invalid_response, or falls back to message_dts', () => {
    const message = { conversation_message_uuid: 'm1', message_epoch: 8_640_000_000_000_001 };
    expect(() => mapMessage(message, 'c1', context)).toThrow(/message_epoch/);
    const withDts = { ...message, message_dts: '2025-10-07T14:50:23-04:00' };
    expect(mapMessage(withDts, 'c1', context).sentAt).toBe('2025-10-07T18:50:23.000Z');
  });
});
