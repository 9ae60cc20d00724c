// Cold start: import core + the UltraCart adapter and build a client. BENCH_BASE_URL is set only by
// the ky probe, whose one request goes to a local stub server.
import { createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';

const baseUrl = process.env.BENCH_BASE_URL;

export const client = createConversations({
  adapters: [ultracart],
  config: {
    provider: 'ultracart',
    ultracart: { apiKey: 'cold-start-key', ...(baseUrl === undefined ? {} : { baseUrl }) },
  },
});
