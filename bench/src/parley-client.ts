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
      ultracart: {
        apiKey: info.ultracart.apiKey,
        baseUrl: info.ultracart.baseUrl,
        // The default budget (UltraCart's 1,000/hour) would make call 1,001 wait 3.6 s: the
        // benchmarks measure cost, not pacing. Limits this high keep the budget's bookkeeping on
        // every request, as on the default path, and never wait.
        budget: { perHour: 1_000_000_000, perDay: 1_000_000_000 },
      },
      sunshine: { ...info.sunshine },
    },
    ...(fetch === undefined ? {} : { fetch }),
  });
}
