import type * as v from 'valibot';
import { scrub } from '../transport/redact.js';
import { ConversationError } from './conversation-error.js';
import type { ConversationErrorCode } from './error-code.js';

/** Where a failure happened, for the error's `provider` and `operation` fields. */
export interface ErrorContext {
  provider?: string | undefined;
  operation?: string | undefined;
}

/** What a provider's error body and headers said, extracted by its adapter. */
export interface ProviderErrorDetails {
  requestId?: string | undefined;
  providerCode?: string | undefined;
  providerMessage?: string | undefined;
  retryAfterMs?: number | undefined;
}

/**
 * The error code for an HTTP status: 400 → `invalid_request`, 401 → `unauthorized`, 403/410 →
 * `forbidden`, 404 → `not_found`, 408 → `timeout`, 409/423 → `conflict`, 429 → `rate_limited`,
 * 5xx → `unavailable`, anything else → `provider_error`.
 */
export function codeForStatus(status: number): ConversationErrorCode {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request';
    case 401:
      return 'unauthorized';
    case 403:
    case 410:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
    case 423:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'unavailable' : 'provider_error';
  }
}

/**
 * An error for a non-2xx HTTP answer, with the code and `retryable` its status implies.
 *
 * @example
 * ```ts
 * httpError(429, { provider: 'sunshine', operation: 'messages.send' }, { retryAfterMs: 2000 });
 * // → ConversationError { code: 'rate_limited', retryable: true, retryAfterMs: 2000, status: 429 }
 * ```
 */
export function httpError(
  status: number,
  context: ErrorContext,
  details: ProviderErrorDetails = {},
): ConversationError {
  const code = codeForStatus(status);
  const where = context.operation === undefined ? '' : ` on ${context.operation}`;
  const said = details.providerMessage === undefined ? '' : `: ${details.providerMessage}`;
  return new ConversationError({
    code,
    message: `${context.provider ?? 'provider'} answered HTTP ${status}${where}${said}`,
    ...context,
    status,
    ...details,
  });
}

/**
 * A copy of a low-level failure that keeps what explains it (class, name, message, stack, errno
 * fields, the cause chain) and drops everything else: ky's TimeoutError carries the Request, whose
 * headers hold the credentials, and `error.cause` is as visible as any other property. Every secret
 * is scrubbed from each message and stack of the chain.
 */
function safeCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(cause instanceof Error))
    return typeof cause === 'object' && cause !== null
      ? undefined
      : typeof cause === 'string'
        ? scrub(cause, secrets)
        : cause;
  const copy = new Error(scrub(cause.message, secrets));
  Object.setPrototypeOf(copy, Object.getPrototypeOf(cause));
  copy.name = cause.name;
  copy.stack = scrub(cause.stack ?? '', secrets);
  for (const key of ['code', 'errno', 'syscall'] as const) {
    const value = (cause as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') Object.assign(copy, { [key]: value });
  }
  if (cause.cause !== undefined && depth < 4) copy.cause = safeCause(cause.cause, secrets, depth + 1);
  return copy;
}

/** An error for a request that got no answer within `timeoutMs`; `secrets` are scrubbed from the cause. */
export function timeoutError(
  timeoutMs: number,
  context: ErrorContext,
  cause?: unknown,
  secrets: readonly string[] = [],
): ConversationError {
  return new ConversationError({
    code: 'timeout',
    message: `${context.provider ?? 'provider'} did not answer ${context.operation ?? 'the request'} within ${timeoutMs} ms`,
    ...context,
    cause: safeCause(cause, secrets),
  });
}

/** An error for a connection that failed (DNS, refused, reset); `secrets` are scrubbed from the cause. */
export function networkError(
  context: ErrorContext,
  cause?: unknown,
  secrets: readonly string[] = [],
): ConversationError {
  const reason = networkErrorCode(cause);
  return new ConversationError({
    code: 'network',
    message: `Could not reach ${context.provider ?? 'the provider'} for ${context.operation ?? 'the request'}${reason === undefined ? '' : ` (${reason})`}`,
    ...context,
    cause: safeCause(cause, secrets),
  });
}

/** An error for a call the caller's `AbortSignal` cancelled. */
export function abortError(context: ErrorContext, cause?: unknown): ConversationError {
  return new ConversationError({
    code: 'aborted',
    message: `${context.operation ?? 'The request'} was aborted by the caller`,
    ...context,
    retryable: false,
    cause,
  });
}

/** An error for input refused before anything was sent. `field` names the bad input. */
export function invalidRequest(
  field: string,
  problem: string,
  context: ErrorContext = {},
): ConversationError {
  return new ConversationError({ code: 'invalid_request', message: `${field} ${problem}`, ...context });
}

/** An error for a call the provider cannot make; nothing was sent. */
export function unsupportedError(provider: string, operation: string): ConversationError {
  return new ConversationError({
    code: 'unsupported',
    message: `${provider} does not support ${operation}; check client.supports('${operation}') first`,
    provider,
    operation,
  });
}

/**
 * The dotted path of a valibot issue, e.g. `conversation.participants[0].joined_dts`, below
 * `prefix` when given; `(root)` for an issue about the whole value.
 */
export function issuePath(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path === '' ? '(root)' : path;
}

/** A valibot message without its "but received …" tail, which may echo a secret. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  return issue.message.replace(/,? ?but received .*$/is, '').trim();
}

/** An error for a provider answer that does not match its schema, naming the first bad field. */
export function invalidResponse(
  issues: readonly v.BaseIssue<unknown>[],
  context: ErrorContext,
): ConversationError {
  const first = issues[0];
  const detail = first === undefined ? 'unexpected shape' : `${issuePath(first)}: ${issueMessage(first)}`;
  return new ConversationError({
    code: 'invalid_response',
    message:
      `${context.provider ?? 'provider'} sent an unexpected ${context.operation ?? ''} response at ${detail}`.replace(
        '  ',
        ' ',
      ),
    ...context,
  });
}

/**
 * An error for a provider answer whose field at `path` breaks what the adapter reads, worded like
 * {@link invalidResponse}: for checks written by hand on a hot path.
 *
 * @example
 * ```ts
 * throw invalidResponseAt('conversation.messages[3].message_dts', 'must be an ISO-8601 timestamp', context);
 * ```
 */
export function invalidResponseAt(path: string, problem: string, context: ErrorContext): ConversationError {
  return new ConversationError({
    code: 'invalid_response',
    message:
      `${context.provider ?? 'provider'} sent an unexpected ${context.operation ?? ''} response at ${path}: ${problem}`.replace(
        '  ',
        ' ',
      ),
    ...context,
  });
}

/** The errno-style code (`ECONNREFUSED`, `ECONNRESET`, …) inside a fetch failure, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
