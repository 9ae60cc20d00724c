import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { outcomeProblems, shapeProblems } from './neutral-shape.js';

const conversation = {
  id: 'c1',
  provider: 'acme',
  status: 'open',
  participants: [],
  metadata: {},
  createdAt: '2025-10-07T18:50:23.000Z',
  raw: {},
};
const failing = (code: ConstructorParameters<typeof ConversationError>[0]['code']) =>
  Promise.reject(new ConversationError({ code, message: `acme answered badly (${code})` }));

describe('shapeProblems', () => {
  it('finds nothing in a neutral conversation, and names each broken field', () => {
    expect(shapeProblems('conversation', conversation)).toEqual([]);
    expect(shapeProblems('conversation', { ...conversation, id: '', createdAt: '2025-10-07' })).toEqual([
      'conversation.id must be a non-empty string',
      'conversation.createdAt must be ISO-8601 UTC with milliseconds, got "2025-10-07"',
    ]);
  });
});

describe('outcomeProblems', () => {
  it('checks what the call gave, item by item for an array', async () => {
    expect(await outcomeProblems('conversation', Promise.resolve(conversation))).toEqual([]);
    expect(
      await outcomeProblems('conversation', Promise.resolve([conversation, { ...conversation, raw: 'x' }])),
    ).toEqual(['conversation.raw must be an object']);
  });

  it('accepts the failures that say an answer was bad, and reports any other code', async () => {
    expect(await outcomeProblems('message', failing('invalid_response'))).toEqual([]);
    expect(await outcomeProblems('message', failing('provider_error'))).toEqual([]);
    expect(await outcomeProblems('message', failing('not_found'))).toEqual([
      'failed with not_found: acme answered badly (not_found)',
    ]);
  });

  it('throws again what is not a ConversationError', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    await expect(outcomeProblems('message', Promise.reject(bug))).rejects.toBe(bug);
  });
});
