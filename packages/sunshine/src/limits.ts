import { type ConversationError, invalidRequest, type Metadata, mediaTypeProblem } from '@parley/core';

/** Limits Sunshine documents for its inputs (spec 17.12.1, sunshine-notes §1 and §2a). */
export const sunshineLimits = {
  /** `displayName` and `description`: 1–100 characters. */
  textMaxLength: 100,
  /** `iconUrl`: a URI of at most 2048 characters. */
  iconUrlMaxLength: 2048,
  /** `metadata`: "limited to 4KB in size". */
  metadataMaxBytes: 4096,
  /** Participants of a new conversation: at most 10 (exactly 1 for `personal`). */
  maxParticipants: 10,
  /** "File upload 50mb". */
  uploadMaxBytes: 50 * 1024 * 1024,
  /** Text of a message: `text` ≤ 4096. */
  messageTextMaxLength: 4096,
} as const;

/** An `invalid_request` error for Sunshine input refused before anything was sent. */
export function refuse(field: string, problem: string, operation: string): ConversationError {
  return invalidRequest(field, problem, { provider: 'sunshine', operation });
}

/** Whether a metadata value is flat: a string, a finite number or a boolean. */
export function isFlatMetadataValue(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Checks a `displayName`/`description` value: 1–100 characters (code points). */
export function checkSunshineText(value: string, field: string, operation: string): void {
  const length = [...value].length;
  if (length < 1 || length > sunshineLimits.textMaxLength)
    throw refuse(field, `must be 1–${sunshineLimits.textMaxLength} characters (got ${length})`, operation);
}

/** Checks an `iconUrl`: an absolute URI of at most 2048 characters. */
export function checkSunshineIconUrl(value: string, field: string, operation: string): void {
  if (value.length < 1 || value.length > sunshineLimits.iconUrlMaxLength)
    throw refuse(field, `must be a URI of at most ${sunshineLimits.iconUrlMaxLength} characters`, operation);
  if (!URL.canParse(value)) throw refuse(field, 'must be an absolute URI', operation);
}

/**
 * Checks metadata: a flat object of strings, finite numbers and booleans whose JSON is at most
 * 4 KB (UTF-8). Sunshine does not say how it measures the size; the JSON encoding is the
 * conservative reading, as it is what travels.
 */
export function checkSunshineMetadata(value: Metadata, field: string, operation: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refuse(field, 'must be a flat object', operation);
  for (const [key, entry] of Object.entries(value))
    if (!isFlatMetadataValue(entry))
      throw refuse(`${field}.${key}`, 'must be a string, a finite number or a boolean', operation);
  const bytes = utf8Length(JSON.stringify(value));
  if (bytes > sunshineLimits.metadataMaxBytes)
    throw refuse(
      field,
      `must be at most ${sunshineLimits.metadataMaxBytes} bytes as JSON (got ${bytes})`,
      operation,
    );
}

// The UTF-8 length in bytes, counted without encoding (no Buffer, no copy). A lone surrogate
// counts 3 bytes, as the U+FFFD an encoder writes for it.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Checks an upload's content type: a valid media type (`type/subtype`, optional `; name=value`
 * parameters, ASCII, no control characters), as it goes into the multipart part's header. A bad
 * one is refused, never replaced by `application/octet-stream`.
 */
export function checkSunshineContentType(value: string, field: string, operation: string): void {
  const problem = mediaTypeProblem(value);
  if (problem !== undefined) throw refuse(field, problem, operation);
}

/** Checks an upload size against the 50 MB file limit. */
export function checkSunshineUploadSize(bytes: number, operation: string): void {
  if (bytes > sunshineLimits.uploadMaxBytes)
    throw refuse('input.data', `must be at most 50 MB (got ${bytes} bytes)`, operation);
}

/** The extension an upload is named with: the filename's, else the content type's subtype. */
export function uploadExtension(filename: string | undefined, contentType: string): string {
  // Everything after the last dot, as UltraCart's adapter reads it: `a.../../x` gives `/x`, which
  // the check refuses, rather than falling back to the content type and sending that name.
  const dot = filename?.lastIndexOf('.') ?? -1;
  const fromName = filename === undefined || dot < 0 ? undefined : filename.slice(dot + 1);
  const subtype = contentType.split(';')[0]?.split('/')[1]?.trim() ?? '';
  // `image/svg+xml` → `svg`, `application/vnd.ms-excel` → `ms-excel` (refused below: not [a-z0-9]).
  const fromType = subtype.replace(/^(x-|vnd\.)/, '').split('+')[0] ?? '';
  return (fromName ?? (fromType === 'jpeg' ? 'jpg' : fromType)).toLowerCase();
}

/** Checks the upload extension against `[a-z0-9]{1,10}` (DESIGN §4), so a file name is always safe. */
export function checkSunshineUploadExtension(extension: string, operation: string): void {
  if (!/^[a-z0-9]{1,10}$/.test(extension))
    throw refuse(
      'input.filename',
      'must end in an extension of 1–10 letters or digits (or the content type must give one)',
      operation,
    );
}
