// Cold start: import core + the Sunshine adapter and build a client. BENCH_BASE_URL is set only by
// the ky probe, whose requests go to a local stub server.
import { createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';

const baseUrl = process.env.BENCH_BASE_URL;

export const client = createConversations({
  adapters: [sunshine],
  config: {
    provider: 'sunshine',
    sunshine: {
      appId: 'app_cold',
      keyId: 'app_key',
      keySecret: 'cold-start-secret',
      ...(baseUrl === undefined ? { subdomain: 'acme' } : { baseUrl }),
    },
  },
});
