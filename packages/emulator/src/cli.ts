import { parseArgs } from 'node:util';
import { parseActivityRate } from './activity-stream.js';
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
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
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

/** Runs the CLI: starts the emulator, prints where it listens and the credentials, stops on SIGINT/SIGTERM. */
export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
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
    },
  });
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
      ...(values['webhook-secret'] === undefined ? {} : { secret: values['webhook-secret'] }),
    })),
  });
  const { ultracart: u, sunshine: s, facts } = emu;
  const limit = u.rateLimit.settings;
  const someUsers = facts.sunshine.users
    .slice(0, 3)
    .map((x) => x.externalId)
    .join(', ');
  console.log(`parley-emulator listening on ${emu.url} (seeded in ${Date.now() - started} ms)

UltraCart   ULTRACART_BASE_URL=${u.baseUrl}
            ULTRACART_API_KEY=${u.apiKey}
            ULTRACART_ACCESS_TOKEN=${u.accessToken}
            ${facts.ultracart.conversationCount} conversations, queues: ${facts.ultracart.queues.map((q) => q.name).join(', ')}

Sunshine    SUNSHINE_BASE_URL=${s.baseUrl}
            SUNSHINE_APP_ID=${s.appId}
            SUNSHINE_KEY_ID=${s.keyId}
            SUNSHINE_KEY_SECRET=${s.keySecret}
            users: ${someUsers}, …, ${facts.sunshine.powerUser.externalId} (${facts.sunshine.powerUser.conversationCount} conversations)
${rate > 0 ? `\nFaults      ${Math.round(rate * 100)}% of requests fail with ${kinds.join(', ')}\n` : ''}${
  perMinute === undefined
    ? ''
    : `\nActivity    ${perMinute}/min per provider: UltraCart customer messages and new conversations, Sunshine customer messages\n`
}${
  limit === undefined
    ? ''
    : `\nRate limit  UltraCart ${limit.perHour}/hour and ${limit.perDay}/day per key${limit.timeScale === 1 ? '' : `, time ×${limit.timeScale}`}\n`
}${emu.webhooks.map((w) => `\nWebhook     ${w.target}  SUNSHINE_WEBHOOK_SECRET=${w.secret}`).join('')}
Press Ctrl+C to stop.`);
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
