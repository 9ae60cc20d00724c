import { type ErrorContext, invalidRequest, mediaTypeProblem, type UploadInput } from '@parley/core';
import { UPLOAD_EXTENSION } from './api-checks.js';

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

// The content type becomes the presigned PUT's `Content-Type` header: refused here, before any
// request, rather than failing in the sender after the upload URL was spent.
function checkUploadContentType(contentType: string, context: ErrorContext): void {
  const problem = mediaTypeProblem(contentType);
  if (problem !== undefined) throw invalidRequest('input.contentType', problem, context);
}

/**
 * The file extension `getConversationMultimediaUploadUrl` gets: the filename's (lower-cased) when it
 * has one, else one derived from the content type. It becomes a URL path segment, so anything but
 * `[a-z0-9]{1,10}` (e.g. `../x`) is refused with `invalid_request` before any request, as is a
 * content type that is not a valid media type (`type/subtype`, ASCII, no control characters). Whether UltraCart
 * wants a leading dot is undocumented; the SDK samples' wording suggests none (inferred).
 *
 * @example
 * ```ts
 * uploadExtension({ filename: 'Photo.PNG', contentType: 'image/png' }, ctx); // 'png'
 * uploadExtension({ contentType: 'image/jpeg' }, ctx); // 'jpg'
 * ```
 */
export function uploadExtension(
  input: Pick<UploadInput, 'filename' | 'contentType'>,
  context: ErrorContext,
): string {
  checkUploadContentType(input.contentType, context);
  const filename = input.filename;
  if (filename?.includes('.')) {
    const extension = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
    if (!UPLOAD_EXTENSION.test(extension))
      throw invalidRequest(
        'input.filename',
        'must end in an extension of 1 to 10 letters or digits',
        context,
      );
    return extension;
  }
  const type = input.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = extensions[type] ?? type.slice(type.indexOf('/') + 1);
  if (!UPLOAD_EXTENSION.test(extension))
    throw invalidRequest(
      'input.contentType',
      'gives no usable file extension; pass a filename like "photo.png"',
      context,
    );
  return extension;
}

/**
 * The upload body as a Blob of known size. A stream is read to the end first: presigned PUTs
 * (S3-style, inferred) need a Content-Length, and a buffered body can be retried.
 */
export async function toUploadBlob(data: UploadInput['data'], contentType: string): Promise<Blob> {
  if (data instanceof Blob) return data;
  if (data instanceof ArrayBuffer) return new Blob([data], { type: contentType });
  if (data instanceof Uint8Array) return new Blob([copyBytes(data)], { type: contentType });
  const chunks: Uint8Array[] = [];
  const reader = data.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return new Blob(chunks.map(copyBytes), { type: contentType });
}

// A view on a SharedArrayBuffer (or a typed-array subclass) is not a valid BlobPart everywhere.
function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
