import { configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { syncAll } from './sync.js';

// Usage: tsx src/main.ts [out.jsonl] [state.json]
// With ULTRACART_* or SUNSHINE_* credentials set, configFromEnv picks that provider (PARLEY_PROVIDER
// when both are set; Sunshine also needs SUNSHINE_USER_ID or SUNSHINE_USER_EXTERNAL_ID, whose
// conversations it copies). Without credentials it copies from a local emulator (UltraCart, or
// PARLEY_PROVIDER=sunshine); run it again after Ctrl-C and it resumes where it stopped.
const [outFile = 'conversations.jsonl', stateFile = `${outFile}.state.json`] = process.argv.slice(2);
const adapters = [ultracart, sunshine] as const;
const env = process.env;
const real = [env.ULTRACART_API_KEY, env.ULTRACART_ACCESS_TOKEN, env.SUNSHINE_KEY_SECRET].some(Boolean);
const emulator = real ? undefined : await startEmulator({ seed: 1, conversations: 40 });
let config: ParleyConfig<typeof adapters>;
let user: { userId: string } | { userExternalId: string } | undefined;
if (emulator) {
  const { appId, keyId, keySecret, baseUrl } = emulator.sunshine;
  config = {
    provider: env.PARLEY_PROVIDER === 'sunshine' ? 'sunshine' : 'ultracart',
    ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
    sunshine: { appId, keyId, keySecret, baseUrl },
  };
  user = { userExternalId: emulator.facts.sunshine.powerUser.externalId };
  console.log(`No credentials set: copying ${config.provider} conversations from a local emulator.`);
} else {
  config = configFromEnv(env, adapters);
  if (env.SUNSHINE_USER_ID) user = { userId: env.SUNSHINE_USER_ID };
  else if (env.SUNSHINE_USER_EXTERNAL_ID) user = { userExternalId: env.SUNSHINE_USER_EXTERNAL_ID };
}
try {
  const client = createConversations({ adapters, config });
  const state = await syncAll(client, {
    outFile,
    stateFile,
    ...(client.provider === 'sunshine' && user !== undefined ? { listParams: user } : {}),
    onProgress: (s) =>
      process.stdout.write(`\rsynced ${s.conversations} conversations, ${s.messages} messages`),
  });
  console.log(`\n${state.done ? 'done' : 'stopped'}: ${outFile} (resume state in ${stateFile})`);
} finally {
  await emulator?.close();
}
