import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import {
  decodeBase64,
  decodeBase64Text,
  decodeBase64Url,
  decodeBase64UrlText,
  encodeBase64,
  encodeBase64Url,
} from './base64.js';

/** The refusal `run` throws: it must be an `invalid_request` ConversationError. */
function refusal(run: () => unknown): ConversationError {
  try {
    run();
  } catch (error) {
    if (ConversationError.isInstance(error) && error.code === 'invalid_request') return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('base64', () => {
  it('encodes UTF-8 text and bytes like RFC 4648', () => {
    expect(encodeBase64('')).toBe('');
    expect(encodeBase64('f')).toBe('Zg==');
    expect(encodeBase64('foobar')).toBe('Zm9vYmFy');
    expect(encodeBase64('héllo')).toBe('aMOpbGxv');
    expect(encodeBase64('app_1:sëcret✓')).toBe(Buffer.from('app_1:sëcret✓').toString('base64'));
    expect(encodeBase64(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('+//+');
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(encodeBase64Url('f')).toBe('Zg');
    expect(encodeBase64Url('😀')).toBe(Buffer.from('😀').toString('base64url'));
  });

  it('encodes inputs larger than one chunk of String.fromCharCode arguments', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    // Buffer.compare, as a deep equality over 200,000 elements takes a second.
    expect(Buffer.compare(decodeBase64Url(encodeBase64Url(bytes)), bytes)).toBe(0);
  });

  it('round-trips any bytes and any text, and matches Node for both alphabets', () =>
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ unit: 'binary-ascii', maxLength: 80 }),
        (bytes, text, ascii) => {
          // ASCII text takes a shorter path than other text: both must encode UTF-8 as Node does.
          for (const each of [text, ascii]) {
            expect(encodeBase64(each)).toBe(Buffer.from(each).toString('base64'));
            expect(encodeBase64Url(each)).toBe(Buffer.from(each).toString('base64url'));
          }
          expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
          expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
          expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
          expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
          expect(decodeBase64Text(encodeBase64(text))).toBe(text);
          expect(decodeBase64UrlText(encodeBase64Url(text))).toBe(text);
        },
      ),
    ));

  it('decodes base64url with or without padding', () => {
    expect(decodeBase64Url('Zg')).toEqual(new Uint8Array([0x66]));
    expect(decodeBase64Url('Zg==')).toEqual(new Uint8Array([0x66]));
    expect(decodeBase64Url('Zm8')).toEqual(new Uint8Array([0x66, 0x6f]));
    expect(decodeBase64Url('Zm8=')).toEqual(new Uint8Array([0x66, 0x6f]));
  });

  it.each([
    ['a character outside the url alphabet', 'ab+c'],
    ['a slash', 'ab/c'],
    ['whitespace', 'Zm9v YmFy'],
    ['a trailing newline', 'Zm9v\n'],
    ['a length no encoder produces', 'Zm9vY'],
    ['padding on a complete group', 'Zm9v='],
    ['short padding', 'Zg='],
    ['too much padding', 'Z==='],
    ['non-ASCII', 'Zm9vé'],
  ])('refuses base64url with %s, naming the field and not the value', (_why, text) => {
    const error = refusal(() => decodeBase64Url(text, 'cursor'));
    expect(error.message).toBe('cursor is not valid base64url');
    expect(JSON.stringify(error)).not.toContain(text);
  });

  it.each([
    ['the url alphabet', '-__-'],
    ['missing padding', 'Zg'],
    ['whitespace', 'Zm9v\tYmFy'],
    ['padding in the middle', 'Zg==Zg=='],
  ])('refuses standard base64 with %s', (_why, text) => {
    expect(refusal(() => decodeBase64(text)).message).toBe('input is not valid base64');
  });

  it('refuses a non-string as malformed rather than throwing a TypeError', () => {
    expect(refusal(() => decodeBase64Url(null as never)).code).toBe('invalid_request');
    expect(refusal(() => decodeBase64(42 as never)).code).toBe('invalid_request');
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const notUtf8 = encodeBase64Url(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(refusal(() => decodeBase64UrlText(notUtf8, 'token')).message).toBe(
      'token does not hold valid UTF-8 text',
    );
    expect(refusal(() => decodeBase64Text(encodeBase64(new Uint8Array([0xc3]))))).toBeInstanceOf(Error);
  });

  it('carries lone surrogates as U+FFFD, as every UTF-8 encoder must', () => {
    expect(decodeBase64UrlText(encodeBase64Url('a\ud800b'))).toBe('a\ufffdb');
  });
});
