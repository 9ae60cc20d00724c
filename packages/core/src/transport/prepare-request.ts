import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext } from '../errors/error-factories.js';

/** A query as the transport takes it. */
export type QueryInit = URLSearchParams | Record<string, string | number | boolean | undefined>;

/** A request body encoded once, so every attempt (and both senders) send the same bytes. */
export interface EncodedBody {
  bytes: Uint8Array<ArrayBuffer> | undefined;
  /** The content type the encoding implies (a multipart boundary, a Blob's type), if any. */
  contentType?: string | undefined;
}

// What node:http accepts in a header value (and fetch a subset of): tab, visible ASCII, obs-text.
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/** `path` without its leading slash, to append to the base URL. */
export function stripSlash(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path;
}

/** A query without its undefined values. */
export function toSearchParams(query: QueryInit): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.append(key, String(value));
  return params;
}

/**
 * The bytes of a body: strings as UTF-8; FormData, Blob, URLSearchParams and streams encoded the
 * way fetch would (a Response does it, multipart boundary included). Bodies are buffered: the
 * providers' uploads are bounded, and a buffered body can be sent again on a retry.
 */
export function encodeBody(body: BodyInit | undefined, json: unknown): EncodedBody | Promise<EncodedBody> {
  if (json !== undefined)
    return { bytes: new TextEncoder().encode(JSON.stringify(json)), contentType: 'application/json' };
  if (body === undefined || body === null) return { bytes: undefined };
  if (typeof body === 'string') return { bytes: new TextEncoder().encode(body) };
  // Bytes are sent as they are, not copied: an upload can be tens of megabytes. Only a view on
  // another kind of buffer (a SharedArrayBuffer) is copied, since no sender takes one.
  if (body instanceof Uint8Array)
    return {
      bytes: body.buffer instanceof ArrayBuffer ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body),
    };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  const encoded = new Response(body);
  const contentType = encoded.headers.get('content-type') ?? undefined;
  return encoded.arrayBuffer().then((buffer) => ({ bytes: new Uint8Array(buffer), contentType }));
}

/** Request headers as the pipeline builds them: lower-case names, values HTTP can carry. */
export type HeaderRecord = Record<string, string>;

/**
 * Sets a header after checking its value is one HTTP can carry, so a bad value is refused with a
 * message that names the header and never the value (`Headers` and `node:http` both echo it). The
 * name is stored lower-cased and the value without outer tabs and spaces, as `Headers` does: a
 * plain record is what `node:http` takes, and a WHATWG `Headers` per request cost more than the
 * rest of the request's preparation (bench/README.md).
 */
export function setHeader(
  headers: HeaderRecord,
  name: string,
  value: string,
  context: ErrorContext,
  kind: 'credential' | 'input',
): void {
  if (!headerValue.test(value))
    throw new ConversationError({
      code: kind === 'credential' ? 'invalid_config' : 'invalid_request',
      message:
        kind === 'credential'
          ? `The ${context.provider ?? 'provider'} credential sent as ${name} holds a character no HTTP header can carry; check the configured credentials`
          : `The ${name} header of ${context.operation ?? 'the request'} holds a character no HTTP header can carry`,
      ...context,
    });
  headers[name.toLowerCase()] = value.replace(/^[\t ]+|[\t ]+$/g, '');
}

/**
 * Moves the headers an adapter's `authenticate` returned onto `headers` through {@link setHeader}:
 * a credential no header can carry is an `invalid_config` error naming the header, never the value.
 */
export function applyCredentials(
  headers: HeaderRecord,
  authenticate: () => Record<string, string> | Promise<Record<string, string>>,
  context: ErrorContext,
): void | Promise<void> {
  const apply = (credentials: Record<string, string>) => {
    for (const name of Object.keys(credentials))
      setHeader(headers, name, credentials[name] ?? '', context, 'credential');
  };
  const credentials = authenticate();
  // Most adapters know their credentials up front: no await, no extra turn of the event loop.
  return credentials instanceof Promise ? credentials.then(apply) : apply(credentials);
}
