import { ConversationError } from '@parley/core';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkState, nextCursor } from './paging.js';
import { pagingEntries } from './wire/common.js';

const pagedSchema = v.looseObject(pagingEntries);

describe('nextCursor and checkState (fast-check)', () => {
  it('take any input', () =>
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (body, text) => {
        const paged = v.safeParse(pagedSchema, body);
        if (paged.success)
          for (const direction of ['after', 'before'] as const) {
            const next = nextCursor(paged.output, direction, text);
            if (next !== undefined) expect(typeof next).toBe('string');
          }
        let state: string;
        try {
          state = checkState(text, 'messages.list');
        } catch (error) {
          if (!ConversationError.isInstance(error)) throw error;
          expect(error.code).toBe('invalid_request');
          return;
        }
        expect(state).toBe(text);
      }),
    ));
});
