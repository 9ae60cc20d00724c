// Imports nothing at run time: read at import (page sizes) and by the input checks that load on
// first use (limit-checks.ts).

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
