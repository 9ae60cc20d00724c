import { ConversationError } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toStartRequest } from './start.js';

describe('toStartRequest', () => {
  const context = { provider: 'ultracart', operation: 'conversations.create' };
  it('maps participant ids to ARNs and the queue to the webchat queue uuid', () => {
    expect(
      toStartRequest({ participants: [{ id: 'arn:a' }, { id: 'arn:b' }], queue: 'queue-uuid' }, context),
    ).toEqual({
      add_conversation_participant_arns: ['arn:a', 'arn:b'],
      conversation_webchat_queue_uuid: 'queue-uuid',
    });
    expect(toStartRequest({}, context)).toEqual({});
    expect(toStartRequest({ type: 'personal', metadata: {} }, context)).toEqual({});
  });

  it('refuses what UltraCart cannot store instead of dropping it', () => {
    for (const input of [
      { title: 't' },
      { description: 'd' },
      { iconUrl: 'https://x' },
      { metadata: { a: 1 } },
      { type: 'group' as const },
    ])
      expect(() => toStartRequest(input, context)).toThrow(
        expect.objectContaining({ code: 'invalid_request' }),
      );
    expect(() => toStartRequest({ participants: [{ userId: 'u' }] }, context)).toThrow(
      /participants\[0\] needs id/,
    );
  });

  it('gives a start request or refuses with invalid_request', () =>
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
});
