import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessMediaType } from './media.js';
import { toMessage } from './message.js';

const cid = '67a0ecf8f0305f4a391e9db1';

describe('guessMediaType (mediaType is read-only and may be missing)', () => {
  it.each([
    ['https://cdn.test/a.png', 'image', undefined, 'image/png'],
    ['https://cdn.test/a.JPG?size=2', 'image', undefined, 'image/jpeg'],
    ['https://cdn.test/a.png', 'image', 'image/webp', 'image/webp'],
    ['https://cdn.test/blob', 'image', undefined, 'image/*'],
    ['https://cdn.test/blob', 'file', undefined, 'application/octet-stream'],
    ['https://cdn.test/faq.pdf', 'file', undefined, 'application/pdf'],
  ])('%s (%s, declared %s) → %s', (url, kind, declared, type) => {
    expect(guessMediaType(url, kind, declared)).toBe(type);
  });

  it('toMessage uses the declared type when the answer has no mediaType', () => {
    const wire = {
      id: 'm',
      received: '2020-09-30T13:46:02.733Z',
      author: { type: 'business' },
      content: { type: 'image', mediaUrl: 'https://cdn.test/blob' },
    };
    expect(toMessage(wire, cid, 'image/gif').media[0]?.contentType).toBe('image/gif');
  });
});

describe('guessMediaType (fast-check)', () => {
  it('guessMediaType always names a type', () =>
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), fc.constantFrom('image', 'file'), (url, kind) => {
        expect(guessMediaType(url, kind)).toMatch(/^[a-z]+\/[\w.+*-]+$/);
      }),
    ));
});
