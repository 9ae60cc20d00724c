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

  it('are refused as malformed when a forged body with a matching checksum is not base64url JSON', () => {
    // The checksum is FNV-1a over the body (see cursor.ts): a forger can compute it, so the body
    // itself must still be checked.
    const fnv = (text: string) => {
      let hash = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      return (hash >>> 0).toString(36);
    };
    const valid = encodeCursor({ provider: 'ultracart', scope: 'conversations', state: '1' }).split('.')[1];
    expect(`pc1.${valid}.${fnv(valid as string)}`).toBe(
      encodeCursor({ provider: 'ultracart', scope: 'conversations', state: '1' }),
    );
    const notJsonArray = Buffer.from('{"state":"1"}').toString('base64url');
    const notUtf8 = Buffer.from([0x5b, 0xff, 0x5d]).toString('base64url');
    for (const body of ['a+b/c=', 'Zm9v YmFy', 'Zm9vY', 'é', notJsonArray, notUtf8]) {
      const message = refusal(`pc1.${body}.${fnv(body)}`);
      expect(message).toBe('cursor is malformed; pass a nextCursor returned by this listing');
      expect(message).not.toContain(body);
    }
  });
});
