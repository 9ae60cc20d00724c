import { ConversationError, configFromEnv, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

const adapters = [ultracart, sunshine] as const; // the providers this program can use

// PARLEY_PROVIDER picks one (optional when only one provider's credentials are set), and only that
// provider's variables are read as required: ULTRACART_API_KEY, or SUNSHINE_APP_ID, SUNSHINE_KEY_ID,
// SUNSHINE_KEY_SECRET and SUNSHINE_SUBDOMAIN.
const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });

// UltraCart lists the agent's conversations (filter: channel); Sunshine lists one user's (userId or
// userExternalId). A filter a provider cannot apply is refused rather than ignored.
const params =
  client.provider === 'sunshine' ? { userId: process.env.SUNSHINE_USER_ID ?? '' } : { channel: 'webchat' as const };
for await (const conversation of client.conversations.list(params)) {
  console.log(conversation.id, conversation.title ?? '(untitled)', conversation.status);
}

try {
  const conversation = await client.conversations.get('c-123', { messageLimit: 20 });
  console.log(conversation.participants.length);
} catch (error) {
  if (!ConversationError.isInstance(error) || error.code !== 'not_found') throw error;
  console.log('no conversation c-123');
}

// `client.raw` is every provider operation with its wire types; comparing `provider` narrows it.
if (client.provider === 'ultracart') await client.raw.getAgentKeepAlive();
