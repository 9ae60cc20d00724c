import {
  type ClientFor,
  ConversationError,
  createConversations,
  type SharedConfig,
  type TransportHooks,
} from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** The adapters every integration client is built with; `provider` picks one. */
export const adapters = [ultracart, sunshine] as const;

/** Options of {@link emulatorClient}: shared settings plus where and how to reach the emulator. */
export interface EmulatorClientOptions extends SharedConfig {
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
): ClientFor<typeof adapters> {
  const { origin = emulator.url, sunshineAuth, apiKey, keySecret, hooks, fetch, ...shared } = options;
  return createConversations({
    adapters,
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

/** What {@link listUnderFaultPlan} saw. */
export interface FaultPlanWalk {
  /** Every conversation id the listing yielded, in order. */
  ids: string[];
  /** How many conversations the emulator holds for that listing. */
  expected: number;
  /** Requests the plan failed (each was retried). */
  struck: number;
}

/**
 * Lists every conversation of `provider` (Sunshine: the power user's) in pages of 50 from an
 * emulator whose fault plan fails 30% of the reads with a 429, a 503 or a reset, with a retry
 * budget large enough to get through.
 */
export async function listUnderFaultPlan(provider: 'ultracart' | 'sunshine'): Promise<FaultPlanWalk> {
  const emulator = await startEmulator({
    seed: 5,
    conversations: 300,
    faults: {
      rate: 0.3,
      kinds: ['429', '503', 'reset'],
      seed: 9,
      retryAfterSeconds: 0,
      match: { method: 'GET' },
    },
  });
  try {
    const client = emulatorClient(emulator, provider, { retry: { limit: 6, maxRetryAfterMs: 1_000 } });
    const { powerUser } = emulator.facts.sunshine;
    const params = provider === 'sunshine' ? { userExternalId: powerUser.externalId } : {};
    const ids: string[] = [];
    for await (const conversation of client.conversations.list({ ...params, limit: 50 }))
      ids.push(conversation.id);
    const expected =
      provider === 'sunshine' ? powerUser.conversationCount : emulator.facts.ultracart.conversationCount;
    return { ids, expected, struck: emulator.requests.filter((r) => r.fault !== undefined).length };
  } finally {
    await emulator.close();
  }
}
