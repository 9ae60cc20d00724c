import type { ClientFor } from '@parley/core';
import type { Emulator, ProviderName, RequestLogEntry } from '@parley/emulator';
import { type adapters, type EmulatorClientOptions, emulatorClient } from '../../integration/src/helpers.js';

export { rejection } from '../../integration/src/helpers.js';

/** Options of {@link clientFor}. */
export interface ClientOptions
  extends Pick<EmulatorClientOptions, 'origin' | 'timeoutMs' | 'hooks' | 'sunshineAuth'> {
  retryLimit?: number;
  /** Longest Retry-After honoured (default here 1 s, so a test never sleeps long by accident). */
  maxRetryAfterMs?: number;
}

/** A client of `provider` pointed at the emulator (or at a proxy in front of it). */
export function clientFor(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  options: ClientOptions = {},
): ClientFor<typeof adapters> {
  const { retryLimit, maxRetryAfterMs = 1000, ...rest } = options;
  return emulatorClient(emulator, provider, {
    ...rest,
    ...(retryLimit === undefined ? {} : { retry: { limit: retryLimit, maxRetryAfterMs } }),
  });
}

/** Which logged requests a check is about. */
export interface RequestMatch {
  provider: ProviderName;
  method: string;
  path: RegExp;
}

/** Logged requests matching a provider, a method and a path pattern. */
export function requestsMatching(emulator: Emulator, match: RequestMatch): RequestLogEntry[] {
  return emulator.requests.filter(
    (r) => r.provider === match.provider && r.method === match.method && match.path.test(r.path),
  );
}
