import {
  type ConversationClient,
  ConversationError,
  createConversations,
  type TransportHooks,
} from '@parley/core';
import type { Emulator, ProviderName, RequestLogEntry } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** Options of {@link clientFor}. */
export interface ClientOptions {
  /** Origin to send requests to instead of the emulator's own (a fault proxy). */
  origin?: string;
  timeoutMs?: number;
  retryLimit?: number;
  /** Longest Retry-After honoured (default here 1 s, so a test never sleeps long by accident). */
  maxRetryAfterMs?: number;
  hooks?: TransportHooks;
  sunshineAuth?: 'basic' | 'jwt';
}

/** A client of `provider` pointed at the emulator (or at a proxy in front of it). */
export function clientFor(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  options: ClientOptions = {},
): ConversationClient {
  const origin = options.origin ?? emulator.url;
  return createConversations({
    adapters: [ultracart, sunshine],
    config: {
      provider,
      ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: `${origin}/rest/v2` },
      sunshine: {
        appId: emulator.sunshine.appId,
        keyId: emulator.sunshine.keyId,
        keySecret: emulator.sunshine.keySecret,
        baseUrl: `${origin}/sc`,
        ...(options.sunshineAuth === undefined ? {} : { auth: options.sunshineAuth }),
      },
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retryLimit === undefined
        ? {}
        : { retry: { limit: options.retryLimit, maxRetryAfterMs: options.maxRetryAfterMs ?? 1000 } }),
    },
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  });
}

/** The ConversationError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejection(promise: PromiseLike<unknown>): Promise<ConversationError> {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ConversationError.isInstance(error))
    throw new Error(`expected a ConversationError, got ${String(error)}`);
  return error;
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
