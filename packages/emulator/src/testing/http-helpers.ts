import type { Emulator } from '../server.js';

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

/** UltraCart request with the key and version headers (override or drop them via `headers`). */
export async function uc(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  const all: Record<string, string | undefined> = {
    'x-ultracart-simple-key': emu.ultracart.apiKey,
    'X-UltraCart-Api-Version': '2017-03-01',
    accept: 'application/json',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...headers,
  };
  const res = await fetch(`${emu.ultracart.baseUrl}${path}`, {
    method,
    headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return read(res);
}

/** Sunshine request under `/sc/v2/apps/{appId}` with basic auth unless `headers.authorization` is given. */
export async function sc(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  const basic = `Basic ${Buffer.from(`${emu.sunshine.keyId}:${emu.sunshine.keySecret}`).toString('base64')}`;
  const all: Record<string, string | undefined> = {
    authorization: basic,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...headers,
  };
  const res = await fetch(`${emu.sunshine.baseUrl}/v2/apps/${emu.sunshine.appId}${path}`, {
    method,
    headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return read(res);
}

/** Narrows an unknown JSON value to an object for property access in tests. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${String(value)}`);
  return value as Record<string, unknown>;
}

/** Narrows to an array of objects. */
export function list(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('not an array');
  return value.map(obj);
}
