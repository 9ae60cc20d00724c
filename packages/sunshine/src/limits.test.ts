import { describe, expect, it } from 'vitest';
import { APP_PATH, failure, fixture, sunshineHost, useNock } from './__fixtures__/harness.js';
import { testClient } from './__fixtures__/test-provider.js';

useNock();

const cid = '029c31f25a21b47effd7be90';
const conversationPath = `${APP_PATH}/conversations/${cid}`;

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
