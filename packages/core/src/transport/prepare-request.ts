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

// What URLSearchParams leaves alone of what encodeURIComponent does: `!'()~`, and a space is a `+`.
const formUnsafe = /[!'()~]|%20/g;
const formUnsafeTest = /[!'()~]|%20/;
const formEscapes: Record<string, string> = {
  '!': '%21',
  "'": '%27',
  '(': '%28',
  ')': '%29',
  '~': '%7E',
  '%20': '+',
};

/**
 * A query as `URLSearchParams` serializes it (application/x-www-form-urlencoded), without its
 * undefined values. Written out by hand: a URLSearchParams per request was a measurable part of a
 * listing page's preparation.
 */
export function queryString(query: QueryInit): string {
  if (query instanceof URLSearchParams) return query.toString();
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    const pair = `${formEncode(key)}=${formEncode(String(value))}`;
    out = out === '' ? pair : `${out}&${pair}`;
  }
  return out;
}

function formEncode(text: string): string {
  try {
    const encoded = encodeURIComponent(text);
    return formUnsafeTest.test(encoded)
      ? encoded.replace(formUnsafe, (match) => formEscapes[match] ?? match)
      : encoded;
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD, where encodeURIComponent throws.
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
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

// A header name is an RFC 9110 token.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// `Headers` drops a value's leading and trailing tabs and spaces; node:http would send them.
const outerWhitespace = /^[\t ]+|[\t ]+$/g;

/**
 * Sets a header after checking its name and value are ones HTTP can carry, so a bad value is
 * refused with a message that names the header and never the value (`Headers` and `node:http` both
 * echo it). Names are stored lower-cased and values trimmed, as `Headers` does: a plain record is
 * what `node:http` takes, and building a WHATWG `Headers` per request cost more than the rest of
 * the request's preparation (bench/README.md).
 */
export function setHeader(
  headers: HeaderRecord,
  name: string,
  value: string,
  context: ErrorContext,
  kind: 'credential' | 'input' | 'default',
): void {
  if (!headerValue.test(value) || !headerName.test(name))
    throw new ConversationError({
      code: kind === 'input' ? 'invalid_request' : 'invalid_config',
      message:
        kind === 'credential'
          ? `The ${context.provider ?? 'provider'} credential sent as ${safeName(name)} holds a character no HTTP header can carry; check the configured credentials`
          : `The ${safeName(name)} ${kind === 'default' ? 'default header' : 'header'} of ${context.operation ?? 'the request'} holds a character no HTTP header can carry`,
      ...context,
    });
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  headers[name.toLowerCase()] =
    first === 9 || first === 32 || last === 9 || last === 32 ? value.replace(outerWhitespace, '') : value;
}

/** A header name fit for a message: a name that is not a token is not echoed. */
const safeName = (name: string) => (headerName.test(name) ? name : 'a header whose name is not a token');

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
