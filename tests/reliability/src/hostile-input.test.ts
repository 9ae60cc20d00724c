import type { ConversationClient } from '@parley/core';
import { encodeCursor } from '@parley/core/provider';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, rejection } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 5 });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

const REFUSED = Symbol('refused');
// Each hostile id and the exact path segment it must arrive as, written out by hand (not computed
// with the code under test), or REFUSED: invalid_request before any request.
const ids: [string, string, string | typeof REFUSED][] = [
  ['slash', 'a/b', 'a%2Fb'],
  ['dot-dot-slash', '../x', '..%2Fx'],
  ['three dots', '...', '...'],
  ['dot', '.', REFUSED],
  ['dot-dot', '..', REFUSED],
  ['query', 'a?b=1', 'a%3Fb%3D1'],
  ['fragment', 'a#b', 'a%23b'],
  ['percent', '100%', '100%25'],
  ['encoded slash', '%2F', '%252F'],
  ['encoded dot-dot', '%2E%2E', '%252E%252E'],
  ['backslash', 'a\\b', 'a%5Cb'],
  ['unicode', 'café ☕', 'caf%C3%A9%20%E2%98%95'],
  ['emoji', '😀', '%F0%9F%98%80'],
  ['1 KiB', 'k'.repeat(1024), 'k'.repeat(1024)],
  ['10 KB', 'x'.repeat(10_240), REFUSED],
  ['newline', 'a\nb', REFUSED],
  ['lone surrogate', 'a\uD800', REFUSED],
];

type Call = (client: ConversationClient, id: string) => Promise<unknown>;
// Operations that put an id in a path, and the path (below the provider's base) each request of
// them must have. Sunshine's get also lists the participants, under the same id.
const ucCalls: [string, Call, (segment: string) => RegExp][] = [
  ['get', (c, id) => c.conversations.get(id), (s) => exact(`/conversation/conversations/${s}`)],
  [
    'markRead',
    (c, id) => c.conversations.markRead(id),
    (s) => exact(`/conversation/conversations/${s}/markread`),
  ],
  [
    'messages.list',
    async (c, id) => await c.messages.list(id),
    (s) => exact(`/conversation/conversations/${s}/messages/0`),
  ],
  [
    'setAgentStatus',
    (c, id) => c.queues.setAgentStatus(id, 'busy'),
    (s) => exact(`/conversation/conversations/queues/${s}/status`),
  ],
];
const scCalls: [string, Call, (segment: string) => RegExp][] = [
  [
    'get',
    // get reads the conversation and its participants in parallel; when one fails the other may
    // still be in flight, so wait for it to land in this test's log, not the next one's.
    (c, id) => c.conversations.get(id).finally(() => new Promise((resolve) => setTimeout(resolve, 30))),
    (s) => exact(`/conversations/${s}`, '(/participants)?'),
  ],
  ['delete', (c, id) => c.conversations.delete(id), (s) => exact(`/conversations/${s}`)],
  [
    'messages.send',
    (c, id) => c.messages.send(id, { text: 'hi' }),
    (s) => exact(`/conversations/${s}/messages`),
  ],
];

