// Cold start: import core + the Sunshine adapter and build a client.
import { createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';

export const client = createConversations({
  adapters: [sunshine],
  config: {
    provider: 'sunshine',
    sunshine: { appId: 'app_cold', keyId: 'app_key', keySecret: 'cold-start-secret', subdomain: 'acme' },
  },
});
