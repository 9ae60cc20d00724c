import { randomBytes } from 'node:crypto';
import { configFromEnv, type ListConversationsParams, type ParleyConfig } from '@parley/core';
import { POWER_USER_EXTERNAL_ID, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { emulatedCustomer } from './customers.js';
import type { LiveCustomer } from './live.js';

/** The adapters this program can use; the config's `provider` picks one. */
export const adapters = [ultracart, sunshine] as const;

/** The config of this program: `provider` is `'ultracart' | 'sunshine'`, each section typed by its adapter. */
export type DemoConfig = ParleyConfig<typeof adapters>;

/** A provider this program can use. */
type DemoProvider = DemoConfig['provider'];

/** Filters of a listing: Sunshine lists conversations per user, so it needs `userId` or `userExternalId`. */
export type ListFilters = Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>;

/** Where the demo's config came from, per provider. */
export interface DemoSetup {
  /** Both providers' sections (and the shared settings); `provider` is set per run. */
  config: Omit<DemoConfig, 'provider'>;
  /** The providers whose credentials are in the environment, in the order of `adapters`. */
  configured: DemoProvider[];
  /** Which providers run against the emulator rather than real credentials. */
  emulated: DemoProvider[];
  listParams: Record<DemoProvider, ListFilters>;
  /** The emulator's customers, for the live section: only emulated providers have one. */
  customers: Partial<Record<DemoProvider, LiveCustomer>>;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Whether `env` sets one of the variables `adapter` declares as credentials (what `configFromEnv` looks at). */
function hasCredentials(adapter: (typeof adapters)[number], env: Env): boolean {
  const declared = adapter.env;
  if (declared === undefined) return false;
  return declared.credentials.some((key) => {
    const name = declared.names[key];
    return name !== undefined && (env[name]?.trim() ?? '') !== '';
  });
}

/**
 * One config holding both providers: real credentials from the environment where they are set
 * (read by `configFromEnv` from the names each adapter declares), otherwise a local emulator
 * started here, so the demo needs no network.
 */
export async function demoSetup(env: Env = process.env): Promise<DemoSetup> {
  const configured = adapters.filter((adapter) => hasCredentials(adapter, env)).map((a) => a.name);
  // Both sections as the environment gives them; `provider` is chosen per run by the caller, so a
  // default keeps configFromEnv from asking which one to use.
  const fromEnv = configFromEnv(env, adapters, { provider: 'ultracart' });
  const emulator = configured.length === adapters.length ? undefined : await startEmulator({ seed: 42 });
  const emulated: DemoProvider[] = [];
  const customers: DemoSetup['customers'] = {};
  const config: Omit<DemoConfig, 'provider'> = {
    ...(fromEnv.timeoutMs === undefined ? {} : { timeoutMs: fromEnv.timeoutMs }),
  };
  if (configured.includes('ultracart')) {
    if (fromEnv.ultracart !== undefined) config.ultracart = fromEnv.ultracart;
  } else if (emulator) {
    config.ultracart = {
      apiKey: emulator.ultracart.apiKey,
      baseUrl: emulator.ultracart.baseUrl,
      // The emulator rate-limits nothing unless asked, and within UltraCart's default budget the
      // live section's poller would wait 7.2 s between polls: the demo is meant to take seconds.
      budget: false,
      events: { maxIntervalMs: 400 },
    };
    customers.ultracart = emulatedCustomer(emulator, 'ultracart');
    emulated.push('ultracart');
  }
  if (configured.includes('sunshine')) {
    if (fromEnv.sunshine !== undefined) config.sunshine = fromEnv.sunshine;
  } else if (emulator) {
    const { baseUrl, appId, keyId, keySecret } = emulator.sunshine;
    // Sunshine generates this secret for a webhook; here the emulator is told to use it.
    const webhookSecret = randomBytes(18).toString('base64url');
    config.sunshine = { baseUrl, appId, keyId, keySecret, webhookSecret };
    customers.sunshine = emulatedCustomer(emulator, 'sunshine', webhookSecret);
    emulated.push('sunshine');
  }
  const sunshineUser = env.SUNSHINE_USER_ID
    ? { userId: env.SUNSHINE_USER_ID }
    : {
        userExternalId: configured.includes('sunshine')
          ? (env.SUNSHINE_USER_EXTERNAL_ID ?? '')
          : POWER_USER_EXTERNAL_ID,
      };
  return {
    config,
    configured,
    emulated,
    listParams: { ultracart: {}, sunshine: sunshineUser },
    customers,
    close: async () => emulator?.close(),
  };
}
