import type { ConversationError } from '@parley/core';
import { type ErrorContext, invalidResponseAt } from '@parley/core/provider';

/** Where a mapping runs: the raw operation and the path of the object in its answer. */
export interface MapContext extends ErrorContext {
  /** Path of the mapped object in the answer, e.g. `conversations[3]`. */
  path: string;
}

/** What a hand check says of a field the wire schema lets UltraCart leave out but Parley needs. */
export const REQUIRED = 'required by Parley but missing';

/** `invalid_response` for `field` of the object at `context.path`. */
export function missing(field: string, context: MapContext, problem = REQUIRED): ConversationError {
  return invalidResponseAt(`${context.path}.${field}`, problem, context);
}

/** `entries` without its undefined and null values. */
export function defined<T extends object>(entries: T): { [K in keyof T]: Exclude<T[K], undefined | null> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined && value !== null) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined | null> };
}
