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
 * or failing, and never spends more than its share of the budget's steady rate.
 *
 * @example
 * ```ts
 * subscribe: (subscription) => ({
 *   done: runPoller({ subscription, account: 'acme:acct_1', start, poll, budget }),
 * }),
 * ```
 */
export async function runPoller<TCheckpoint>(options: PollerOptions<TCheckpoint>): Promise<void> {
  const { subscription, account } = options;
  const { store, owner, signal } = subscription;
  const wait = options.sleep ?? defaultSleep;
  const leaseTtlMs = options.leaseTtlMs ?? 30_000;
  const maxIntervalMs = Math.max(options.maxIntervalMs ?? 60_000, subscription.pollIntervalMs);
  const checkpointTtlMs = options.checkpointTtlMs ?? 30 * 24 * 60 * 60_000;
  const shareRatePerMs =
    options.budget === undefined ? undefined : options.budget.steadyRatePerMs * (options.budgetShare ?? 0.5);
  const leaseKey = `${account}:poller`;
  const checkpointKey = `${account}:checkpoint`;
  let interval = subscription.pollIntervalMs;

  /** Sleeps `ms`, renewing the lease on the way; false when the lease was lost (or aborted). */
  const pause = async (ms: number, holding: boolean): Promise<boolean> => {
    let left = ms;
    while (left > 0) {
      const step = holding ? Math.min(left, leaseTtlMs / 3) : left;
      await wait(step, signal);
      left -= step;
      if (holding && !(await store.acquireLease(leaseKey, owner, leaseTtlMs))) return false;
    }
    return true;
  };

  try {
    while (!signal.aborted) {
      let holding: boolean;
      try {
        holding = await store.acquireLease(leaseKey, owner, leaseTtlMs);
      } catch (error) {
        subscription.onError(error);
        await pause(Math.min(maxIntervalMs, leaseTtlMs), false);
        continue;
      }
      // Standby: another process polls this account; try again before its lease could expire.
      if (!holding) {
        await pause(leaseTtlMs / 3, false);
        continue;
      }
      let requests = 0;
      let active = false;
      try {
        const saved = await store.getCheckpoint(checkpointKey);
        let checkpoint: TCheckpoint;
        if (saved === undefined) {
          const started = await options.start(signal);
          checkpoint = started.checkpoint;
          requests += started.requests;
          await store.setCheckpoint(checkpointKey, JSON.stringify(checkpoint), checkpointTtlMs);
        } else checkpoint = JSON.parse(saved) as TCheckpoint;
        const result = await options.poll(checkpoint, signal);
        requests += result.requests;
        for (const event of result.events) await subscription.deliver(event);
        await store.setCheckpoint(checkpointKey, JSON.stringify(result.checkpoint), checkpointTtlMs);
        active = result.events.length > 0;
        interval = active ? subscription.pollIntervalMs : Math.min(maxIntervalMs, interval * 2);
      } catch (error) {
        if (signal.aborted) break;
        subscription.onError(error);
        interval = Math.min(maxIntervalMs, Math.max(interval, subscription.pollIntervalMs) * 2);
      }
      // Never faster than the budget share: this poll's requests, spread at that rate.
      const paced = shareRatePerMs === undefined ? 0 : Math.max(1, requests) / shareRatePerMs;
      if (!(await pause(Math.max(interval, paced), true))) continue;
    }
  } catch (error) {
    // An abort while waiting is how the subscription ends.
    if (!signal.aborted) throw error;
  } finally {
    await store.releaseLease(leaseKey, owner).catch(() => {});
  }
}
