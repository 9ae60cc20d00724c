import { invalidRequest } from '@parley/core/provider';
import type * as Deferred from './deferred.js';
import { Refusal } from './refusal.js';

let deferred: Promise<typeof Deferred> | undefined;

/**
 * The package's code that loads on first use (deferred.ts): the request bodies of the writes. Loaded
 * once; every caller awaits the same promise.
 */
export const loadDeferred = (): Promise<typeof Deferred> => (deferred ??= import('./deferred.js'));

/**
 * A request body built with the deferred code, before anything is sent: a {@link Refusal} becomes
 * `invalid_request` naming the field, for `operation`.
 *
 * @example
 * ```ts
 * const body = await deferredBody('conversations.update', ({ toUpdateBody }) => toUpdateBody(patch));
 * ```
 */
export async function deferredBody<T>(operation: string, build: (code: typeof Deferred) => T): Promise<T> {
  const code = await loadDeferred();
  try {
    return build(code);
  } catch (error) {
    if (error instanceof Refusal)
      throw invalidRequest(error.field, error.problem, { provider: 'sunshine', operation });
    throw error;
  }
}
