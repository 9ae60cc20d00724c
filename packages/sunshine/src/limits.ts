import type { Metadata } from '@parley/core';
import { type ErrorContext, invalidRequest } from '@parley/core/provider';

/** Largest page of List Conversations and List Participants (`page[size]` 1..100, default 25). */
export const SUNSHINE_MAX_PAGE_SIZE = 100;

/** Largest upload Sunshine takes ("File upload 50mb"): 50 MiB. */
export const SUNSHINE_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Limits Sunshine documents for its inputs and pages (spec 17.12.1, sunshine-notes §1 and §2a).
 * Inputs past them are refused with `invalid_request` before anything is sent.
 *
 * @example
 * ```ts
 * if ([...title].length > SUNSHINE_LIMITS.textMaxLength) title = [...title].slice(0, 100).join('');
 * ```
 */
export const SUNSHINE_LIMITS = {
  /** `displayName` and `description`: 1–100 characters. */
  textMaxLength: 100,
  /** `iconUrl`: a URI of at most 2048 characters. */
  iconUrlMaxLength: 2048,
  /** `metadata`: "limited to 4KB in size", counted here as UTF-8 bytes of its JSON. */
  metadataMaxBytes: 4096,
  /** Participants of a new conversation: at most 10 (exactly 1 for `personal`). */
  maxParticipants: 10,
  /** Text of a message: `text` ≤ 4096 characters. */
  messageTextMaxLength: 4096,
  /** Uploads: {@link SUNSHINE_MAX_UPLOAD_BYTES}. */
  uploadMaxBytes: SUNSHINE_MAX_UPLOAD_BYTES,
  /** `page[size]` of the cursor-paged lists: {@link SUNSHINE_MAX_PAGE_SIZE}. */
  maxPageSize: SUNSHINE_MAX_PAGE_SIZE,
  /** List Messages serves fixed pages of 100 (`page[size]` "does not apply to listMessages"). */
  messagesPerPage: 100,
} as const;

/** Whether a metadata value is flat: a string, a finite number or a boolean. */
export function isFlatMetadataValue(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Checks a `displayName`/`description` value: 1–100 characters (code points). */
export function checkText(value: string, field: string, context: ErrorContext): void {
  const length = [...value].length;
  if (length < 1 || length > SUNSHINE_LIMITS.textMaxLength)
    throw invalidRequest(
      field,
      `must be 1–${SUNSHINE_LIMITS.textMaxLength} characters (got ${length})`,
      context,
    );
}

/** Checks an `iconUrl`: an absolute URI of at most 2048 characters. */
export function checkIconUrl(value: string, field: string, context: ErrorContext): void {
  if (value.length < 1 || value.length > SUNSHINE_LIMITS.iconUrlMaxLength)
    throw invalidRequest(
      field,
      `must be a URI of at most ${SUNSHINE_LIMITS.iconUrlMaxLength} characters`,
      context,
    );
  if (!URL.canParse(value)) throw invalidRequest(field, 'must be an absolute URI', context);
}

/**
 * Checks metadata: a flat object of strings, finite numbers and booleans whose JSON is at most
 * 4 KB (UTF-8). Sunshine does not say how it measures the size; the JSON encoding is the
 * conservative reading, as it is what travels.
 */
export function checkMetadata(value: Metadata, field: string, context: ErrorContext): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidRequest(field, 'must be a flat object', context);
  for (const [key, entry] of Object.entries(value))
    if (!isFlatMetadataValue(entry))
      throw invalidRequest(`${field}.${key}`, 'must be a string, a finite number or a boolean', context);
  const bytes = utf8Length(JSON.stringify(value));
  if (bytes > SUNSHINE_LIMITS.metadataMaxBytes)
    throw invalidRequest(
      field,
      `must be at most ${SUNSHINE_LIMITS.metadataMaxBytes} bytes as JSON (got ${bytes})`,
      context,
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
