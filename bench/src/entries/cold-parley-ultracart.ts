// Cold start: import core + the UltraCart adapter and build a client.
import { createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';

export const client = createConversations({
  adapters: [ultracart],
  config: { provider: 'ultracart', ultracart: { apiKey: 'cold-start-key' } },
});
