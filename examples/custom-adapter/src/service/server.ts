import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AcmeStore, type SeedOptions } from './store.js';

/** Options of {@link startAcmeService}. */
export interface AcmeServiceOptions extends SeedOptions {
  /** The bearer token it accepts; default a random one. */
  token?: string;
}

/** One request the service answered. */
interface ServiceRequest {
  method: string;
  path: string;
  status: number;
}

/** A running Acme Chat service on loopback. */
export interface AcmeService {
  /** `http://127.0.0.1:<port>/v1`: the adapter's `baseUrl`. */
  readonly baseUrl: string;
  /** The bearer token it accepts: the adapter's `token`. */
  readonly token: string;
  readonly store: AcmeStore;
  /** Every request answered so far, oldest first. */
  readonly requests: readonly ServiceRequest[];
  close(): Promise<void>;
}

/** The service's largest page. */
const SERVICE_MAX_LIMIT = 50;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `items` from the position `after` names, at most `limit` of them, and the token of the next page. */
function page<T>(items: readonly T[], query: URLSearchParams): { items: T[]; next: string | null } {
  const limitText = query.get('limit') ?? String(SERVICE_MAX_LIMIT);
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= SERVICE_MAX_LIMIT))
    throw new Refusal(400, 'invalid_limit', `limit must be 1 to ${SERVICE_MAX_LIMIT}`);
  const after = query.get('after');
  const offset = after === null ? 0 : Number(/^p(\d{1,6})$/.exec(after)?.[1] ?? Number.NaN);
  if (!(offset >= 0 && offset <= items.length))
    throw new Refusal(400, 'invalid_cursor', 'after is not a token this service issued');
  const end = offset + limit;
  return { items: items.slice(offset, end), next: end < items.length ? `p${end}` : null };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Refusal(400, 'invalid_path', 'the path is not valid percent-encoded UTF-8');
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 65_536) throw new Refusal(413, 'too_large', 'the body must be at most 64 KiB');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, 'invalid_json', 'the body must be JSON');
  }
}

/**
 * Starts Acme Chat, a tiny conversation service, on `127.0.0.1` at a free port. Every route needs
 * `Authorization: Bearer <token>` and answers JSON with an `x-request-id` header:
 *
 * - `GET /v1/conversations?limit&after&participant`: newest first, `{ conversations, next }`
 * - `GET /v1/conversations/{id}`: `{ conversation }` with its participants
 * - `GET /v1/conversations/{id}/messages?limit&after&order=asc|desc&since=<epoch ms>`: `{ messages, next }`
 * - `POST /v1/conversations/{id}/messages` with `{ body }`: `201 { message }`, sent by the agent
 *
 * Errors are `{ error: { code, message }, request_id }` with the HTTP status that fits.
 */
export async function startAcmeService(options: AcmeServiceOptions = {}): Promise<AcmeService> {
  const token = options.token ?? `acme-${randomBytes(12).toString('hex')}`;
  const store = new AcmeStore(options);
  const requests: ServiceRequest[] = [];
  let sequence = 0;

  const route = async (req: IncomingMessage, url: URL): Promise<[number, unknown]> => {
    if (req.headers.authorization !== `Bearer ${token}`)
      throw new Refusal(401, 'unauthorized', 'a valid bearer token is required');
    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    if (segments[0] !== 'v1' || segments[1] !== 'conversations')
      throw new Refusal(404, 'not_found', 'no such route');
    if (segments.length === 2 && req.method === 'GET') {
      const { items, next } = page(
        store.listConversations(url.searchParams.get('participant') ?? undefined),
        url.searchParams,
      );
      return [200, { conversations: items, next }];
    }
    const conversation = store.conversations.get(segments[2] ?? '');
    if (segments.length < 3 || segments.length > 4 || (segments.length === 4 && segments[3] !== 'messages'))
      throw new Refusal(404, 'not_found', 'no such route');
    if (conversation === undefined) throw new Refusal(404, 'conversation_not_found', 'no such conversation');
    if (segments.length === 3 && req.method === 'GET') return [200, { conversation }];
    if (segments.length === 4 && req.method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? Number.NEGATIVE_INFINITY);
      if (Number.isNaN(since)) throw new Refusal(400, 'invalid_since', 'since must be epoch milliseconds');
      const order = url.searchParams.get('order') ?? 'asc';
      if (order !== 'asc' && order !== 'desc')
        throw new Refusal(400, 'invalid_order', 'order must be asc or desc');
      const all = (store.messages.get(conversation.id) ?? []).filter((m) => m.sent_at > since);
      const { items, next } = page(order === 'asc' ? all : [...all].reverse(), url.searchParams);
      return [200, { messages: items, next }];
    }
    if (segments.length === 4 && req.method === 'POST') {
      const body = await readJson(req);
      const text = (body as { body?: unknown } | null)?.body;
      if (typeof text !== 'string' || text.trim() === '' || text.length > 2_000)
        throw new Refusal(400, 'invalid_body', 'body must be 1 to 2000 characters');
      return [201, { message: store.addMessage(conversation, text) }];
    }
    throw new Refusal(405, 'method_not_allowed', `${req.method} is not allowed here`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = `req-${++sequence}`;
    let status: number;
    let payload: unknown;
    try {
      [status, payload] = await route(req, url);
    } catch (error) {
      const refusal =
        error instanceof Refusal ? error : new Refusal(500, 'internal', 'the service failed unexpectedly');
      status = refusal.status;
      payload = { error: { code: refusal.code, message: refusal.message }, request_id: requestId };
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, status });
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
    res.end(JSON.stringify(payload));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    token,
    store,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
