import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConversationError,
  type ConversationEvent,
  createConversations,
  createMemoryEventStore,
  type EventStore,
  type EventSubscription,
  type FetchHandler,
  toNodeListener,
} from '@parley/core';
import { EMULATED_WEBHOOK_TRIGGERS } from '@parley/emulator';
import { createRedisEventStore, type RedisEventStore } from '@parley/redis';
import { CUSTOMER_MESSAGES, makeActivity } from './activity.js';
import { describeEvent } from './format.js';
import { adapters, deskSetup, type Env } from './setup.js';

/** Options of {@link runLiveDesk}; `main.ts` fills them from the command line and the environment. */
export interface LiveDeskOptions {
  /** Credentials (`configFromEnv` names), `PARLEY_PROVIDER`, `REDIS_URL`, `PORT`. Default `process.env`. */
  env?: Env;
  /** Sets `config.provider`; else `PARLEY_PROVIDER`, else the provider with credentials, else UltraCart. */
  provider?: string | undefined;
  /** Subscriptions in this process, each with its own client and store connection, as replicas (default 1; more need `REDIS_URL`). */
  replicas?: number;
  /** How long to run at most (default 20 s on the emulator, else until `signal`). */
  seconds?: number | undefined;
  /** The subscription's `pollIntervalMs` (default 500). */
  pollIntervalMs?: number | undefined;
  /** The webhook endpoint's port (default `PORT`, else 3000; on the emulator a free loopback port). */
  port?: number | undefined;
  /** Stops the run (Ctrl-C). */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** An event as one replica's handler received it. */
interface HandledEvent {
  /** 1-based. */
  replica: number;
  event: ConversationEvent;
}

/** What one replica did. */
interface ReplicaReport {
  replica: number;
  /** Events its handler received. */
  handled: number;
  /** Webhook requests its `subscription.webhook` answered. */
  deliveries: number;
  /** Requests its client sent: only a replica polling a pull provider sends any. */
  requests: number;
}

/** What a run saw. */
export interface LiveDeskReport {
  provider: string;
  /** Whether the provider was the local emulator, with generated customer activity. */
  emulated: boolean;
  store: 'memory' | 'redis';
  /** Every event a handler received, in order. */
  events: readonly HandledEvent[];
  replicas: readonly ReplicaReport[];
  /** Ids of events that reached a handler more than once (the store keeps this empty). */
  repeated: readonly string[];
  /** On the emulator: customer messages sent but not received before the time bound. */
  missing: readonly string[];
}

/** After the last expected event, how long to keep listening (late copies would show here). */
const SETTLE_MS = 600;

interface Replica {
  number: number;
  store: EventStore;
  subscription: EventSubscription;
  report: ReplicaReport;
}

/**
 * The live desk: subscribes to a provider's live events with one handler and prints each event as
 * it arrives. The code is the same for every provider: it always mounts `subscription.webhook` on a
 * `node:http` server (Sunshine posts there; UltraCart's subscription polls by itself and its
 * webhook is never called). With `replicas > 1` every replica has its own client and its own
 * connection to the Redis at `REDIS_URL`, as separate processes would, and webhook deliveries are
 * spread over them like a load balancer would: each event is still handled once, and one replica
 * holds the poller lease. On the emulator it plays customers, waits until their messages arrived,
 * then stops; otherwise it runs until `seconds` or `signal`.
 */
export async function runLiveDesk(options: LiveDeskOptions = {}): Promise<LiveDeskReport> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  const count = options.replicas ?? 1;
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (count > 1 && redisUrl === undefined)
    throw new ConversationError({
      code: 'invalid_config',
      message: `--replicas ${count} needs REDIS_URL: replicas share their live events through a Redis event store`,
      operation: 'live-desk',
    });
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const setup = await deskSetup(env, { provider: options.provider, pollIntervalMs });
  const { config, emulator } = setup;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (options.signal?.aborted) stop.abort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const events: HandledEvent[] = [];
  const seen = new Set<string>();
  const repeated: string[] = [];
  const replicas: Replica[] = [];
  const redisStores: RedisEventStore[] = [];
  const label = (n: number) => (count > 1 ? `[replica ${n}] ` : '');
  let next = 0;
  // One URL for every replica: a round-robin load balancer in front of their webhooks.
  const route: FetchHandler = async (request) => {
    const replica = replicas[next++ % replicas.length];
    if (replica === undefined) return new Response(null, { status: 503 });
    replica.report.deliveries++;
    return replica.subscription.webhook(request);
  };
  const server = createServer(toNodeListener(route));
  try {
    const port = emulator ? 0 : (options.port ?? listenPort(env.PORT));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, emulator ? '127.0.0.1' : undefined, resolve);
    });
    const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    const where = emulator ? `the local emulator (${emulator.url})` : 'its API';
    const storeName = redisUrl ? 'a Redis event store (REDIS_URL)' : 'the memory event store';
    log(`desk      ${config.provider} on ${where}, ${count} replica(s), ${storeName}`);
    log(`desk      webhook endpoint ${webhookUrl} (mounted on every provider; Sunshine posts here)`);

    for (let n = 1; n <= count; n++) {
      const report: ReplicaReport = { replica: n, handled: 0, deliveries: 0, requests: 0 };
      const client = createConversations({
        adapters,
        config,
        hooks: {
          onRequest: () => {
            report.requests++;
          },
        },
      });
      let store: EventStore;
      if (redisUrl === undefined) store = createMemoryEventStore();
      else {
        const redis = createRedisEventStore({ url: redisUrl });
        redisStores.push(redis);
        store = redis;
      }
      const subscription = client.events.subscribe(
        (event) => {
          report.handled++;
          if (seen.has(event.id)) repeated.push(event.id);
          seen.add(event.id);
          events.push({ replica: n, event });
          log(`${label(n)}event     ${describeEvent(event)}`);
        },
        {
          store,
          pollIntervalMs,
          onError: (error) =>
            log(
              `${label(n)}error     ${ConversationError.isInstance(error) ? error.message : String(error)}`,
            ),
        },
      );
      replicas.push({ number: n, store, subscription, report });
    }

    let activityDone = !emulator;
    if (emulator) {
      emulator.addWebhook({
        target: webhookUrl,
        secret: config.sunshine?.webhookSecret ?? '',
        triggers: [...EMULATED_WEBHOOK_TRIGGERS],
      });
      // Half the deliveries arrive twice (Sunshine may redeliver): each event is still handled once.
      emulator.setWebhookFaults({ duplicate: 0.5, seed: 7 });
      void makeActivity(emulator, config.provider, { signal: stop.signal, gapMs: 200, log })
        .catch((error: unknown) => log(`customer  failed: ${String(error)}`))
        .finally(() => {
          activityDone = true;
        });
    }

    const texts = () =>
      new Set(events.flatMap(({ event }) => (event.type === 'message.created' ? [event.message.text] : [])));
    const missing = () => (emulator ? CUSTOMER_MESSAGES.filter((text) => !texts().has(text)) : []);
    const seconds = options.seconds ?? (emulator ? 20 : undefined);
    const deadline = seconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + seconds * 1000;
    let completeAt: number | undefined;
    while (!stop.signal.aborted && Date.now() < deadline) {
      if (emulator && completeAt === undefined && activityDone && missing().length === 0)
        completeAt = Date.now();
      if (completeAt !== undefined && Date.now() - completeAt >= SETTLE_MS) break;
      await sleep(50, undefined, { signal: stop.signal }).catch(() => undefined);
    }
    stop.abort();
    for (const replica of replicas) await replica.subscription.close();
    const result: LiveDeskReport = {
      provider: config.provider,
      emulated: emulator !== undefined,
      store: redisUrl ? 'redis' : 'memory',
      events,
      replicas: replicas.map((replica) => replica.report),
      repeated,
      missing: missing(),
    };
    for (const line of summary(result)) log(line);
    return result;
  } finally {
    stop.abort();
    options.signal?.removeEventListener('abort', onAbort);
    for (const replica of replicas) await replica.subscription.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await setup.close();
    for (const store of redisStores) await store.close();
  }
}

