import { ConversationError } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessageState, encodeMessageState, hashId } from './paging.js';

describe('message cursor state (fast-check)', () => {
  it('encode → decode round trip; anything else is invalid_request', () => {
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
