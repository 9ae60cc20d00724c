import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext } from '../errors/error-factories.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { UploadInput } from '../types/inputs.js';
import { mediaTypeProblem } from '../validation/header-values.js';
import { usualExtension } from './media-types.js';

/** What an upload extension may be: it becomes a URL path segment or a file name's end. */
const EXTENSION = /^[a-z0-9]{1,10}$/;

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
  const extension = usualExtension(type) ?? type.slice(type.indexOf('/') + 1);
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
  // The reading loads with the first upload (read-bytes.ts says why it is apart).
  const { readBytes } = await import('./read-bytes.js');
  const read = await readBytes(data, contentType, limits.maxBytes);
  if (read instanceof Blob) return read;
  if ('failed' in read)
    throw new ConversationError({
      code: 'invalid_request',
      message: 'input.data could not be read: the stream failed',
      ...limits.context,
      cause: read.failed,
    });
  throw invalidRequest(
    'input.data',
    `must be at most ${limits.maxBytes} bytes (got ${read.tooLarge} or more)`,
    limits.context,
  );
}
