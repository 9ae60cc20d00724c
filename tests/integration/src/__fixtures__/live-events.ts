import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ClientFor,
  type ConversationEvent,
  createConversations,
  type EventStore,
  type EventSubscription,
  type FetchHandler,
  type TransportHooks,
  toNodeListener,
} from '@parley/core';
import { EMULATED_WEBHOOK_TRIGGERS, type Emulator } from '@parley/emulator';
import type { UltraCartConfigInput } from '@parley/ultracart';
import { adapters } from '../helpers.js';

// What the live-events integration tests share: clients of the emulator set up for live events, a
// loopback webhook server, subscriptions that record what their handler received, and waiting.

/** The webhook secret the clients are configured with (and the emulator's webhooks send). */
export const SECRET = 'whsec-integration-secret';

/** UltraCart's documented test knobs: a short lease (fast takeover) and a short idle wait. */
const POLLER = { leaseTtlMs: 600, maxIntervalMs: 200 } as const;

/** Options of {@link liveClient}. */
export interface LiveClientOptions {
  /** The client's fetch: given, requests go through the fetch sender; undefined, through node:http. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Every request attempt the client makes is pushed here (its operation). */
  requests?: string[];
  /** UltraCart budget (default off: the emulator applies no limit unless asked). */
  budget?: UltraCartConfigInput['budget'];
  /** UltraCart API key instead of the emulator's. */
  apiKey?: string;
}

/** A client of `provider` on the emulator, configured for live events. */
export function liveClient(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  options: LiveClientOptions = {},
): ClientFor<typeof adapters> {
  const requests = options.requests;
  const hooks: TransportHooks | undefined =
    requests === undefined ? undefined : { onRequest: (request) => void requests.push(request.operation) };
  return createConversations({
    adapters,
    config: {
      provider,
      ultracart: {
        apiKey: options.apiKey ?? emulator.ultracart.apiKey,
        baseUrl: emulator.ultracart.baseUrl,
        budget: options.budget ?? false,
        events: POLLER,
      },
      sunshine: {
        appId: emulator.sunshine.appId,
        keyId: emulator.sunshine.keyId,
        keySecret: emulator.sunshine.keySecret,
        baseUrl: emulator.sunshine.baseUrl,
        webhookSecret: SECRET,
      },
    },
    ...(hooks === undefined ? {} : { hooks }),
    fetch: options.fetch,
  });
}

/** A running subscription and what its handler saw. */
export interface Recorded {
  subscription: EventSubscription;
  /** Events the handler finished, in order. */
  handled: ConversationEvent[];
  /** Event ids the handler was called with, failed calls included. */
  attempts: string[];
  /** What reached `onError`. */
  errors: unknown[];
}

/** Options of {@link record}. */
export interface RecordOptions {
  store?: EventStore | undefined;
  /** Makes the handler throw for an event (it is then retried). */
  fail?: (event: ConversationEvent) => boolean;
  /** How long the handler works on each event, so concurrent copies overlap. */
  workMs?: number;
  /** Shared list of everything handled (across subscriptions). */
  handled?: ConversationEvent[];
}

/** Subscribes `client` with a handler that records what it receives. */
export function record(client: ClientFor<typeof adapters>, options: RecordOptions = {}): Recorded {
  const handled = options.handled ?? [];
  const attempts: string[] = [];
  const errors: unknown[] = [];
  const subscription = client.events.subscribe(
    async (event) => {
      attempts.push(event.id);
      if (options.workMs !== undefined) await pause(options.workMs);
      if (options.fail?.(event)) throw new Error(`handler failed on ${event.id}`);
      handled.push(event);
    },
    { store: options.store, pollIntervalMs: 100, onError: (error) => errors.push(error) },
  );
  return { subscription, handled, attempts, errors };
}

/** A loopback `node:http` server whose requests go to `route` (replaceable per test). */
export interface WebhookServer {
  /** `http://127.0.0.1:<port>/webhooks`. */
  url: string;
  route: FetchHandler;
  close(): Promise<void>;
}

/** Starts a {@link WebhookServer} that answers 404 until a route is set. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const server: WebhookServer = {
    url: '',
    route: async () => new Response(null, { status: 404 }),
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
  const http = createServer(toNodeListener((request) => server.route(request)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/webhooks`;
  return server;
}

/** Registers an emulator webhook for every trigger it emulates; returns its id. */
export function registerWebhook(emulator: Emulator, target: string, secret = SECRET): string {
  return emulator.addWebhook({ target, secret, triggers: [...EMULATED_WEBHOOK_TRIGGERS] }).id;
}

/**
 * Resolves once an UltraCart subscription started after `from` (an index into `emulator.requests`)
 * has positioned itself at "now": its second conversation-list request is the first poll, sent
 * after the start's checkpoint was stored. Activity before this would count as history.
 */
export function positioned(emulator: Emulator, from: number): Promise<void> {
  return until(
    () =>
      emulator.requests
        .slice(from)
        .filter((r) => r.method === 'GET' && /\/conversation\/conversations$/.test(r.path)).length >= 2,
  );
}

/** What the tests compare across providers: type, conversation and, for messages, the text. */
export function summary(event: ConversationEvent): string {
  if (event.type === 'message.created') return `${event.type} ${event.conversationId} ${event.message.text}`;
  return `${event.type} ${event.conversationId ?? '-'}`;
}

/** Waits `ms`. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (checked every 10 ms), failing after `ms`. */
export async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await pause(10);
  }
}
