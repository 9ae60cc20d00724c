import { ConversationError } from '../errors/conversation-error.js';
import {
  abortError,
  type ErrorContext,
  networkError,
  type ProviderErrorDetails,
  timeoutError,
} from '../errors/error-factories.js';
import { scrub } from './redact.js';

// Helpers of create-transport.ts: how a request's parts are encoded and an answer is read.

/** A request ready to send. */
export interface Prepared {
  method: string;
  url: URL;
  headers: Headers;
  body: BodyInit | undefined;
  /** Header names the authenticate hook set: dropped if a redirect leaves the origin. */
  credentials: string[];
}

/** An answer with its body read. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** A query as the transport takes it. */
export type QueryInit = URLSearchParams | Record<string, string | number | boolean | undefined>;

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

/** Provider error details with every secret scrubbed. */
export function scrubDetails(
  details: ProviderErrorDetails,
  secrets: readonly string[],
): ProviderErrorDetails {
  const out: ProviderErrorDetails = { ...details };
  if (out.providerMessage !== undefined) out.providerMessage = scrub(out.providerMessage, secrets);
  if (out.providerCode !== undefined) out.providerCode = scrub(out.providerCode, secrets);
  return out;
}

/** Whether node:http is there to send requests on (Node, Bun, Deno). */
export function hasNodeHttp(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * A body as node:http takes it. FormData, Blob, URLSearchParams and streams are encoded the way
 * fetch would (a Response does it, multipart boundary included) and buffered: uploads are bounded.
 */
export async function toBytes(
  body: BodyInit | undefined,
  headers: Record<string, string>,
): Promise<Buffer | string | undefined> {
  if (body === undefined || typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  const encoded = new Response(body);
  const type = encoded.headers.get('content-type');
  if (type !== null && headers['content-type'] === undefined) headers['content-type'] = type;
  return Buffer.from(await encoded.arrayBuffer());
}

/** The parsed JSON of an answer, its text when it is not JSON, or undefined when empty. */
export function parseBody(answer: Answer, ok: boolean, context: ErrorContext): unknown {
  const text = answer.text;
  if (text === '') return undefined;
  const type = answer.headers.get('content-type') ?? '';
  const looksJson = type.includes('json') || (type === '' && /^\s*[[{]/.test(text));
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!ok) return text;
    throw new ConversationError({
      code: 'invalid_response',
      message: `${context.provider} sent malformed JSON for ${context.operation} (HTTP ${answer.status})`,
      ...context,
      status: answer.status,
    });
  }
}

/** Any failure of an attempt as a ConversationError: aborted, timeout or network. */
export function toFailure(
  error: unknown,
  request: { signal?: AbortSignal | undefined },
  context: ErrorContext,
  timeoutMs: number,
): ConversationError {
  if (ConversationError.isInstance(error)) return error;
  if (request.signal?.aborted) return abortError(context, request.signal.reason);
  if (error instanceof Error && error.name === 'TimeoutError') return timeoutError(timeoutMs, context, error);
  return networkError(context, error);
}
