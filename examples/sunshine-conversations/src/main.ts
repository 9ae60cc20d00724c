import { ConversationError, configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { runSunshineTour } from './run.js';

// With SUNSHINE_APP_ID, SUNSHINE_KEY_ID, SUNSHINE_KEY_SECRET (and one of SUNSHINE_SUBDOMAIN /
// SUNSHINE_REGION / SUNSHINE_BASE_URL) and SUNSHINE_USER_ID set, the tour runs on Sunshine;
// without credentials it runs on a local emulator.
const adapters = [sunshine] as const;
const real = Boolean(
  process.env.SUNSHINE_APP_ID && process.env.SUNSHINE_KEY_ID && process.env.SUNSHINE_KEY_SECRET,
);
const emulator = real ? undefined : await startEmulator();
try {
  const config: ParleyConfig<typeof adapters> = emulator
    ? {
        provider: 'sunshine',
        sunshine: {
          appId: emulator.sunshine.appId,
          keyId: emulator.sunshine.keyId,
          keySecret: emulator.sunshine.keySecret,
          baseUrl: emulator.sunshine.baseUrl,
        },
      }
    : // This program only runs on Sunshine, whatever PARLEY_PROVIDER says for others.
      configFromEnv({ ...process.env, PARLEY_PROVIDER: 'sunshine' }, adapters);
  const userId = emulator ? emulator.facts.sunshine.powerUser.id : process.env.SUNSHINE_USER_ID;
  if (userId === undefined || userId === '')
    throw new ConversationError({
      code: 'invalid_config',
      message: 'Set SUNSHINE_USER_ID to the user the tour creates a conversation for.',
    });
  if (emulator) console.log(`No Sunshine credentials set: using the local emulator at ${emulator.url}\n`);
  await runSunshineTour(createConversations({ adapters, config }), { userId });
} catch (error) {
  // ConversationError messages never contain the key secret, so they are safe to print.
  console.error(ConversationError.isInstance(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
