import { ConversationError } from '../errors/conversation-error.js';

/** The ConversationError `run` throws or rejects with; anything else (or nothing) fails the test. */
export async function failure(run: PromiseLike<unknown> | (() => unknown)): Promise<ConversationError> {
  let error: unknown;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (caught) {
    error = caught;
  }
  if (!ConversationError.isInstance(error))
    throw new Error(`expected ConversationError, got ${String(error)}`);
  return error;
}
