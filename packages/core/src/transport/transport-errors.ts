import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext, ProviderErrorDetails } from '../errors/error-factories.js';

/** Redirects followed for one read before it fails. */
export const MAX_REDIRECTS = 5;

/** Marks the deadline's abort, to tell it from the caller's. */
export class DeadlineReached extends Error {
  override name = 'TimeoutError';
}

/** A 2xx whose body says the call failed. */
export function reportedFailure(
  status: number,
  context: ErrorContext,
  details: ProviderErrorDetails,
): ConversationError {
  const said = details.providerMessage === undefined ? '' : `: ${details.providerMessage}`;
  return new ConversationError({
    code: 'provider_error',
    message: `${context.provider} reported a failure on ${context.operation} (HTTP ${status})${said}`,
    ...context,
    status,
    ...details,
  });
}

/** A redirect the transport will not follow, naming where it pointed so a wrong base URL is fixed once. */
export function redirectError(
  status: number,
  target: URL,
  context: ErrorContext,
  tooMany: boolean,
): ConversationError {
  const where = `${target.origin}${target.pathname}`;
  const message = tooMany
    ? `${context.provider} redirected ${context.operation} more than ${MAX_REDIRECTS} times (last to ${where})`
    : `${context.provider} answered ${status} to ${where} for ${context.operation}; only reads are redirected, and only on the same origin: if that is the right host, set baseUrl to it`;
  return new ConversationError({ code: 'provider_error', message, ...context, status });
}

/** An answer over `maxResponseBytes`, naming the limit and where to raise it. */
export function tooLargeError(limit: number, context: ErrorContext): ConversationError {
  return new ConversationError({
    code: 'invalid_response',
    message: `${context.provider} answered ${context.operation} with more than ${limit} bytes (maxResponseBytes); raise maxResponseBytes, for the client or for this call, if such answers are expected`,
    ...context,
  });
}
