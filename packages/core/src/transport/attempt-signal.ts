/**
 * The end of one attempt: its deadline or the caller's abort, whichever comes first. The Node
 * sender listens to this rather than to an `AbortSignal`: on Node 20 an `AbortController` per
 * attempt and a listener on its signal measured about 10 µs of CPU a request in a listing, as much
 * as joining its URL and headers (bench/README.md). What needs a real signal (fetch, a wait on the
 * budget) gets one from {@link toAbortSignal}.
 */
export class AttemptSignal {
  #aborted = false;
  #reason: unknown;
  #listeners: (() => void)[] = [];
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  /** What {@link abort} was given; undefined until then. */
  get reason(): unknown {
    return this.#reason;
  }

  /** Ends the attempt: the first call's reason stays, later calls do nothing. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
    this.#controller?.abort(reason);
  }

  /**
   * Calls `listener` once, when the attempt ends (never if it already has, like an `AbortSignal`'s
   * listener); the returned function stops listening.
   */
  onAbort(listener: () => void): () => void {
    if (!this.#aborted) this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  /** Throws the reason once the attempt has ended. */
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /** The same end as an `AbortSignal`, made on the first call. */
  toAbortSignal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }
}
