// Sunshine's documented input limits (SUNSHINE_LIMITS), checked before a request body is sent.
// Loaded on first use with the bodies (deferred.ts), so it imports no core code at run time and
// refuses with a Refusal, which the provider turns into `invalid_request`.
import type { Metadata } from '@parley/core';
import { isFlatMetadataValue, SUNSHINE_LIMITS } from './limits.js';
import { Refusal } from './refusal.js';

/** Checks a `displayName`/`description` value: 1–100 characters (code points). */
export function checkText(value: string, field: string): void {
  const length = [...value].length;
  if (length < 1 || length > SUNSHINE_LIMITS.textMaxLength)
    throw new Refusal(field, `must be 1–${SUNSHINE_LIMITS.textMaxLength} characters (got ${length})`);
}

/** Checks an `iconUrl`: an absolute URI of at most 2048 characters. */
export function checkIconUrl(value: string, field: string): void {
  if (value.length < 1 || value.length > SUNSHINE_LIMITS.iconUrlMaxLength)
    throw new Refusal(field, `must be a URI of at most ${SUNSHINE_LIMITS.iconUrlMaxLength} characters`);
  if (!URL.canParse(value)) throw new Refusal(field, 'must be an absolute URI');
}

/**
 * Checks metadata: a flat object of strings, finite numbers and booleans whose JSON is at most
 * 4 KB (UTF-8). Sunshine does not say how it measures the size; the JSON encoding is the
 * conservative reading, as it is what travels.
 */
export function checkMetadata(value: Metadata, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Refusal(field, 'must be a flat object');
  for (const [key, entry] of Object.entries(value))
    if (!isFlatMetadataValue(entry))
      throw new Refusal(`${field}.${key}`, 'must be a string, a finite number or a boolean');
  const bytes = utf8Length(JSON.stringify(value));
  if (bytes > SUNSHINE_LIMITS.metadataMaxBytes)
    throw new Refusal(
      field,
      `must be at most ${SUNSHINE_LIMITS.metadataMaxBytes} bytes as JSON (got ${bytes})`,
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