/** `PORT` as a port number (default 3000), or `invalid_config` naming it. */
function listenPort(value: string | undefined): number {
  const port = Number(value?.trim() || 3000);
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  throw new ConversationError({
    code: 'invalid_config',
    message: 'PORT must be a port number from 0 to 65535',
    operation: 'live-desk',
  });
}

/** The closing lines: what each replica did, who polled, what arrived. */
function summary(report: LiveDeskReport): string[] {
  const deliveries = report.replicas.reduce((sum, r) => sum + r.deliveries, 0);
  const once = report.repeated.length === 0 ? 'each once' : `${report.repeated.length} more than once`;
  const lines = [
    `summary   ${report.events.length} event(s) handled, ${once}; ${deliveries} webhook delivery(ies) received`,
  ];
  for (const r of report.replicas)
    lines.push(
      `summary   replica ${r.replica}: handled ${r.handled}, webhook deliveries ${r.deliveries}, requests sent ${r.requests}`,
    );
  const polling = report.replicas.filter((r) => r.requests > 0).map((r) => r.replica);
  if (polling.length === 0) lines.push('summary   no replica polled: the events came by webhook');
  else if (report.replicas.length === 1) lines.push('summary   the subscription polled');
  else if (polling.length === 1)
    lines.push(`summary   replica ${polling[0]} polled (it held the poller lease); the others stood by`);
  else lines.push(`summary   replicas ${polling.join(', ')} polled in turn (the lease changed hands)`);
  if (report.emulated)
    lines.push(
      report.missing.length === 0
        ? `summary   all ${CUSTOMER_MESSAGES.length} customer messages arrived`
        : `summary   missing: ${report.missing.join(' | ')}`,
    );
  return lines;
}
