import type { IncomingMessage } from 'node:http';
import type { FaultKind } from './faults.js';
import { header, type ProviderName } from './http.js';

/** One logged request. Credentials in `headers` are redacted. */
export interface RequestLogEntry {
  readonly provider: ProviderName;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  /** Parsed JSON body, or `{ bytes, contentType }` for other bodies; absent when empty. */
  readonly body?: unknown;
  /** Status sent; 0 when the fault sent nothing (`timeout`, `reset`, …). */
  status: number;
  /** The status the request produced before an "after" fault replaced the answer. */
  appliedStatus?: number;
  fault?: FaultKind;
}

/**
 * The log entry of a request as it arrives (status 0 until an answer goes out). `body` is
 * `undefined` when it was too large to read, and is then left out like an empty one.
 */
export function logEntry(
  req: IncomingMessage,
  provider: ProviderName,
  method: string,
  url: URL,
  body: Buffer | undefined,
): RequestLogEntry {
  return {
    provider,
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: redact(req.headers),
    ...(body && body.length > 0 ? { body: logBody(req, body) } : {}),
    status: 0,
  };
}

function redact(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') out[name] = `${v.split(' ')[0] ?? ''} [redacted]`;
    else if (name === 'x-ultracart-simple-key' || name === 'x-ultracart-browser-key' || name === 'cookie') {
      out[name] = '[redacted]';
    } else out[name] = v;
  }
  return out;
}

function logBody(req: IncomingMessage, body: Buffer): unknown {
  const type = header(req.headers, 'content-type') ?? '';
  if (/json/i.test(type)) {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      // Logged like any other body below.
    }
  }
  return { bytes: body.length, contentType: type };
}
