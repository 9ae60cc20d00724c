// Cold start: as cold-parley-ultracart.ts, with `fetch` passed, so requests go through ky on it:
// the ky probe must find ky loaded here once a request was sent, which shows the probe can see it.
import { createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';

const baseUrl = process.env.BENCH_BASE_URL;

export const client = createConversations({
  adapters: [ultracart],
  config: {
    provider: 'ultracart',
    ultracart: { apiKey: 'cold-start-key', ...(baseUrl === undefined ? {} : { baseUrl }) },
  },
  fetch: globalThis.fetch,
});
