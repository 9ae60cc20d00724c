// runPoller's loop, loaded with the first subscription: most apps never subscribe. It imports
// nothing at run time, because code shared with the modules every app loads would make a
// code-splitting bundler move that code into one more file every app loads (bench/README.md,
// History: round 7). The caller passes `sleep` for the same reason.
import type { PollerOptions } from './poller.js';

/** `runPoller`'s loop, with its `sleep` resolved by the caller. */
export async function pollLoop<TCheckpoint>(
  options: PollerOptions<TCheckpoint> & Required<Pick<PollerOptions<TCheckpoint>, 'sleep'>>,
): Promise<void> {
  const { subscription, account } = options;
  const { store, owner, signal } = subscription;
  const wait = options.sleep;
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
        interval =
          result.events.length > 0 ? subscription.pollIntervalMs : Math.min(maxIntervalMs, interval * 2);
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
