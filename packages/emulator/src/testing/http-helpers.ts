import { isRecord } from '../http.js';
import type { Emulator } from '../server.js';
import { ULTRACART_API_VERSION } from '../ultracart/routes.js';

// Test-only helpers: plain fetch against a running emulator.

/** A response with its body read (JSON when it parses, else text). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Sends a request with `headers` (an `undefined` value drops that header) and a JSON or text body. */
async function send(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string | undefined>,
): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: Object.fromEntries(
      Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return read(res);
}

/** UltraCart request with the key and version headers (override or drop them via `headers`). */
export function uc(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  return send(`${emu.ultracart.baseUrl}${path}`, method, body, {
    'x-ultracart-simple-key': emu.ultracart.apiKey,
    'X-UltraCart-Api-Version': ULTRACART_API_VERSION,
    accept: 'application/json',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...headers,
  });
}

/** Sunshine request under `/sc/v2/apps/{appId}` with basic auth unless `headers.authorization` is given. */
export function sc(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  const basic = `Basic ${Buffer.from(`${emu.sunshine.keyId}:${emu.sunshine.keySecret}`).toString('base64')}`;
  return send(`${emu.sunshine.baseUrl}/v2/apps/${emu.sunshine.appId}${path}`, method, body, {
    authorization: basic,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...headers,
  });
}

/** Narrows an unknown JSON value to an object for property access in tests. */
export function obj(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`not an object: ${String(value)}`);
  return value;
}

/** Narrows to an array of objects. */
export function list(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('not an array');
  return value.map(obj);
}
