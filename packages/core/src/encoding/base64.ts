import { ConversationError } from '../errors/conversation-error.js';

// Only TextEncoder, TextDecoder, btoa and atob: present in Node, Bun, Deno and Workers alike, so
// nothing here needs `Buffer`.
const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// `String.fromCharCode(...bytes)` on a large array overflows the argument limit; chunks stay below it.
const CHUNK = 0x8000;

// A string of ASCII characters is its own UTF-8 and binary string: `btoa` takes it as it is.
const ASCII = /^[^\u0080-\uffff]*$/;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

function toBinaryString(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return binary;
}

function fromBinaryString(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function refuse(field: string, problem: string): ConversationError {
  return new ConversationError({ code: 'invalid_request', message: `${field} ${problem}` });
}

/**
 * Standard base64 (RFC 4648 §4, padded) of bytes, or of a string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * encodeBase64('héllo'); // 'aMOpbGxv'
 * encodeBase64(new Uint8Array([0xff, 0xfe])); // '//4='
 * ```
 */
export function encodeBase64(data: string | Uint8Array): string {
  // Cursors and Basic credentials are ASCII: skipping the UTF-8 round trip makes them several times
  // cheaper, and a listing encodes one cursor per page.
  if (typeof data === 'string' && ASCII.test(data)) return btoa(data);
  return btoa(toBinaryString(toBytes(data)));
}

/**
 * Base64url (RFC 4648 §5) without padding, as JWTs and URLs use it, of bytes or a string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([0xff, 0xfe])); // '__4'
 * ```
 */
export function encodeBase64Url(data: string | Uint8Array): string {
  return encodeBase64(data).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * The bytes of standard, padded base64. Whitespace, a missing or wrong padding, or any character
 * outside the alphabet is refused rather than skipped.
 *
 * @param field What the text is, named in the error (never its value).
 * @throws ConversationError `invalid_request` naming `field` when `text` is not base64.
 *
 * @example
 * ```ts
 * decodeBase64('//4='); // Uint8Array [0xff, 0xfe]
 * ```
 */
export function decodeBase64(text: string, field = 'input'): Uint8Array {
  if (typeof text !== 'string' || !BASE64.test(text)) throw refuse(field, 'is not valid base64');
  return fromBinaryString(atob(text));
}

/**
 * The bytes of base64url, with or without `=` padding. Characters of standard base64 (`+`, `/`),
 * whitespace and impossible lengths are refused.
 *
 * @param field What the text is, named in the error (never its value).
 * @throws ConversationError `invalid_request` naming `field` when `text` is not base64url.
 *
 * @example
 * ```ts
 * decodeBase64Url('__4'); // Uint8Array [0xff, 0xfe]
 * ```
 */
export function decodeBase64Url(text: string, field = 'input'): Uint8Array {
  if (typeof text !== 'string') throw refuse(field, 'is not valid base64url');
  const unpadded = text.replace(/={1,2}$/, '');
  const paddingOk = unpadded.length === text.length || text.length % 4 === 0;
  // One leftover character carries only 6 bits: no byte ends there, so no encoder produces it.
  if (!BASE64URL.test(unpadded) || unpadded.length % 4 === 1 || !paddingOk)
    throw refuse(field, 'is not valid base64url');
  return fromBinaryString(atob(unpadded.replace(/-/g, '+').replace(/_/g, '/')));
}

/**
 * The UTF-8 text inside standard base64.
 *
 * @throws ConversationError `invalid_request` naming `field` when `text` is not base64 or the bytes
 * are not valid UTF-8 (they are never silently replaced by U+FFFD).
 *
 * @example
 * ```ts
 * decodeBase64Text('aMOpbGxv'); // 'héllo'
 * ```
 */
export function decodeBase64Text(text: string, field = 'input'): string {
  return utf8(decodeBase64(text, field), field);
}

/**
 * The UTF-8 text inside base64url (padded or not).
 *
 * @throws ConversationError `invalid_request` naming `field` when `text` is not base64url or the
 * bytes are not valid UTF-8.
 *
 * @example
 * ```ts
 * decodeBase64UrlText(encodeBase64Url('{"a":"é"}')); // '{"a":"é"}'
 * ```
 */
export function decodeBase64UrlText(text: string, field = 'input'): string {
  return utf8(decodeBase64Url(text, field), field);
}

function utf8(bytes: Uint8Array, field: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw refuse(field, 'does not hold valid UTF-8 text');
  }
}
