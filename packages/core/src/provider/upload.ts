import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext } from '../errors/error-factories.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { UploadInput } from '../types/inputs.js';
import { mediaTypeProblem } from '../validation/header-values.js';

/** What an upload extension may be: it becomes a URL path segment or a file name's end. */
const EXTENSION = /^[a-z0-9]{1,10}$/;

// Content types whose subtype is not the usual file extension.
const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
  'text/plain': 'txt',
  'audio/mpeg': 'mp3',
  'video/quicktime': 'mov',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** Refuses a content type that is not a valid media type (`type/subtype`, ASCII, no control characters). */
export function checkContentType(contentType: string, context: ErrorContext): void {
  const problem = mediaTypeProblem(contentType);
  if (problem !== undefined) throw invalidRequest('input.contentType', problem, context);
}

/**
 * The extension of an upload: the filename's (lower-cased) when it has one, else the usual one of
 * its content type (`image/jpeg` → `jpg`, `text/plain` → `txt`). Anything but `[a-z0-9]{1,10}`
 * (e.g. `../x`) is refused with `invalid_request` naming the field, before any request, as is a
 * content type that is not a valid media type.
 *
 * @example
 * ```ts
 * uploadExtension({ filename: 'Photo.PNG', contentType: 'image/png' }, context); // 'png'
 * uploadExtension({ contentType: 'image/jpeg' }, context); // 'jpg'
 * ```
 */
export function uploadExtension(
  input: Pick<UploadInput, 'filename' | 'contentType'>,
  context: ErrorContext,
): string {
  checkContentType(input.contentType, context);
  const filename = input.filename;
  if (filename?.includes('.')) {
    const extension = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
    if (!EXTENSION.test(extension))
      throw invalidRequest(
        'input.filename',
        'must end in an extension of 1 to 10 letters or digits',
        context,
      );
    return extension;
  }
  const type = input.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = extensions[type] ?? type.slice(type.indexOf('/') + 1);
  if (!EXTENSION.test(extension))
    throw invalidRequest(
      'input.contentType',
      'gives no usable file extension; pass a filename like "photo.png"',
      context,
    );
  return extension;
}

/**
 * The upload's bytes as a Blob of `contentType` and known size, refused with `invalid_request`
 * past `maxBytes` (a stream is read only up to the limit, then cancelled). Presigned PUTs need a
 * length and multipart parts a type, and a buffered body can be sent again on a retry.
 *
 * @example
 * ```ts
 * const blob = await readUpload(input, { maxBytes: 50 * 1024 * 1024, context });
 * ```
 */
export async function readUpload(
  input: Pick<UploadInput, 'data' | 'contentType'>,
  limits: { maxBytes: number; context: ErrorContext },
): Promise<Blob> {
  const { data, contentType } = input;
  checkContentType(contentType, limits.context);
  const tooLarge = (size: number) =>
    invalidRequest(
      'input.data',
      `must be at most ${limits.maxBytes} bytes (got ${size} or more)`,
      limits.context,
    );
  if (data instanceof Blob) {
    if (data.size > limits.maxBytes) throw tooLarge(data.size);
    return data.type === contentType ? data : new Blob([data], { type: contentType });
  }
  if (data instanceof ArrayBuffer || data instanceof Uint8Array) {
    if (data.byteLength > limits.maxBytes) throw tooLarge(data.byteLength);
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
      throw new ConversationError({
        code: 'invalid_request',
        message: 'input.data could not be read: the stream failed',
        ...limits.context,
        cause: error,
      });
    }
    const { done, value } = step;
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBytes) {
      await reader.cancel();
      throw tooLarge(total);
    }
    chunks.push(new Uint8Array(value));
  }
  return new Blob(chunks, { type: contentType });
}
