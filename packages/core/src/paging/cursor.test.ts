import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const expected = { provider: 'ultracart', scope: 'conversations', operation: 'conversations.list' };

function refusal(cursor: string, against = expected): string {
  try {
    decodeCursor(cursor, against);
  } catch (error) {
    if (ConversationError.isInstance(error) && error.code === 'invalid_request') return error.message;
    throw error;
  }
  throw new Error('cursor was accepted');
}

describe('cursors', () => {
  it('round-trip the provider state through JSON', () => {
    const cursor = encodeCursor({ provider: 'ultracart', scope: 'conversations', state: '400' });
    const restored = JSON.parse(JSON.stringify(cursor)) as string;
    expect(decodeCursor(restored, expected)).toBe('400');
    expect(cursor).not.toContain('400"');
  });

  it('are refused when issued by another provider or listing', () => {
    const sunshine = encodeCursor({ provider: 'sunshine', scope: 'conversations', state: 'abc' });
    expect(refusal(sunshine)).toContain('was issued by sunshine, not ultracart');
    const other = encodeCursor({ provider: 'ultracart', scope: 'messages:["c1"]', state: '1' });
    expect(refusal(other)).toContain('belongs to another listing');
  });

  it('are refused when forged, edited or truncated', () => {
    const cursor = encodeCursor({ provider: 'ultracart', scope: 'conversations', state: '400' });
    expect(refusal('400')).toContain('is not a Parley cursor');
    expect(refusal(cursor.slice(0, -3))).toMatch(/modified or truncated|malformed/);
    const [prefix, body, sum] = cursor.split('.');
    const edited = Buffer.from(
      Buffer.from(body as string, 'base64url')
        .toString()
        .replace('400', '999'),
    ).toString('base64url');
    expect(refusal(`${prefix}.${edited}.${sum}`)).toContain('was modified or truncated');
    expect(refusal(`${cursor}.extra`)).toContain('is malformed');
  });
});
