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

/** An answer whose body has not been read yet. */
export interface SenderResponse {
  status: number;
  /** Headers as received; without `content-encoding`/`content-length` once the sender decoded the body. */
  readonly headers: Headers;
  /**
   * One header of {@link headers} by its lower-case name (a repeated one joined by `, `), or null. What the pipeline reads
   * of every answer goes through this: the Node sender builds `headers` only when something reads
   * them, since a WHATWG `Headers` per answer costs about as much as the rest of reading it.
   */
  header(name: string): string | null;
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
