import type * as Deferred from './deferred.js';

let deferred: Promise<typeof Deferred> | undefined;

/**
 * The package's code that loads on first use (deferred.ts): the wire schemas, the live-events
 * poller and the provider's seldom-called operations. Loaded once; every caller awaits the same
 * promise.
 */
export const loadDeferred = (): Promise<typeof Deferred> => (deferred ??= import('./deferred.js'));
