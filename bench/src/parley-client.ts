import { type ConversationClient, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import type { EmulatorInfo } from './emulator-protocol.js';

/** The providers the benchmarks compare. */
export type Provider = 'ultracart' | 'sunshine';

/** A Parley client of `provider` against the emulator child; the default transport unless `fetch` is given. */
export function parleyClient(
  info: EmulatorInfo,
  provider: Provider,
  fetch?: typeof globalThis.fetch,
): ConversationClient {
  return createConversations({
    adapters: [ultracart, sunshine],
    config: {
      provider,
      ultracart: { apiKey: info.ultracart.apiKey, baseUrl: info.ultracart.baseUrl },
      sunshine: { ...info.sunshine },
    },
    ...(fetch === undefined ? {} : { fetch }),
  });
}
