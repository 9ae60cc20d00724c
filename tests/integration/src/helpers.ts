import {
  type ConversationClient,
  ConversationError,
  createConversations,
  type ParleyConfig,
  type TransportHooks,
} from '@parley/core';
import type { Emulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** Options of {@link emulatorClient}: config overrides plus where and how to reach the emulator. */
export interface EmulatorClientOptions extends Partial<ParleyConfig> {
  /** Origin to send requests to instead of the emulator's own (a fault proxy in front of it). */
  origin?: string;
  sunshineAuth?: 'basic' | 'jwt';
  /** UltraCart API key instead of the emulator's. */
  apiKey?: string;
  /** Sunshine key secret instead of the emulator's. */
  keySecret?: string;
  hooks?: TransportHooks;
  /** The client's `fetch`: given, requests go through the fetch sender; undefined, through node:http. */
  fetch?: typeof globalThis.fetch | undefined;
}

/** A sender of the client, as the tests name it, and the `fetch` option that selects it. */
export interface SenderCase {
  readonly sender: 'node:http' | 'fetch';
  readonly fetch: typeof globalThis.fetch | undefined;
}

/**
 * Both senders, to run a describe on each (`[node:http]`, `[fetch]` in its title): without `fetch`
 * the client uses node:http (the default on Node), with it ky on that fetch.
 */
export const senders: readonly SenderCase[] = [
  { sender: 'node:http', fetch: undefined },
  { sender: 'fetch', fetch: (input, init) => globalThis.fetch(input, init) },
];

/** A client of `provider` pointed at the emulator (or at a proxy in front of it). */
export function emulatorClient(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  options: EmulatorClientOptions = {},
): ConversationClient {
  const { origin = emulator.url, sunshineAuth, apiKey, keySecret, hooks, fetch, ...shared } = options;
  return createConversations({
    adapters: [ultracart, sunshine],
    config: {
      provider,
      ultracart: { apiKey: apiKey ?? emulator.ultracart.apiKey, baseUrl: `${origin}/rest/v2` },
      sunshine: {
        appId: emulator.sunshine.appId,
        keyId: emulator.sunshine.keyId,
        keySecret: keySecret ?? emulator.sunshine.keySecret,
        baseUrl: `${origin}/sc`,
        ...(sunshineAuth === undefined ? {} : { auth: sunshineAuth }),
      },
      ...shared,
    },
    ...(hooks === undefined ? {} : { hooks }),
    fetch,
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

/** Logged requests matching a method and a path pattern. */
export function requestsTo(emulator: Emulator, method: string, path: RegExp) {
  return emulator.requests.filter((r) => r.method === method && path.test(r.path));
}
