// Poller cost (issue 12): an UltraCart subscription (memory store, default settings) against the
// emulator with UltraCart's rate limit on, in emulated time (src/clock-warp.ts: this process and the
// emulator's rate limiter both run `BENCH_POLLER_SCALE` times faster). Phases of
// `BENCH_POLLER_HOURS` emulated hours: idle, then customer messages arriving at each rate of
// `BENCH_POLLER_RATES` (per hour, Poisson arrivals, seeded). Counts the requests UltraCart accepted
// and refused (429) per phase, and the latency from each message's arrival to the handler.
import { writeFileSync } from 'node:fs';
import { type ConversationEvent, createConversations, createMemoryEventStore } from '@parley/core';
import { ULTRACART_DEFAULT_BUDGET, ultracart } from '@parley/ultracart';
import { realNow, warpClock } from './clock-warp.js';
import { startEmulatorChild } from './emulator-child.js';
import { median, percentile, poissonArrivals, round, seededRandom } from './stats.js';

/** One phase of the poller benchmark. */
export interface PollerPhase {
  /** Customer messages per emulated hour (0: idle). */
  messagesPerHour: number;
  emulatedHours: number;
  /** UltraCart REST requests accepted during the phase (the rate limiter's count). */
  requests: number;
  requestsPerHour: number;
  /** Requests the emulator refused with 429. */
  refused: number;
  /** Messages that arrived, and how many of them reached the handler. */
  messages: number;
  delivered: number;
  /** Arrival → handler, emulated seconds (null when no message arrived). */
  latencyMedianS: number | null;
  latencyP95S: number | null;
  latencyMaxS: number | null;
}

/** What the poller benchmark reports. */
export interface PollerCostResult {
  timeScale: number;
  /** The subscription's settings: the defaults. */
  settings: {
    perHour: number;
    perDay: number;
    budgetShare: number;
    pollIntervalMs: number;
    maxIntervalMs: number;
  };
  phases: PollerPhase[];
  /** Events handed to the handler twice (must be 0). */
  duplicates: number;
  /** Failures the subscription reported through `onError` (a 429 would show here). */
  errors: string[];
}

const SCALE = Number(process.env.BENCH_POLLER_SCALE ?? 120);
const HOURS = Number(process.env.BENCH_POLLER_HOURS ?? 1);
const RATES = (process.env.BENCH_POLLER_RATES ?? '30,600').split(',').map(Number);
const HOUR = 3_600_000;
/** How long after a phase its last messages may take to arrive (emulated). */
const DRAIN_MS = 10 * 60_000;

const emulator = await startEmulatorChild({ conversations: 60, rateLimitTimeScale: SCALE });
const clock = warpClock(SCALE);
/** Waits `ms` of emulated time. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const client = createConversations({
  adapters: [ultracart],
  config: {
    provider: 'ultracart',
    // The deadline runs on the warped clock too: the largest allowed keeps it at 600 s / scale real.
    timeoutMs: 600_000,
    ultracart: { ...emulator.info.ultracart },
  },
});

/** Message id → real instant it was handled; events handled twice are counted. */
const handled = new Map<string, number>();
let duplicates = 0;
const errors: string[] = [];
const handler = (event: ConversationEvent) => {
  if (event.type !== 'message.created') return;
  if (handled.has(event.message.id)) duplicates++;
  else handled.set(event.message.id, realNow());
};
const subscription = client.events.subscribe(handler, {
  store: createMemoryEventStore(),
  onError: (error) => errors.push(String(error)),
});

async function phase(messagesPerHour: number): Promise<PollerPhase> {
  const arrivals = poissonArrivals(messagesPerHour, HOURS * HOUR, seededRandom(42 + messagesPerHour));
  /** Message id → real instant just before it was made to arrive. */
  const sent = new Map<string, number>();
  const before = await emulator.rateLimit();
  const start = clock.now();
  for (const at of arrivals) {
    await pause(start + at - clock.now());
    const sentAt = realNow();
    sent.set((await emulator.ultracartMessage()).messageUuid, sentAt);
  }
  await pause(start + HOURS * HOUR - clock.now());
  const after = await emulator.rateLimit();
  // Messages of the last minutes still reach the handler, on the next phase's clock.
  const drainUntil = clock.now() + DRAIN_MS;
  while (clock.now() < drainUntil && [...sent.keys()].some((id) => !handled.has(id))) await pause(1000);
  const latencies = [...sent].flatMap(([id, at]) => {
    const done = handled.get(id);
    return done === undefined ? [] : [((done - at) * SCALE) / 1000];
  });
  const requests = after.accepted - before.accepted;
  return {
    messagesPerHour,
    emulatedHours: HOURS,
    requests,
    requestsPerHour: round(requests / HOURS, 1),
    refused: after.refused - before.refused,
    messages: sent.size,
    delivered: latencies.length,
    latencyMedianS: latencies.length === 0 ? null : round(median(latencies), 1),
    latencyP95S: latencies.length === 0 ? null : round(percentile(latencies, 95), 1),
    latencyMaxS: latencies.length === 0 ? null : round(Math.max(...latencies), 1),
  };
}

try {
  // The idle phase starts with the subscription: its first hour includes finding "now".
  const phases = [await phase(0)];
  for (const rate of RATES) phases.push(await phase(rate));
  const result: PollerCostResult = {
    timeScale: SCALE,
    // Nothing above passes a setting: these are the defaults the subscription ran with.
    settings: {
      ...ULTRACART_DEFAULT_BUDGET,
      budgetShare: 0.5,
      pollIntervalMs: 5000,
      maxIntervalMs: 60_000,
    },
    phases,
    duplicates,
    errors: [...new Set(errors)],
  };
  const out = process.argv[2];
  if (out === undefined) console.log(JSON.stringify(result, null, 2));
  else writeFileSync(out, JSON.stringify(result));
} finally {
  await subscription.close();
  await emulator.close();
}
