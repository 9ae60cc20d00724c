import type { ProviderErrorDetails } from '../errors/error-factories.js';
import type { QueryInit } from './prepare-request.js';
import type { RequestBudget } from './request-budget.js';
import type { RetryOptions } from './retry-policy.js';
import type { TransportHooks } from './transport-hooks.js';

/** HTTP methods the providers use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** A provider's error answer, handed to `parseError`. */
export interface ErrorResponseInfo {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

/** Default of `maxResponseBytes`: 32 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** How to build a provider's transport. */
export interface TransportOptions {
  /** Adapter name, used in errors and hooks. */
  provider: string;
  /** Base URL every relative `path` is resolved against; credentials go only to its origin. */
  baseUrl: string;
  /**
   * The headers that carry credentials, for a request bound for `baseUrl`'s origin (called per
   * attempt, so a short-lived token can be renewed). A value no header can carry is refused as
   * `invalid_config` naming the header.
   */
  authenticate?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Credential values to scrub from any text that reaches an error, a cause or a hook. */
  secrets?: readonly string[];
  /** Headers sent with every request to `baseUrl` (for example an API version). */
  headers?: Record<string, string>;
  /** Deadline of each attempt, connection, headers and whole body; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Largest answer read, counted after decompression; default 32 MiB. */
  maxResponseBytes?: number;
  /** At most this many requests in flight at once (UltraCart: 1). Default unlimited. */
  concurrency?: number;
  /** A request budget every request to `baseUrl`'s origin spends (see `createRequestBudget`). */
  budget?: RequestBudget | undefined;
  /** A custom fetch: requests then go through ky on it instead of the runtime's default sender. */
  fetch?: typeof globalThis.fetch | undefined;
  hooks?: TransportHooks | undefined;
  /** Extracts the provider's code, message and request id from an error answer. */
  parseError?: (response: ErrorResponseInfo) => ProviderErrorDetails;
  /**
   * Reads a 2xx answer of the provider's own API that says it failed (UltraCart `success: false`):
   * its details make the call fail with `provider_error`; undefined lets it succeed.
   */
  parseFailure?: (response: ErrorResponseInfo) => ProviderErrorDetails | undefined;
  /** Backoff waits; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); injectable for tests. */
  random?: () => number;
}

/** One HTTP exchange. Exactly one of `path` (relative to the base URL) or `url` (absolute). */
export interface TransportRequest {
  /** Operation name for errors and hooks, e.g. `getConversation`. */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL; each segment must already be encoded (see `encodePathSegment`). */
  path?: string;
  /** Absolute URL of another host (a presigned upload): it gets no credentials nor default headers. */
  url?: string;
  query?: QueryInit;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Whether repeating the request is harmless; defaults from the method (PUT is, POST is not). */
  idempotent?: boolean;
  /** Overrides the transport's `maxResponseBytes` for this request (a large history, say). */
  maxResponseBytes?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A successful answer. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text for a non-JSON body, or undefined for an empty one. */
  data: unknown;
}

/** Sends requests for one provider client. */
export interface Transport {
  readonly provider: string;
  /** The request budget every request spends, when the transport has one (a poller paces by it). */
  readonly budget?: RequestBudget | undefined;
  request(request: TransportRequest): Promise<TransportResponse>;
}
