// Creates activity on the emulator's Sunshine so it posts webhooks.
import { configFromEnv, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
const adapters = [sunshine] as const;
const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
const c = await client.conversations.create({ participants: [{ userId: process.env.SUNSHINE_USER_ID ?? '' }] });
await client.messages.send(c.id, { text: 'hello from the business' });
console.log('drove', c.id);
