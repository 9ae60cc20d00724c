import type { ConversationEvent } from './conversation-event.js';
import type { EventStore } from './event-store.js';

/** A fetch-style request handler: what `subscription.webhook` is, mountable in any fetch server. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Receives each event once. Throwing (or rejecting) leaves the event undone, so it is delivered
 * again: by the provider's retry for push, from the checkpoint for pull.
 */
export type EventHandler = (event: ConversationEvent) => void | Promise<void>;

/** Options of `client.events.subscribe`. */
export interface SubscribeOptions {
  /**
   * What the processes sharing these events keep in common (handled events, the poll checkpoint,
   * the poller lease). Default: a memory store, for one process.
   */
  store?: EventStore | undefined;
  /** Stops the subscription, like `close()`. */
  signal?: AbortSignal | undefined;
  /**
   * Pull providers: the shortest time between two polls, in milliseconds. The poller never polls
   * faster than its share of the request budget, whatever this asks. Default 5000.
   */
  pollIntervalMs?: number | undefined;
  /** Called with a failure the subscription recovered from (a poll that failed, a handler that threw). */
  onError?: ((error: unknown) => void) | undefined;
}

/** A running subscription. */
export interface EventSubscription {
  /**
   * Push providers (Sunshine): mount this at the webhook URL the provider calls (on `node:http`,
   * through `toNodeListener`). It verifies, parses, and hands each event to the handler once. Pull
   * providers answer 404 here.
   */
  readonly webhook: FetchHandler;
  /** Stops polling, gives up the poller lease, and waits until the subscription is idle. */
  close(): Promise<void>;
}

/** What a provider's `subscribe` gets from the client. */
export interface ProviderSubscribeOptions {
  /** Hands one event to the app's handler once across every process sharing the store; rejects when the handler failed. */
  deliver(event: ConversationEvent): Promise<void>;
  store: EventStore;
  /** This subscription's id: the owner of its claims and leases. */
  owner: string;
  /** Aborts when the subscription closes. */
  signal: AbortSignal;
  pollIntervalMs: number;
  onError(error: unknown): void;
}

/** What a provider's `subscribe` returns. */
export interface ProviderSubscription {
  /** Push providers: the webhook handler. */
  webhook?: FetchHandler | undefined;
  /** Pull providers: settles once polling stopped after the signal aborted. */
  done?: Promise<void> | undefined;
}
