import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

// Any text, including lone surrogates and other code points JSON and base64 must carry intact.
const text = fc.string({ unit: 'binary', maxLength: 60 });
const expected = { provider: 'ultracart', scope: 'conversations', operation: 'conversations.list' };

/** The state in `cursor`, or the code of the ConversationError it is refused with; anything else fails. */
function decode(cursor: unknown, expectation = expected): { state: string } | { code: string } {
  try {
    return { state: decodeCursor(cursor as string, expectation) };
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    expect(error).toMatchObject({ provider: expectation.provider, operation: expectation.operation });
    return { code: error.code };
  }
}

describe('cursors (fast-check)', () => {
  it('encode → decode gives the state back, for any provider, scope and state', () =>
    fc.assert(
      fc.property(text, text, text, (provider, scope, state) => {
        const cursor = encodeCursor({ provider, scope, state });
        expect(cursor).toMatch(/^pc1\.[A-Za-z0-9_-]*\.[0-9a-z]+$/);
        // A cursor is a plain string: it survives JSON.
        const stored = JSON.parse(JSON.stringify({ cursor })) as { cursor: string };
        expect(decode(stored.cursor, { provider, scope, operation: 'x' })).toEqual({ state });
      }),
    ));

  it('decodeCursor refuses anything else with invalid_request, never another error', () =>
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          text.map((s) => `pc1.${s}`),
          fc.tuple(fc.base64String(), fc.string()).map(([body, sum]) => `pc1.${body}.${sum}`),
          fc.jsonValue(),
        ),
        (cursor) => {
          const outcome = decode(cursor);
          if ('code' in outcome) expect(outcome.code).toBe('invalid_request');
        },
      ),
    ));

  it('a truncated or edited cursor is refused', () =>
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 0xffff }), (state, at, delta) => {
        const cursor = encodeCursor({ ...expected, state });
        const cut = at % cursor.length;
        expect(decode(cursor.slice(0, cut))).toEqual({ code: 'invalid_request' });
        const edited =
          cursor.slice(0, cut) +
          String.fromCharCode((cursor.charCodeAt(cut) + delta) % 0x10000) +
          cursor.slice(cut + 1);
        // An edit that happens to change nothing, or to keep the same state, is not a forgery.
        const outcome = decode(edited);
        if (!('state' in outcome && outcome.state === state))
          expect(outcome).toEqual({ code: 'invalid_request' });
      }),
    ));

  it('a cursor from another provider or another listing is refused', () =>
    fc.assert(
      fc.property(text, text, (state, other) => {
        fc.pre(other !== expected.provider && other !== expected.scope);
        expect(decode(encodeCursor({ provider: other, scope: expected.scope, state }))).toEqual({
          code: 'invalid_request',
        });
        expect(decode(encodeCursor({ provider: expected.provider, scope: other, state }))).toEqual({
          code: 'invalid_request',
        });
      }),
    ));
});
