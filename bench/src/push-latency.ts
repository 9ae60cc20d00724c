// Sunshine push latency (issue 12): the emulator (child process) POSTs a `conversation:message`
// webhook for each customer message it is made to receive; `subscription.webhook`, mounted on a
// `node:http` server in this process through `toNodeListener`, verifies it and hands the event to
// the handler. One message at a time, so each latency is the path's own, not a queue's.
import { writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConversationEvent,
  createConversations,
  createMemoryEventStore,
  toNodeListener,
} from '@parley/core';
import { sunshine } from '@parley/sunshine';
import { realNow } from './clock-warp.js';
import { startEmulatorChild } from './emulator-child.js';
import { median, percentile, round } from './stats.js';

/** Sunshine webhook → handler latency. */
export interface PushLatencyResult {
  /** Messages measured (after `warmUp` unmeasured ones). */
  messages: number;
  warmUp: number;
  /** Messages that reached the handler within the timeout. */
  delivered: number;
  /** Events handed to the handler twice (must be 0). */
  duplicates: number;
  latencyMedianMs: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
}

const MESSAGES = Number(process.env.BENCH_PUSH_EVENTS ?? 200);
const WARM_UP = 20;
const TIMEOUT_MS = 5000;
const SECRET = 'bench-webhook-secret';

let listener: RequestListener = (_req, res) => res.writeHead(503).end();
const server = createServer((req, res) => listener(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const emulator = await startEmulatorChild({
  conversations: 60,
  webhook: { target: `http://127.0.0.1:${port}/hooks`, secret: SECRET },
});

const client = createConversations({
  adapters: [sunshine],
  config: { provider: 'sunshine', sunshine: { ...emulator.info.sunshine, webhookSecret: SECRET } },
});
/** Message id → real instant it was handled. */
const handled = new Map<string, number>();
/** Who waits for which message. */
const waiting = new Map<string, () => void>();
let duplicates = 0;
const subscription = client.events.subscribe(
  (event: ConversationEvent) => {
    if (event.type !== 'message.created') return;
    if (handled.has(event.message.id)) duplicates++;
    else handled.set(event.message.id, realNow());
    waiting.get(event.message.id)?.();
  },
  { store: createMemoryEventStore() },
);
listener = toNodeListener(subscription.webhook);

/** Makes one message arrive and resolves with its latency in ms (undefined on timeout). */
async function one(): Promise<number | undefined> {
  const sentAt = realNow();
  const { messageId } = await emulator.sunshineMessage();
  if (!handled.has(messageId))
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TIMEOUT_MS);
      waiting.set(messageId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  waiting.delete(messageId);
  const done = handled.get(messageId);
  return done === undefined ? undefined : done - sentAt;
}

try {
  for (let i = 0; i < WARM_UP; i++) await one();
  const latencies: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const latency = await one();
    if (latency !== undefined) latencies.push(latency);
  }
  const result: PushLatencyResult = {
    messages: MESSAGES,
    warmUp: WARM_UP,
    delivered: latencies.length,
    duplicates,
    latencyMedianMs: round(median(latencies), 2),
    latencyP95Ms: round(percentile(latencies, 95), 2),
    latencyMaxMs: round(Math.max(...latencies), 2),
  };
  const out = process.argv[2];
  if (out === undefined) console.log(JSON.stringify(result, null, 2));
  else writeFileSync(out, JSON.stringify(result));
} finally {
  await subscription.close();
  await emulator.close();
  server.close();
}
