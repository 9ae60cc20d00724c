// Emulated time for the poller benchmark: this process's clock runs `scale` times faster, so an
// emulated hour of polling passes in 3600 / scale real seconds. The poller, its request budget, its
// event store and the transport read `Date.now`, `performance.now` and `setTimeout` when they run,
// so replacing those globals (before any client is built) is enough; Node's own internals (sockets,
// keep-alive) keep real time. The emulator child runs its rate limiter at the same scale.

/** The real wall clock in epoch milliseconds (sub-millisecond), whatever the warp does. */
export const realNow: () => number = (() => {
  const origin = performance.timeOrigin;
  const now = performance.now.bind(performance);
  return () => origin + now();
})();

/**
 * Makes emulated time run `scale` times faster in this process: `Date.now()` and `performance.now()`
 * advance `scale` ms per real ms from the moment of the call, and `setTimeout`/`setInterval` delays
 * are divided by `scale`. `new Date()` without arguments keeps real time (Parley's poller path does
 * not read it). Returns the emulated clock.
 */
export function warpClock(scale: number): { now: () => number } {
  const dateNow = Date.now.bind(Date);
  const perfNow = performance.now.bind(performance);
  const { setTimeout: realSetTimeout, setInterval: realSetInterval } = globalThis;
  const startDate = dateNow();
  const startPerf = perfNow();
  // Real elapsed time is read from performance.now (monotonic, sub-millisecond) for both clocks.
  const emulatedElapsed = () => (perfNow() - startPerf) * scale;
  Date.now = () => Math.floor(startDate + emulatedElapsed());
  performance.now = () => startPerf + emulatedElapsed();
  const warpedSetTimeout = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realSetTimeout(handler, (ms ?? 0) / scale, ...args);
  const warpedSetInterval = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realSetInterval(handler, (ms ?? 0) / scale, ...args);
  globalThis.setTimeout = Object.assign(warpedSetTimeout, realSetTimeout) as typeof setTimeout;
  globalThis.setInterval = Object.assign(warpedSetInterval, realSetInterval) as typeof setInterval;
  return { now: () => startDate + emulatedElapsed() };
}
