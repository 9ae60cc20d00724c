/**
 * Every way a Parley call can fail. Stable: switch on it instead of parsing messages.
 *
 * | code | meaning |
 * |---|---|
 * | `invalid_config` | the configuration is missing a field or has a bad one |
 * | `invalid_request` | the call's input was refused before sending, or the provider answered 400 |
 * | `unauthorized` | 401: credentials missing, wrong or expired |
 * | `forbidden` | 403, or 410 (UltraCart: application disabled) |
 * | `not_found` | 404 |
 * | `conflict` | 409 or 423 |
 * | `rate_limited` | 429 (retryable) |
 * | `unavailable` | 5xx (retryable) |
 * | `timeout` | no answer within `timeoutMs` |
 * | `network` | the connection failed (DNS, refused, reset) |
 * | `invalid_response` | the provider's answer does not match its documented shape |
 * | `unsupported` | the provider cannot do this; nothing was sent |
 * | `aborted` | the caller's `AbortSignal` fired |
 * | `provider_error` | the provider said it failed in a 2xx body, or misbehaved (repeated cursor) |
 */
export type ConversationErrorCode =
  | 'invalid_config'
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'invalid_response'
  | 'unsupported'
  | 'aborted'
  | 'provider_error';

/** All error codes, in documentation order. */
export const conversationErrorCodes: readonly ConversationErrorCode[] = [
  'invalid_config',
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'timeout',
  'network',
  'invalid_response',
  'unsupported',
  'aborted',
  'provider_error',
];
