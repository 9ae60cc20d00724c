// readUpload's reading, loaded with the first upload: most apps never upload. Like the poll loop
// it imports nothing at run time (see poll-loop.ts), so it says why it stopped and the caller
// makes the error.
import type { UploadInput } from '../types/inputs.js';

/** What {@link readBytes} read: the bytes, or why it stopped. */
type ReadBytesOutcome = Blob | { tooLarge: number } | { failed: unknown };

/** `data` as a Blob of `contentType`, reading a stream only up to `maxBytes` (then cancelling it). */
export async function readBytes(
  data: UploadInput['data'],
  contentType: string,
  maxBytes: number,
): Promise<ReadBytesOutcome> {
  if (data instanceof Blob) {
    if (data.size > maxBytes) return { tooLarge: data.size };
    return data.type === contentType ? data : new Blob([data], { type: contentType });
  }
  if (data instanceof ArrayBuffer || data instanceof Uint8Array) {
    if (data.byteLength > maxBytes) return { tooLarge: data.byteLength };
    // A copy: a view on a SharedArrayBuffer (or a typed-array subclass) is not a BlobPart everywhere.
    return new Blob([new Uint8Array(data)], { type: contentType });
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  const reader = data.getReader();
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (error) {
      return { failed: error };
    }
    const { done, value } = step;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { tooLarge: total };
    }
    chunks.push(new Uint8Array(value));
  }
  return new Blob(chunks, { type: contentType });
}
