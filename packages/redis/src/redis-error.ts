import { ConversationError } from '@parley/core';
import { scrub } from '@parley/core/provider';

/** What a failure message may name: the store operation and the secrets it must never show. */
export interface ErrorContext {
  /** The {@link EventStore} method, e.g. `claim`. */
  operation: string;
  /** Strings scrubbed from every message and cause: the URL, its password and user name. */
  secrets: readonly string[];
  /** The command timeout, named when a command ran out of it. */
  timeoutMs: number;
}

/** Errno codes of a failed connection, in words. */
const errnoWords: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EPIPE: 'connection closed',
};

/** Redis error replies that mean the credentials are missing or wrong: retrying will not help. */
const authReply = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR (invalid password|AUTH )/;

/**
 * The {@link ConversationError} for a failed store operation: `unauthorized` when Redis refused
 * the credentials, `unavailable` (retryable) for everything else (refused or lost connection,
 * timeout, an error reply). The message names redis and the operation; the cause is a scrubbed copy.
 */
export function storeError(error: unknown, context: ErrorContext): ConversationError {
  if (ConversationError.isInstance(error)) return error;
  const reply = errorReply(error);
  const unauthorized = reply !== undefined && authReply.test(reply);
  return new ConversationError({
    code: unauthorized ? 'unauthorized' : 'unavailable',
    message: scrub(
      `redis event store: ${context.operation} failed (${reason(error, context)})`,
      context.secrets,
    ),
    operation: `eventStore.${context.operation}`,
    cause: safeCause(error, context.secrets),
  });
}

/** A store used after `close()`: a programming error, so not retryable. */
export function closedError(operation: string): ConversationError {
  return new ConversationError({
    code: 'unavailable',
    message: `redis event store: ${operation} called after close()`,
    operation: `eventStore.${operation}`,
    retryable: false,
  });
}

/** An argument the store refuses before sending anything. */
export function invalidArgument(operation: string, problem: string): ConversationError {
  return new ConversationError({
    code: 'invalid_request',
    message: `redis event store: ${operation}: ${problem}`,
    operation: `eventStore.${operation}`,
  });
}

/** The first line of a Redis error reply (`WRONGTYPE Operation against a key …`), if it is one. */
function errorReply(error: unknown): string | undefined {
  return error instanceof Error && isA(error, 'ErrorReply') ? error.message.split('\n', 1)[0] : undefined;
}

/**
 * Whether a node-redis error is of class `name` (or a subclass). node-redis leaves `error.name`
 * at `Error`, and a client passed in may come from another copy of the library, so the class
 * names along the prototype chain decide, not `instanceof`.
 */
function isA(error: Error, name: string): boolean {
  for (let proto: unknown = Object.getPrototypeOf(error); proto !== null && proto !== Error.prototype; ) {
    if ((proto as { constructor?: { name?: unknown } }).constructor?.name === name) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

function reason(error: unknown, context: ErrorContext): string {
  if (!(error instanceof Error)) return 'unknown error';
  const errno = errnoOf(error);
  if (errno !== undefined) return errnoWords[errno] === undefined ? errno : `${errnoWords[errno]}, ${errno}`;
  if (isA(error, 'TimeoutError')) return `no answer within ${context.timeoutMs} ms`;
  if (isA(error, 'ConnectionTimeoutError')) return `could not connect within ${context.timeoutMs} ms`;
  if (isA(error, 'ClientClosedError')) return 'the client is closed';
  if (isA(error, 'ClientOfflineError')) return 'the client is offline, reconnecting';
  if (isA(error, 'SocketClosedUnexpectedlyError')) return 'the connection closed unexpectedly';
  return errorReply(error) ?? `${error.name}: ${error.message.split('\n', 1)[0]}`;
}

/** The errno code (`ECONNREFUSED`) of the error or of one of its causes. */
function errnoOf(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 4) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  return errnoOf(error.cause, depth + 1);
}

/**
 * A copy of `cause` that keeps what explains the failure (class, message, errno fields, nested
 * cause) and drops everything else, such as the options or socket a client error may carry;
 * `secrets` are scrubbed from each message and stack.
 */
function safeCause(cause: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const copy = new Error(scrub(cause.message, secrets));
  Object.setPrototypeOf(copy, Object.getPrototypeOf(cause));
  copy.name = cause.name;
  copy.stack = scrub(cause.stack ?? '', secrets);
  for (const key of ['code', 'errno', 'syscall', 'address', 'port'] as const) {
    const value = (cause as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') Object.assign(copy, { [key]: value });
  }
  if (cause.cause !== undefined && depth < 4) {
    const nested = safeCause(cause.cause, secrets, depth + 1);
    if (nested !== undefined) copy.cause = nested;
  }
  return copy;
}
