// What the modules that load on first use (deferred.ts) throw for a refused input. They import no
// core code at run time, or a code-splitting bundler would move that code into one more file every
// app loads; so they cannot build a ConversationError, and `deferredBody` (load-deferred.ts) turns a
// Refusal into `invalid_request` for the operation.

/** An input Sunshine refuses: the field and what is wrong with it, never its value. */
export class Refusal extends Error {
  override name = 'Refusal';
  readonly field: string;
  readonly problem: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
    this.problem = problem;
  }
}
