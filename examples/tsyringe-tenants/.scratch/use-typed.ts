import { createConversations, type ParleyConfig } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

const adapters = [ultracart, sunshine] as const;

// Typed from `adapters`: `provider` is 'ultracart' | 'sunshine', each section has its adapter's type,
// and only the selected provider's section is required.
const config: ParleyConfig<typeof adapters> = {
  provider: 'ultracart',
  ultracart: { apiKey: process.env.ULTRACART_API_KEY ?? '' },
  timeoutMs: 30_000,
  retry: { limit: 2, maxRetryAfterMs: 60_000 },
};
const client = createConversations({ adapters, config });
console.log((await client.conversations.list({ limit: 5 })).items.length);
