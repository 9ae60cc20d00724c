import type { Metadata } from '@parley/core';
import { isFlatMetadataValue } from '../limits.js';

/** The flat string/number/boolean entries of wire metadata (anything else stays in `raw`). */
export function toMetadata(value: Record<string, unknown> | null | undefined): Metadata {
  const out: Metadata = {};
  for (const [key, entry] of Object.entries(value ?? {})) if (isFlatMetadataValue(entry)) out[key] = entry;
  return out;
}
