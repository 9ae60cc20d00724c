import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Which side of the emulator answered a request. */
export type ProviderName = 'ultracart' | 'sunshine' | 'uploads' | 'emulator';

/** A JSON object as the stores build it for the wire. */
export type Json = Record<string, unknown>;

/** A parsed request as the route handlers see it. */
export interface RequestContext {
  readonly method: string;
  /** The full path, decoded per segment by the routers. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** `http://127.0.0.1:port`, for URLs the emulator hands out. */
  readonly origin: string;
}

/** What a handler answers; `body` is JSON unless it is a Buffer. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Thrown by handlers; each provider turns it into its own error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A header's single value (first one when repeated). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads a request body, or gives `undefined` once it is (or declares itself) over `limit` bytes.
 * Past the limit it keeps nothing and discards the rest as it arrives; it never touches the
 * connection, since the client is still owed an answer (see {@link closeAfterAnswer}).
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): void => {
      req.off('data', onData);
      chunks.length = 0;
      // Flowing without a listener discards: the client can finish sending, then read the answer.
      req.resume();
      resolve(undefined);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    };
    req.once('error', reject);
    // No need to wait for bytes that the declared length already rules out.
    if (Number(header(req.headers, 'content-length')) > limit) return tooLarge();
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Waits until the client has sent its whole request (or went away), at most `maxWaitMs`, so a
 * connection closed after the answer holds no unread bytes: closing with unread bytes resets the
 * connection, and the client loses the answer it has not read yet.
 */
export function requestSent(req: IncomingMessage, maxWaitMs: number): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      req.off('end', done);
      req.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    req.once('end', done);
    req.once('close', done);
  });
}

/**
 * Makes the answer the connection's last (`connection: close`) and closes the connection once it
 * has gone out, for a request whose body was not taken (the rest of a too-large body).
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  res.setHeader('connection', 'close');
  res.once('finish', () => socket.destroy());
}

/** Parses a JSON body; an empty body is `undefined`, bad JSON is a 400. */
function jsonBody(ctx: RequestContext): unknown {
  if (ctx.body.length === 0) return undefined;
  try {
    return JSON.parse(ctx.body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad_request', 'Request body is not valid JSON');
  }
}

/** A plain JSON object, else a 400. */
export function objectBody(ctx: RequestContext, required: boolean): Record<string, unknown> {
  const body = jsonBody(ctx);
  if (body === undefined && !required) return {};
  if (!isRecord(body)) throw new HttpError(400, 'bad_request', 'Request body must be a JSON object');
  return body;
}

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field or undefined; any other type is a 400. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', `${key} must be a string`);
  return value;
}

/** A query parameter parsed as a non-negative integer, else a 400. */
export function intQuery(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new HttpError(400, 'bad_request', `${name} must be a non-negative integer`);
  return Number(raw);
}

/** A route: method, path pattern with named groups, handler. */
export interface Route<C> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (ctx: C, params: Record<string, string>) => Reply;
}

/** A route for a path template: each `{name}` matches one segment, passed to `handle` as `params.name`. */
export function route<C>(method: string, template: string, handle: Route<C>['handle']): Route<C> {
  return { method, pattern: new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`), handle };
}

/** Finds the route for a method and path; `methodMismatch` tells 405 from 404. */
export function matchRoute<C>(
  routes: readonly Route<C>[],
  method: string,
  path: string,
): { route: Route<C>; params: Record<string, string> } | { route: undefined; methodMismatch: boolean } {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(m.groups ?? {})) {
      try {
        params[key] = decodeURIComponent(value);
      } catch {
        params[key] = value;
      }
    }
    return { route, params };
  }
  return { route: undefined, methodMismatch };
}
