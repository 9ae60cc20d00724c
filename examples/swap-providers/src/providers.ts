import { configFromEnv, type ListConversationsParams, type ParleyConfig } from '@parley/core';
import { POWER_USER_EXTERNAL_ID, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** The adapters this program can use; the config's `provider` picks one. */
export const adapters = [ultracart, sunshine];

/** Where the demo's config came from, per provider. */
export interface DemoSetup {
  config: Omit<ParleyConfig, 'provider'>;
  /** Which providers run against the emulator rather than real credentials. */
  emulated: string[];
  listParams: Record<string, Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>>;
  close(): Promise<void>;
}

const env = process.env;
const hasUltraCart = Boolean(env.ULTRACART_API_KEY || env.ULTRACART_ACCESS_TOKEN);
const hasSunshine = Boolean(env.SUNSHINE_APP_ID && env.SUNSHINE_KEY_ID && env.SUNSHINE_KEY_SECRET);

/**
 * One config holding both providers: real credentials from the environment where they are set
 * (see `configFromEnv`), otherwise a local emulator started here, so the demo needs no network.
 */
export async function demoSetup(): Promise<DemoSetup> {
  // The provider sections as configFromEnv reads them; `provider` is set per run by the caller.
  const fromEnv = configFromEnv(env, { provider: 'ultracart' });
  const emulator = hasUltraCart && hasSunshine ? undefined : await startEmulator({ seed: 42 });
  const config: Record<string, unknown> = {};
  const emulated: string[] = [];
  if (hasUltraCart) config.ultracart = fromEnv.ultracart;
  else if (emulator) {
    config.ultracart = { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl };
    emulated.push('ultracart');
  }
  if (hasSunshine) config.sunshine = fromEnv.sunshine;
  else if (emulator) {
    const { baseUrl, appId, keyId, keySecret } = emulator.sunshine;
    config.sunshine = { baseUrl, appId, keyId, keySecret };
    emulated.push('sunshine');
  }
  const sunshineUser = env.SUNSHINE_USER_ID
    ? { userId: env.SUNSHINE_USER_ID }
    : { userExternalId: hasSunshine ? (env.SUNSHINE_USER_EXTERNAL_ID ?? '') : POWER_USER_EXTERNAL_ID };
  return {
    config,
    emulated,
    listParams: { ultracart: {}, sunshine: sunshineUser },
    close: async () => emulator?.close(),
  };
}
