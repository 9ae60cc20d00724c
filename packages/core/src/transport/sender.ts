import type { AttemptSignal } from './attempt-signal.js';
import type { RequestUrl } from './request-url.js';

/**
 * One request as a {@link Sender} gets it: everything decided above it (URL, credentials, encoded
 * body). A sender only moves bytes.
 */
export interface SenderRequest {
  method: string;
  url: RequestUrl;
  /** Lower-case names; values already checked to be ones HTTP can carry. */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array<ArrayBuffer> | undefined;
  /** Aborts the exchange, the body included: the caller's signal joined with the attempt's deadline. */
  signal: AttemptSignal;
}

/** An answer's body, read once, chunk by chunk. */
export interface SenderBody {
  /**
   * Hands each chunk to `onChunk` until the end. Returning false stops reading at once and releases
   * the connection (the body is over its limit). Rejects with a `TypeError` like fetch's when the
   * connection fails, or with the signal's reason when it aborts.
   */
  read(onChunk: (chunk: Uint8Array) => boolean): Promise<void>;
}

/**
 * An answer's headers as received; without `content-encoding`/`content-length` once the sender
 * decoded the body. What the pipeline reads of every answer goes through {@link get}: the Node
 * sender builds a WHATWG `Headers` only when {@link all} is called, since one per answer costs about
 * as much as the rest of reading it.
 */
export interface AnswerHeaders {
  /** One header by its lower-case name (a repeated one joined by `, `, as `Headers` does), or null. */
  get(name: string): string | null;
  /** Every header, as a WHATWG `Headers`. */
  all(): Headers;
}

/** An answer whose body has not been read yet. */
export interface SenderResponse {
  status: number;
  headers: AnswerHeaders;
  /** The body, decompressed; undefined when there is none. */
  body: SenderBody | undefined;
  /** Stops reading and releases the connection (the body is not wanted, or is over its limit). */
  cancel(): void;
}

/**
 * The bottom of the transport pipeline: sends one request and hands back the answer's status,
 * headers and body stream. It follows no redirect and enforces no limit: every protection lives in
 * the pipeline above it, so each holds whichever sender runs. A network failure rejects with a
 * `TypeError` whose `cause` has the errno `code`, like `fetch`.
 */
export type Sender = (request: SenderRequest) => Promise<SenderResponse>;
