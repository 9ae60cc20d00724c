import { type ErrorContext, invalidRequest } from '../errors/error-factories.js';

// encodeURIComponent throws a URIError on these: a lone surrogate has no UTF-8 form.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `text` cannot be one URL path segment, or undefined when it can: empty, `.` or `..` (URL
 * parsers read even `%2E%2E` as a dot segment, which would climb to another endpoint), or not
 * well-formed Unicode.
 */
export function pathSegmentProblem(text: string): string | undefined {
  if (text === '') return 'must not be empty';
  if (text === '.' || text === '..') return "must not be '.' or '..'";
  if (loneSurrogate.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return undefined;
}

/**
 * `value` encoded as one URL path segment, so an id like `a/b?x` stays one segment. Refuses what
 * {@link pathSegmentProblem} names with `invalid_request` naming `field`.
 *
 * @example
 * ```ts
 * const path = `conversations/${encodePathSegment(id, 'conversationId', { provider: 'acme', operation: 'getConversation' })}`;
 * ```
 */
export function encodePathSegment(value: string | number, field = 'id', context: ErrorContext = {}): string {
  const text = String(value);
  const problem = pathSegmentProblem(text);
  if (problem !== undefined) throw invalidRequest(field, problem, context);
  return encodeURIComponent(text);
}
