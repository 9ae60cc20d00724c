import {
  type ConversationClient,
  ConversationError,
  createConversations,
  type ParleyConfig,
} from '@parley/core';
import type { Emulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** A client of `provider` pointed at the emulator. */
export function emulatorClient(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  overrides: Partial<ParleyConfig> & {
    sunshineAuth?: 'basic' | 'jwt';
    apiKey?: string;
    keySecret?: string;
  } = {},
): ConversationClient {
  const { sunshineAuth, apiKey, keySecret, ...shared } = overrides;
  return createConversations({
    adapters: [ultracart, sunshine],
    config: {
      provider,
      ultracart: { apiKey: apiKey ?? emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
      sunshine: {
        appId: emulator.sunshine.appId,
        keyId: emulator.sunshine.keyId,
        keySecret: keySecret ?? emulator.sunshine.keySecret,
        baseUrl: emulator.sunshine.baseUrl,
        ...(sunshineAuth === undefined ? {} : { auth: sunshineAuth }),
      },
      ...shared,
    },
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
