import { randomBytes } from 'node:crypto';
import { ConversationError, configFromEnv, type ParleyConfig } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** The adapters this program can use; `config.provider` picks one. */
export const adapters = [ultracart, sunshine] as const;

/** The program's config: `provider` is `'ultracart' | 'sunshine'`, each section typed by its adapter. */
type DeskConfig = ParleyConfig<typeof adapters>;

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where the desk's config came from. */
export interface DeskSetup {
  config: DeskConfig;
  /** The local emulator the config points at, when the environment held no credentials for the provider. */
  emulator?: Emulator;
  /** Stops the emulator, if one was started. */
  close(): Promise<void>;
}

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
 * The config of one run. `provider` comes from `--provider`, else `PARLEY_PROVIDER`, else the one
 * whose credentials are set, else UltraCart. With credentials for it, the config is
 * `configFromEnv(env, adapters)` (Sunshine also needs `SUNSHINE_WEBHOOK_SECRET`); without, a local
 * emulator is started and both sections point at it, so the runs differ in `provider` alone.
 */
export async function deskSetup(
  env: Env,
  options: { provider?: string | undefined; pollIntervalMs: number },
): Promise<DeskSetup> {
  const names = adapters.map((adapter) => adapter.name);
  const configured = adapters.filter((adapter) => hasCredentials(adapter, env)).map((a) => a.name);
  const chosen = options.provider ?? env.PARLEY_PROVIDER?.trim() ?? configured[0] ?? 'ultracart';
  const provider = names.find((name) => name === chosen);
  if (provider === undefined)
    throw new ConversationError({
      code: 'invalid_config',
      message: `provider must be one of ${names.join(', ')} (from --provider or PARLEY_PROVIDER)`,
      operation: 'live-desk',
    });
  if (configured.includes(provider))
    return { config: { ...configFromEnv(env, adapters, { provider }), provider }, close: async () => {} };

  const emulator = await startEmulator({ seed: 42 });
  const config: DeskConfig = {
    provider,
    ultracart: {
      apiKey: emulator.ultracart.apiKey,
      baseUrl: emulator.ultracart.baseUrl,
      // The emulator applies no rate limit unless asked, and UltraCart's default budget would pace
      // the poller to one request every 7.2 s: too slow for a run of a few seconds.
      budget: false,
      // A short idle wait (events show within it) and a short lease (a standby takes over fast).
      events: { leaseTtlMs: 3_000, maxIntervalMs: Math.min(4 * options.pollIntervalMs, 2_000) },
    },
    sunshine: {
      appId: emulator.sunshine.appId,
      keyId: emulator.sunshine.keyId,
      keySecret: emulator.sunshine.keySecret,
      baseUrl: emulator.sunshine.baseUrl,
      // What Sunshine generates when a webhook is created; the emulator sends it in X-API-Key.
      webhookSecret: randomBytes(18).toString('base64url'),
    },
  };
  return { config, emulator, close: () => emulator.close() };
}
