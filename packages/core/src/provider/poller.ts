import type { ConversationEvent } from '../events/conversation-event.js';
import type { ProviderSubscribeOptions } from '../events/event-subscription.js';
import type { RequestBudget } from '../transport/request-budget.js';
import { sleep as defaultSleep } from '../transport/retry-policy.js';

/** One poll's outcome. */
export interface PollResult<TCheckpoint> {
  /** New events, oldest first within each conversation. */
  events: ConversationEvent[];
  /** Where the next poll starts once every event was handled. */
  checkpoint: TCheckpoint;
  /** Requests the poll sent: what it spent of the budget. */
  requests: number;
}

/** Options of {@link runPoller}. */
export interface PollerOptions<TCheckpoint> {
  /** What the client handed the provider's `subscribe`. */
  subscription: ProviderSubscribeOptions;
  /** The provider account polled (no secret in it): its lease and checkpoint are keyed by it. */
  account: string;
  /**
   * The checkpoint of "now", for a store that has none (a new subscription replays no history), and
   * the requests it took to find it.
   */
  start(signal: AbortSignal): Promise<{ checkpoint: TCheckpoint; requests: number }>;
  /** Polls once from `checkpoint`. */
  poll(checkpoint: TCheckpoint, signal: AbortSignal): Promise<PollResult<TCheckpoint>>;
  /** The client's request budget: the poller spends at most `budgetShare` of its steady rate. */
  budget?: RequestBudget | undefined;
  /** Share of the budget's steady rate the poller may use; default 0.5, so the app keeps the rest. */
  budgetShare?: number;
  /** Longest wait between polls while idle; default 60 s. */
  maxIntervalMs?: number;
  /** How long the lease holds without renewal: the takeover time when a poller dies. Default 30 s. */
  leaseTtlMs?: number;
  /** How long a checkpoint is kept in the store; default 30 days. */
  checkpointTtlMs?: number;
  /** Waits; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Runs a pull subscription until its signal aborts: one process per provider account polls (a lease
 * in the store; another takes over within `leaseTtlMs` when it dies), from the store's checkpoint
 * (or from now), handing each event to `deliver` in order, saving the checkpoint only once every
 * event of a poll was handled (a failure re-polls and the store skips what was already done). It
 * polls every `pollIntervalMs` while there is activity and backs off to `maxIntervalMs` when idle
 * or failing. After each poll it waits at least as long as that poll's requests take at its share
 * of the budget's steady rate, so over time it spends no more than that share (any hour at most one
 * poll's requests more).
 *
 * @example
 * ```ts
 * subscribe: (subscription) => ({
 *   done: runPoller({ subscription, account: 'acme:acct_1', start, poll, budget }),
 * }),
 * ```
 */
export async function runPoller<TCheckpoint>(options: PollerOptions<TCheckpoint>): Promise<void> {
  // The loop loads with the first subscription (poll-loop.ts says why it is apart).
  const { pollLoop } = await import('./poll-loop.js');
  return pollLoop({ ...options, sleep: options.sleep ?? defaultSleep });
}
