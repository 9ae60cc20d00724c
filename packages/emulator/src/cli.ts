import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseActivityRate } from './activity-stream.js';
import { cliEnvironment } from './cli-environment.js';
import { FAULT_KINDS, type FaultKind, isFaultKind } from './faults.js';
import { startEmulator } from './server.js';
import type { UltraCartRateLimitOptions } from './ultracart/rate-limit.js';
import { EMULATED_WEBHOOK_TRIGGERS } from './webhooks/sunshine-payloads.js';

const USAGE = `Usage: parley-emulator [--port 4010] [--host 127.0.0.1] [--seed 42] [--conversations 60]
                      [--latency-ms 0] [--fault-rate 0.1 --fault-kinds 429,503,reset]
                      [--webhook http://127.0.0.1:3000/hooks [--webhook-secret s3cret]]
                      [--activity 30/min] [--rate-limit 1000/10000 [--time-scale 3600]]

  --activity N/min        inbound activity, per provider (also N/s, N/h): UltraCart customer
                          messages and new conversations (seeded mix), Sunshine customer messages
                          (sent to the --webhook targets)
  --rate-limit H[/D]      UltraCart's leaky-bucket rate limit per key: H requests per hour and D
                          per day (default 10000), else 429; "default" is 1000/10000
  --time-scale N          emulated time runs N times faster for the rate limit (3600: an hour a second)

Fault kinds: ${FAULT_KINDS.join(', ')}`;

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer\n${USAGE}`);
  return n;
}

function number(value: string, name: string): number {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new Error(`--${name} must be a positive number\n${USAGE}`);
  return n;
}

function rateLimitOf(
  spec: string | undefined,
  timeScale: string | undefined,
): UltraCartRateLimitOptions | undefined {
  if (spec === undefined) {
    if (timeScale !== undefined) throw new Error(`--time-scale needs --rate-limit\n${USAGE}`);
    return undefined;
  }
  const [perHour, perDay, extra] = spec === 'default' ? [] : spec.split('/');
  if (extra !== undefined || perHour === '')
    throw new Error(`--rate-limit must look like 1000/10000\n${USAGE}`);
  return {
    ...(perHour === undefined ? {} : { perHour: number(perHour, 'rate-limit') }),
    ...(perDay === undefined ? {} : { perDay: number(perDay, 'rate-limit') }),
    ...(timeScale === undefined ? {} : { timeScale: number(timeScale, 'time-scale') }),
  };
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  conversations: { type: 'string' },
  'latency-ms': { type: 'string' },
  'fault-rate': { type: 'string' },
  'fault-kinds': { type: 'string' },
  webhook: { type: 'string', multiple: true },
  'webhook-secret': { type: 'string' },
  activity: { type: 'string' },
  'rate-limit': { type: 'string' },
  'time-scale': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The parsed flags; an unknown flag or a stray argument fails with the usage. */
function flags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS }).values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/**
 * Runs the CLI: starts the emulator, prints where it listens and the `export` lines for
 * `configFromEnv`, stops on SIGINT/SIGTERM. Bad flags throw an error whose message ends with the usage.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const values = flags(argv);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rate = values['fault-rate'] === undefined ? 0 : Number(values['fault-rate']);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`--fault-rate must be a number from 0 to 1\n${USAGE}`);
  const kinds = (values['fault-kinds'] ?? '429,503').split(',').map((k) => k.trim());
  const badKind = kinds.find((k) => !isFaultKind(k));
  if (badKind !== undefined) throw new Error(`unknown fault kind ${badKind}\n${USAGE}`);
  let perMinute: number | undefined;
  if (values.activity !== undefined) {
    try {
      perMinute = parseActivityRate(values.activity);
    } catch (error) {
      throw new Error(`--activity: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    }
  }
  const rateLimit = rateLimitOf(values['rate-limit'], values['time-scale']);
  // One secret for every --webhook target, so one SUNSHINE_WEBHOOK_SECRET verifies them all.
  const webhookSecret = values['webhook-secret'] ?? randomBytes(18).toString('base64url');
  const started = Date.now();
  const emu = await startEmulator({
    port: int(values.port, 'port', 4010),
    host: values.host ?? '127.0.0.1',
    seed: int(values.seed, 'seed', 42),
    conversations: int(values.conversations, 'conversations', 60),
    latencyMs: int(values['latency-ms'], 'latency-ms', 0),
    ...(rate > 0 ? { faults: { rate, kinds: kinds as FaultKind[] } } : {}),
    ...(perMinute === undefined ? {} : { activity: { perMinute } }),
    ...(rateLimit === undefined ? {} : { ultracart: { rateLimit } }),
    // Every event the emulator can send goes to each --webhook target.
    webhooks: (values.webhook ?? []).map((target) => ({
      target,
      triggers: EMULATED_WEBHOOK_TRIGGERS,
      secret: webhookSecret,
    })),
  });
  const seededMs = Date.now() - started;
  const limit = emu.ultracart.rateLimit.settings;
  const notes = [
    ...(rate > 0 ? [`Faults: ${Math.round(rate * 100)}% of requests fail with ${kinds.join(', ')}`] : []),
    ...(perMinute === undefined
      ? []
      : [
          `Activity: ${perMinute}/min per provider: UltraCart customer messages and new conversations, Sunshine customer messages`,
        ]),
    ...(limit === undefined
      ? []
      : [
          `Rate limit: UltraCart ${limit.perHour}/hour and ${limit.perDay}/day per key${limit.timeScale === 1 ? '' : `, time ×${limit.timeScale}`}`,
        ]),
    ...emu.webhooks.map((webhook) => `Webhook: ${webhook.target} (X-API-Key: SUNSHINE_WEBHOOK_SECRET)`),
  ];
  console.log(cliEnvironment(emu, { webhookSecret, seededMs, notes }));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emu.close();
}
