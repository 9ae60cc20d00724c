import { mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConversationError, configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { syncAll } from './sync.js';

// Usage: tsx src/main.ts [out.jsonl] [state.json]
// With ULTRACART_* or SUNSHINE_* credentials set, configFromEnv picks that provider (PARLEY_PROVIDER
// when both are set; Sunshine also needs SUNSHINE_USER_ID or SUNSHINE_USER_EXTERNAL_ID, whose
// conversations it copies). Without credentials it copies from a local emulator (UltraCart, or
// PARLEY_PROVIDER=sunshine); run it again after Ctrl-C and it resumes where it stopped.
// By default it writes examples/sync-job/out/<provider>[-emulator].jsonl (git ignores out/): one
// file and resume state per source, so a run on one never resumes from another's cursor.
const adapters = [ultracart, sunshine] as const;
const env = process.env;
const real = [env.ULTRACART_API_KEY, env.ULTRACART_ACCESS_TOKEN, env.SUNSHINE_KEY_SECRET].some(Boolean);
const emulator = real ? undefined : await startEmulator({ seed: 1, conversations: 40 });
try {
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
  const name = `${config.provider}${emulator ? '-emulator' : ''}.jsonl`;
  const [
    outFile = fileURLToPath(new URL(`../out/${name}`, import.meta.url)),
    stateFile = `${outFile}.state.json`,
  ] = process.argv.slice(2);
  await mkdir(dirname(outFile), { recursive: true });
  await mkdir(dirname(stateFile), { recursive: true });
  const client = createConversations({ adapters, config });
  const state = await syncAll(client, {
    outFile,
    stateFile,
    ...(client.provider === 'sunshine' && user !== undefined ? { listParams: user } : {}),
    // One line rewritten in place on a terminal; a log gets only the final line.
    onProgress: (s) => {
      if (process.stdout.isTTY)
        process.stdout.write(`\rsynced ${s.conversations} conversations, ${s.messages} messages`);
    },
  });
  console.log(
    `${process.stdout.isTTY ? '\n' : ''}${state.done ? 'done' : 'stopped'}: ${state.conversations} conversations, ${state.messages} messages in ${relative(process.cwd(), outFile)} (resume state in ${relative(process.cwd(), stateFile)}; delete both to copy again)`,
  );
} catch (error) {
  if (!ConversationError.isInstance(error)) throw error;
  console.error(`\n${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
