import type { Metadata } from '@parley/core';
import { isFlatMetadataValue } from '../limits.js';

/**
 * The flat string/number/boolean entries of wire metadata (anything else stays in `raw`). The keys
 * valibot's record leaves out (`__proto__`, `prototype`, `constructor`) are left out here too, so a
 * reader that maps the answer as received gives what mapping the schema's output gives.
 */
export function toMetadata(value: Record<string, unknown> | null | undefined): Metadata {
  const out: Metadata = {};
  if (value == null) return out;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || key === '__proto__' || key === 'prototype' || key === 'constructor')
      continue;
    const entry = value[key];
    if (isFlatMetadataValue(entry)) out[key] = entry;
  }
  return out;
}
