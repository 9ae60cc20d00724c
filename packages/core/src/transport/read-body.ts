import type { SenderResponse } from './sender.js';

/** Raised by {@link readBody} when an answer outgrows its limit; the pipeline names the limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  /** The limit, in bytes. */
  readonly limit: number;

  constructor(limit: number) {
    super(`the answer is larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * Reads an answer's body, whichever sender produced it, counting the bytes after decompression:
 * past `maxBytes` it stops reading, cancels the stream and throws {@link BodyTooLargeError}, so
 * memory stays within the limit plus one chunk whatever `content-length` claims. A UTF-8 byte order
 * mark is dropped, like `Response.text()`.
 */
export async function readBody(response: SenderResponse, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    response.cancel();
    throw new BodyTooLargeError(maxBytes);
  }
  if (response.body === undefined) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  let over = false;
  await response.body.read((chunk) => {
    size += chunk.byteLength;
    if (size > maxBytes) {
      over = true;
      return false;
    }
    parts.push(chunk);
    return true;
  });
  if (over) throw new BodyTooLargeError(maxBytes);
  const decoder = new TextDecoder();
  if (parts.length === 1) return decoder.decode(parts[0]);
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return decoder.decode(whole);
}
