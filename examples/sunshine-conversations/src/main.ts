import { ConversationError, configFromEnv, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { runSunshineTour } from './run.js';

// Credentials come from SUNSHINE_APP_ID, SUNSHINE_KEY_ID, SUNSHINE_KEY_SECRET and one of
// SUNSHINE_SUBDOMAIN / SUNSHINE_REGION / SUNSHINE_BASE_URL (e.g. the emulator); PARLEY_PROVIDER
// defaults to sunshine here. SUNSHINE_USER_ID names the user the conversation is created for.
const userId = process.env.SUNSHINE_USER_ID;
if (userId === undefined || userId === '') {
  console.error('Set SUNSHINE_USER_ID to the Sunshine user the tour creates a conversation for.');
  process.exit(1);
}

try {
  const client = createConversations({
    adapters: [sunshine],
    config: configFromEnv(process.env, { provider: 'sunshine' }),
  });
  await runSunshineTour(client, { userId });
} catch (error) {
  // ConversationError messages never contain the key secret, so they are safe to print.
  if (ConversationError.isInstance(error)) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
