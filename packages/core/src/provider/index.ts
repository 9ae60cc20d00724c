// @parley/core/provider: the toolkit an adapter is written from. Every adapter has the same
// skeleton (adapter, config, transport, api, wire/, map/, paging, provider) built on these.
export {
  decodeBase64,
  decodeBase64Text,
  decodeBase64Url,
  decodeBase64UrlText,
  encodeBase64,
  encodeBase64Url,
} from '../encoding/base64.js';
export {
  abortError,
  codeForStatus,
  type ErrorContext,
  httpError,
  invalidRequest,
  invalidResponse,
  invalidResponseAt,
  issueMessage,
  issuePath,
  type ProviderErrorDetails,
  unsupportedError,
} from '../errors/error-factories.js';
export { CLAIM_TTL_MS, DONE_TTL_MS, deliverOnce } from '../events/deliver-once.js';
export type { ProviderSubscribeOptions, ProviderSubscription } from '../events/event-subscription.js';
export { type CursorPayload, decodeCursor, encodeCursor } from '../paging/cursor.js';
export { createTransport } from '../transport/create-transport.js';
export { encodePathSegment, pathSegmentProblem } from '../transport/path-segment.js';
export type { QueryInit } from '../transport/prepare-request.js';
export { scrub } from '../transport/redact.js';
export {
  type BudgetTakeOptions,
  createRequestBudget,
  type RequestBudget,
  type RequestBudgetLimits,
} from '../transport/request-budget.js';
export type { RetryOptions } from '../transport/retry-policy.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  type ErrorResponseInfo,
  type HttpMethod,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from '../transport/transport-types.js';
export { capabilitiesOf, capabilityMethods } from '../types/capability.js';
export { credentialSchema, mediaTypeProblem } from '../validation/header-values.js';
export { daysInMonth, isoUtc } from '../validation/iso-utc.js';
export { parseWire } from '../validation/parse-wire.js';
export { mediaTypeFromName } from './media-types.js';
export { type PollerOptions, type PollResult, runPoller } from './poller.js';
export { checkContentType, readUpload, uploadExtension } from './upload.js';
export type {
  AdapterEnv,
  ClientSettings,
  ConversationAdapterV1,
  CreateProviderOptions,
} from './v1/adapter-definition-v1.js';
export type {
  ConversationProviderV1,
  ProviderCallOptions,
  ProviderListConversationsParams,
  ProviderListMessagesParams,
  ProviderPage,
} from './v1/conversation-provider-v1.js';