function exact(path: string, suffix = ''): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${suffix}$`);
}

function base(provider: 'ultracart' | 'sunshine'): string {
  return provider === 'ultracart' ? '/rest/v2' : `/sc/v2/apps/${emulator.sunshine.appId}`;
}

describe.each([
  ['ultracart' as const, ucCalls],
  ['sunshine' as const, scCalls],
])('%s: hostile ids', (provider, calls) => {
  describe.each(ids)('%s', (_, id, segment) => {
    it.each(calls)(
      '%s reaches the right path encoded, or is refused before any request',
      async (_name, call, path) => {
        emulator.clearRequests();
        const outcome = await call(clientFor(emulator, provider, { retryLimit: 0 }), id).then(
          () => 'resolved',
          (error: unknown) => error,
        );
        if (segment === REFUSED) {
          expect(outcome).toMatchObject({ code: 'invalid_request' });
          expect(emulator.requests).toEqual([]);
          return;
        }
        // The emulator knows none of these ids, so each request reached the intended route and was
        // answered 404 there.
        expect(outcome).toMatchObject({ code: 'not_found' });
        expect(emulator.requests.length).toBeGreaterThan(0);
        for (const request of emulator.requests) {
          expect(request.status).toBe(404);
          expect(request.path.startsWith(base(provider))).toBe(true);
          expect(request.path.slice(base(provider).length)).toMatch(path(segment));
        }
      },
    );
  });
});

describe('hostile cursors', () => {
  const user = () => emulator.facts.sunshine.powerUser.externalId;
  const ucList = (cursor: string) =>
    clientFor(emulator, 'ultracart').conversations.list({ limit: 2, cursor });
  const scList = (cursor: string) =>
    clientFor(emulator, 'sunshine').conversations.list({ userExternalId: user(), limit: 2, cursor });

  it('forged, truncated, edited or foreign cursors are refused with invalid_request before any request', async () => {
    const ucCursor =
      (await clientFor(emulator, 'ultracart').conversations.list({ limit: 2 })).nextCursor ?? '';
    const scCursor =
      (await clientFor(emulator, 'sunshine').conversations.list({ userExternalId: user(), limit: 2 }))
        .nextCursor ?? '';
    expect(ucCursor).not.toBe('');
    expect(scCursor).not.toBe('');
    emulator.clearRequests();
    const hostile: [string, () => PromiseLike<unknown>][] = [
      ['garbage', () => ucList('garbage')],
      ['truncated', () => ucList(ucCursor.slice(0, -2))],
      ['edited', () => ucList(ucCursor.replace(/.(?=\.[^.]*$)/, (c) => (c === 'A' ? 'B' : 'A')))],
      ['sunshine cursor on ultracart', () => ucList(scCursor)],
      ['ultracart cursor on sunshine', () => scList(ucCursor)],
      [
        'conversations cursor on messages',
        () => clientFor(emulator, 'ultracart').messages.list('c1', { cursor: ucCursor }),
      ],
      [
        'forged offset',
        () =>
          ucList(
            encodeCursor({ provider: 'ultracart', scope: 'conversations?[null,null,null]', state: '../x' }),
          ),
      ],
      [
        'forged negative offset',
        () =>
          ucList(
            encodeCursor({ provider: 'ultracart', scope: 'conversations?[null,null,null]', state: '-1' }),
          ),
      ],
      [
        '10 KB state',
        () =>
          scList(
            encodeCursor({
              provider: 'sunshine',
              scope: `conversations?${JSON.stringify([null, user(), null])}`,
              state: 'x'.repeat(10_240),
            }),
          ),
      ],
    ];
    for (const [name, attempt] of hostile) {
      const error = await rejection(attempt());
      expect({ name, code: error.code }).toEqual({ name, code: 'invalid_request' });
    }
    expect(emulator.requests).toEqual([]);
  });

  it('a well-formed forged Sunshine state travels as one query value, never as a path', async () => {
    const scope = `conversations?${JSON.stringify([null, user(), null])}`;
    const state = '../../x?y=1&page[size]=100#z';
    const error = await rejection(scList(encodeCursor({ provider: 'sunshine', scope, state })));
    expect(error.code).toBe('invalid_request');
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]?.path).toBe(`${base('sunshine')}/conversations`);
    expect(emulator.requests[0]?.query).toMatchObject({ 'page[after]': state, 'page[size]': '2' });
  });
});

describe('hostile uploads', () => {
  const data = new Uint8Array([1, 2, 3]);
  it.each([
    ['ultracart', { contentType: 'image/png', filename: 'a.../../x' }],
    ['ultracart', { contentType: 'image/png', filename: '../x' }],
    ['ultracart', { contentType: 'application/../x' }],
    ['sunshine', { contentType: 'image/png', filename: 'a.../../x' }],
    ['sunshine', { contentType: 'image/png', filename: '../x' }],
    ['sunshine', { contentType: 'application/../x' }],
  ] as const)('%s refuses %j before any request', async (provider, input) => {
    const error = await rejection(clientFor(emulator, provider).media.upload({ data, ...input }));
    expect(error.code).toBe('invalid_request');
    expect(emulator.requests).toEqual([]);
  });

  it('the raw UltraCart API refuses an extension like ../x', async () => {
    const client = clientFor(emulator, 'ultracart');
    // Comparing `provider` narrows `raw` to the UltraCart API.
    if (client.provider !== 'ultracart') throw new Error(`expected ultracart, got ${client.provider}`);
    const error = await rejection(client.raw.getConversationMultimediaUploadUrl('../x'));
    expect(error.code).toBe('invalid_request');
    expect(emulator.requests).toEqual([]);
  });
});
