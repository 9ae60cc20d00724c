import { ConversationError } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_PATH, failure, fixture, sunshineHost, useNock } from './__fixtures__/harness.js';
import { testClient } from './__fixtures__/test-provider.js';
import { checkMetadata } from './limits.js';

useNock();

const cid = '029c31f25a21b47effd7be90';
const conversationPath = `${APP_PATH}/conversations/${cid}`;
const context = { provider: 'sunshine', operation: 'conversations.create' };

/** The byte count checkMetadata reports for `metadata`, or 'ok' when it is within 4 KB. */
function measured(metadata: Record<string, string>): number | 'ok' {
  try {
    checkMetadata(metadata, 'input.metadata', context);
    return 'ok';
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    const got = /\(got (\d+)\)/.exec(error.message)?.[1];
    if (got === undefined) throw error;
    return Number(got);
  }
}

describe('checkMetadata size', () => {
  it('counts UTF-8 bytes of the JSON, not characters, at the 4096-byte boundary', () => {
    // `{"k":"…"}` is 8 bytes around the value.
    expect(measured({ k: 'a'.repeat(4088) })).toBe('ok');
    expect(measured({ k: 'a'.repeat(4089) })).toBe(4097);
    // 2, 3 and 4 bytes per character: é, €, 😀 (one surrogate pair).
    expect(measured({ k: 'é'.repeat(2044) })).toBe('ok');
    expect(measured({ k: `${'é'.repeat(2044)}a` })).toBe(4097);
    expect(measured({ k: '€'.repeat(1363) })).toBe(4097);
    expect(measured({ k: '😀'.repeat(1022) })).toBe('ok');
    expect(measured({ k: `${'😀'.repeat(1022)}a` })).toBe(4097);
  });

  it('agrees with a UTF-8 encoder for any text, lone surrogates included', () =>
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
        fc.integer({ min: 900, max: 4200 }),
        (unit, times) => {
          const metadata = { k: unit.repeat(times).slice(0, 4200) };
          const bytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
          expect(measured(metadata)).toBe(bytes > 4096 ? bytes : 'ok');
        },
      ),
      { numRuns: 40 },
    ));
});

describe('input limits (refused before any request)', () => {
  const long = 'x'.repeat(101);
  it.each([
    ['title over 100 characters', { title: long, type: 'group' as const }, 'input.title'],
    ['description over 100 characters', { description: long, type: 'group' as const }, 'input.description'],
    [
      'iconUrl over 2048 characters',
      { iconUrl: `https://x.test/${'a'.repeat(2040)}`, type: 'group' as const },
      'input.iconUrl',
    ],
    [
      'metadata over 4 KB',
      { metadata: { blob: 'x'.repeat(4100) }, type: 'group' as const },
      'input.metadata',
    ],
    [
      '11 participants',
      { type: 'group' as const, participants: Array.from({ length: 11 }, (_, i) => ({ userId: `u${i}` })) },
      'input.participants',
    ],
    ['personal without a participant', {}, 'input.participants'],
    [
      'personal with two participants',
      { participants: [{ userId: 'a' }, { userId: 'b' }] },
      'input.participants',
    ],
    ['a participant id instead of a user', { participants: [{ id: 'p1' }] }, 'input.participants[0]'],
    ['an UltraCart queue', { type: 'group' as const, queue: 'support' }, 'input.queue'],
  ])('create: %s', async (_why, input, field) => {
    const error = await failure(testClient().conversations.create(input));
    expect(error.code).toBe('invalid_request');
    expect(error.message.startsWith(field)).toBe(true);
  });

  it('keeps 100-character titles and 4 KB of metadata', async () => {
    const title = '🙂'.repeat(100);
    sunshineHost().patch(conversationPath, { displayName: title }).reply(200, fixture('update-conversation'));
    sunshineHost()
      .get(`${conversationPath}/participants`)
      .query(true)
      .reply(200, fixture('list-participants'));
    await testClient().conversations.update(cid, { title });
  });

  it('update: nested metadata values are refused', async () => {
    const error = await failure(testClient().conversations.update(cid, { metadata: { a: Number.NaN } }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('patch.metadata.a');
  });

  it('send: more than one medium, or text over 4096 characters', async () => {
    const client = testClient();
    const two = [{ url: 'https://x.test/a.png' }, { url: 'https://x.test/b.png' }];
    expect((await failure(client.messages.send(cid, { media: two }))).message).toContain('input.media');
    expect((await failure(client.messages.send(cid, { text: 'x'.repeat(4097) }))).message).toContain(
      'input.text',
    );
  });
});
