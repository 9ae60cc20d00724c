import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActivityStream, type ActivityStreamOptions, startActivityStream } from './activity-stream.js';
import { collectFacts, type SeedFacts } from './facts.js';
import {
  type FailNextOptions,
  FaultController,
  type FaultDecision,
  FaultHeaderError,
  type FaultKind,
  type FaultPlan,
  isAfterFault,
} from './faults.js';
import {
  closeAfterAnswer,
  header,
  type ProviderName,
  type Reply,
  type RequestContext,
  readRequestBody,
  requestSent,
} from './http.js';
import { createSunshineActivity, type SunshineActivity } from './sunshine/activity.js';
import { signSunshineJwt } from './sunshine/auth.js';
import { POWER_USER_CONVERSATIONS } from './sunshine/model.js';
import { handleSunshine, isSunshinePath, sunshineError } from './sunshine/routes.js';
import { SunshineStore } from './sunshine/store.js';
import { createUltraCartActivity, type UltraCartActivity } from './ultracart/activity.js';
import {
  rateLimitedReply,
  UltraCartRateLimiter,
  type UltraCartRateLimitOptions,
  type UltraCartRateLimitState,
} from './ultracart/rate-limit.js';
import { handleUltraCart, ultracartError, withUltraCartRequestId } from './ultracart/routes.js';
import { UltraCartStore } from './ultracart/store.js';
import { FileStore } from './uploads.js';
import {
  type EmulatorWebhookControls,
  type EmulatorWebhookOptions,
  startSunshineWebhooks,
} from './webhooks/emulator-webhooks.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends EmulatorWebhookOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Seed of the generated data (default 42): the same seed gives the same data. */
  readonly seed?: number;
  /** Seeded conversations per provider (default 60, at least 12; 100,000 is fine). */
  readonly conversations?: number;
  /**
   * Conversations of the Sunshine power user (`parley-power-user`), on top of `conversations`
   * (default 260). Sunshine lists one user's conversations, so a large listing needs one large user.
   */
  readonly sunshinePowerUserConversations?: number;
  /** A random fault plan applied from the start. */
  readonly faults?: FaultPlan;
  /** Delay before every answer, in milliseconds. */
  readonly latencyMs?: number;
  /** `reject` answers overlapping UltraCart requests with 429, as UltraCart does (default `allow`). */
  readonly ultracartConcurrency?: 'allow' | 'reject';
  /** UltraCart settings. */
  readonly ultracart?: {
    /**
     * UltraCart's rate limit: a leaky bucket per credential, 429 when a request would overflow it
     * (off by default; `true` for UltraCart's defaults, 1,000 per hour and 10,000 per day).
     * `timeScale` speeds emulated time up, e.g. 3600: an hour per real second.
     */
    readonly rateLimit?: UltraCartRateLimitOptions | boolean;
  };
  /**
   * A steady stream of inbound activity from the start: `perMinute` UltraCart customer messages
   * or new conversations, and as many Sunshine customer messages (with their webhooks).
   */
  readonly activity?: ActivityStreamOptions;
}

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

/** A running emulator. */
export interface Emulator extends EmulatorWebhookControls {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * Where and how to reach the UltraCart API. `activity` and `rateLimit` are not enumerable, so
   * `{ ...emulator.ultracart }` stays a plain config section.
   */
  readonly ultracart: {
    readonly baseUrl: string;
    readonly apiKey: string;
    readonly accessToken: string;
    /** Inbound activity on demand: a customer message, a new conversation. */
    readonly activity: UltraCartActivity;
    /** Rate-limit counters and buckets (requests are counted even when the limit is off). */
    readonly rateLimit: UltraCartRateLimitState;
  };
  /** Where and how to reach the Sunshine API (`activity` is not enumerable, as above). */
  readonly sunshine: {
    readonly baseUrl: string;
    readonly appId: string;
    readonly keyId: string;
    readonly keySecret: string;
    /** Inbound customer activity on demand, with its webhooks. */
    readonly activity: SunshineActivity;
  };
  /** Every request so far, oldest first (a live array). */
  readonly requests: RequestLogEntry[];
  /** Seeded ids and counts tests can rely on. */
  readonly facts: SeedFacts;
  /**
   * Fails the next matching request(s), e.g. `failNext({ kind: '503', times: 2, match: { method: 'POST' } })`
   * or `failNext('503', 2)` (any request).
   */
  failNext(options: FailNextOptions | FaultKind, times?: number): void;
  /** Replaces or removes the random fault plan. */
  setFaults(plan: FaultPlan | undefined): void;
  /** Removes the plan and pending `failNext` rules. */
  clearFaults(): void;
  /** Empties `requests`. */
  clearRequests(): void;
  /** A Sunshine JWT signed with the emulator's key (payload default `{ scope: 'app' }`). */
  sunshineJwt(payload?: Record<string, unknown>): string;
  /** Stops listening, cancels pending webhook deliveries and drops open (including held) connections. */
  close(): Promise<void>;
}

const ULTRACART_API_KEY = 'parley-emulator-ultracart-key';
const ULTRACART_ACCESS_TOKEN = 'parley-emulator-ultracart-token';
const SUNSHINE_APP_ID = '5f1e3c0ffee0000000a11ce5';
const SUNSHINE_KEY_ID = 'app_5f1e3c0ffee0000000b0b0b';
const SUNSHINE_KEY_SECRET = 'parley-emulator-sunshine-secret';
const MAX_BODY = 60 * 1024 * 1024;
// How long the rest of a too-large body is discarded before the 413 goes out regardless.
const OVERSIZE_GRACE_MS = 2_000;
// A 1x1 PNG served for seeded Sunshine image messages, so their mediaUrl can be fetched.
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function providerOf(path: string): ProviderName {
  if (path === '/rest/v2' || path.startsWith('/rest/v2/')) return 'ultracart';
  if (isSunshinePath(path) || path.startsWith('/sc/attachments/')) return 'sunshine';
  if (path.startsWith('/uploads/')) return 'uploads';
  return 'emulator';
}

/** The credential a request's UltraCart rate limit is kept for: its key or token, else its address. */
function ultracartCredential(req: IncomingMessage): string {
  const key = header(req.headers, 'x-ultracart-simple-key');
  if (key !== undefined) return key;
  const bearer = /^Bearer (.+)$/.exec(header(req.headers, 'authorization') ?? '')?.[1];
  return bearer ?? `address:${req.socket.remoteAddress ?? ''}`;
}

/** `target` with extra members that spreads and `JSON.stringify` leave out. */
function withHidden<T extends object, H extends object>(target: T, hidden: H): T & H {
  for (const [key, value] of Object.entries(hidden))
    Object.defineProperty(target, key, { value, enumerable: false });
  return target as T & H;
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

function tooLargeReply(provider: ProviderName): Reply {
  const message = `Request body exceeds ${MAX_BODY} bytes`;
  if (provider === 'sunshine') return sunshineError(413, 'request_entity_too_large', message);
  if (provider === 'ultracart') return withUltraCartRequestId(ultracartError(413, message));
  return { status: 413, body: { error: message } };
}

function faultReply(provider: ProviderName, decision: FaultDecision): Reply {
  const status = Number(decision.kind.slice(0, 3));
  const retry: Record<string, string> =
    decision.kind === '429' ? { 'Retry-After': String(decision.retryAfterSeconds) } : {};
  const message =
    status === 429
      ? 'rate of 1000 per 3600 second(s) exceeded.'
      : status === 503
        ? 'Service temporarily unavailable'
        : 'Internal server error (injected by the emulator)';
  if (provider === 'sunshine') {
    const code =
      status === 429 ? 'too_many_requests' : status === 503 ? 'service_unavailable' : 'internal_error';
    return sunshineError(status, code, message, retry);
  }
  if (provider === 'ultracart') return withUltraCartRequestId(ultracartError(status, message, retry));
  return { status, headers: retry, body: { error: message } };
}

function send(res: ServerResponse, reply: Reply, malformed = false): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  let status = reply.status;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined || malformed) {
    let text = JSON.stringify(reply.body ?? { success: true });
    // Cut the JSON in half so no parser accepts it.
    if (malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    payload = Buffer.from(text);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
    if (status === 204) status = 200;
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(status, headers);
  res.end(payload);
}

/**
 * Starts the emulator: UltraCart under `/rest/v2`, Sunshine under `/sc/v2/apps/{appId}` (and
 * `/v2/apps/{appId}`), presigned uploads under `/uploads/`, Sunshine attachments under `/sc/attachments/`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 42;
  const count = options.conversations ?? 60;
  if (!Number.isInteger(count) || count < 12) throw new RangeError('conversations must be an integer >= 12');
  const ultracart = new UltraCartStore(seed, count);
  const power = options.sunshinePowerUserConversations ?? POWER_USER_CONVERSATIONS;
  if (!Number.isInteger(power) || power < 0)
    throw new RangeError('sunshinePowerUserConversations must be an integer >= 0');
  const sunshine = new SunshineStore(seed, count, power);
  const facts = collectFacts(ultracart, sunshine);
  const files = new FileStore(`emulator-signing-${seed}`);
  const faults = new FaultController(options.faults);
  const requests: RequestLogEntry[] = [];
  const credentials = { appId: SUNSHINE_APP_ID, keyId: SUNSHINE_KEY_ID, keySecret: SUNSHINE_KEY_SECRET };
  const now = (): number => Date.now();
  let origin = '';
  let ucInFlight = 0;
  const webhooks = startSunshineWebhooks(sunshine, SUNSHINE_APP_ID, options, now);
  const rateLimit = new UltraCartRateLimiter(options.ultracart?.rateLimit, ULTRACART_API_KEY);
  const ultracartActivity = createUltraCartActivity(ultracart, seed, now);
  const sunshineActivity = createSunshineActivity(sunshine, seed, now);
  let stream: ActivityStream | undefined;
  // A second close() gets the first one's promise instead of a "Server is not running" error.
  let closing: Promise<void> | undefined;

  const dispatch = (provider: ProviderName, ctx: RequestContext): Reply => {
    if (provider === 'ultracart') {
      return handleUltraCart(ctx, {
        store: ultracart,
        files,
        apiKey: ULTRACART_API_KEY,
        accessToken: ULTRACART_ACCESS_TOKEN,
        now,
      });
    }
    if (provider === 'uploads') return files.handleUpload(ctx, now());
    if (provider === 'sunshine') {
      if (ctx.path.startsWith('/sc/attachments/')) {
        const file =
          files.get(ctx.path) ??
          (ctx.path.startsWith('/sc/attachments/v2/seed/')
            ? { bytes: PLACEHOLDER_PNG, contentType: 'image/png' }
            : undefined);
        if (ctx.method !== 'GET' || !file) return sunshineError(404, 'not_found', 'Attachment not found');
        return { status: 200, headers: { 'content-type': file.contentType }, body: file.bytes };
      }
      return handleSunshine(ctx, { store: sunshine, files, credentials, now });
    }
    if (ctx.path === '/' && ctx.method === 'GET') {
      return {
        status: 200,
        body: {
          name: '@parley/emulator',
          ultracart: { baseUrl: `${origin}/rest/v2` },
          sunshine: { baseUrl: `${origin}/sc`, appId: SUNSHINE_APP_ID },
        },
      };
    }
    return { status: 404, body: { error: `No emulated API at ${ctx.path}` } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const provider = providerOf(url.pathname);
    const body = await readRequestBody(req, MAX_BODY);
    const entry: RequestLogEntry = {
      provider,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: redact(req.headers),
      ...(body && body.length > 0 ? { body: logBody(req, body) } : {}),
      status: 0,
    };
    requests.push(entry);
    // Every UltraCart REST request counts, whatever becomes of it.
    const limited = provider === 'ultracart' ? rateLimit.take(ultracartCredential(req)) : undefined;
    if (!body) {
      // Answered only once the client sent the rest (or after a grace period), then closed.
      await requestSent(req, OVERSIZE_GRACE_MS);
      closeAfterAnswer(req, res);
      const reply = tooLargeReply(provider);
      entry.status = reply.status;
      return void send(res, reply);
    }
    if (limited !== undefined) {
      const reply = rateLimitedReply(limited);
      entry.status = reply.status;
      return void send(res, reply);
    }
    let decision: FaultDecision | undefined;
    try {
      decision = faults.decide({ provider, method, path: url.pathname, headers: req.headers });
    } catch (error) {
      if (!(error instanceof FaultHeaderError)) throw error;
      entry.status = 400;
      return void send(res, { status: 400, body: { error: error.message } });
    }
    if (decision) entry.fault = decision.kind;
    const concurrent =
      provider === 'ultracart' && ucInFlight > 0 && options.ultracartConcurrency === 'reject';
    if (provider === 'ultracart') ucInFlight++;
    try {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (concurrent) {
        entry.status = 429;
        return void send(
          res,
          withUltraCartRequestId(
            ultracartError(429, 'Concurrent requests are not allowed; send one at a time.'),
          ),
        );
      }
      if (decision && !isAfterFault(decision.kind)) {
        if (decision.kind === 'timeout') return; // hold the socket: never answer
        if (decision.kind === 'reset') return void req.socket.destroy();
        const reply = faultReply(provider, decision);
        entry.status = reply.status;
        return void send(res, reply);
      }
      const ctx: RequestContext = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        origin,
      };
      const reply = dispatch(provider, ctx);
      if (decision) {
        entry.appliedStatus = reply.status;
        if (decision.kind === 'timeout-after') return;
        if (decision.kind === 'reset-after') return void req.socket.destroy();
        if (decision.kind === '500-after') {
          const failed = faultReply(provider, { ...decision, kind: '500' });
          entry.status = failed.status;
          return void send(res, failed);
        }
        entry.status = reply.status === 204 ? 200 : reply.status;
        return void send(res, reply, true);
      }
      entry.status = reply.status;
      send(res, reply);
    } finally {
      if (provider === 'ultracart') ucInFlight--;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  sunshine.origin = origin;
  if (options.activity) {
    try {
      stream = startActivityStream(
        { seed, ...options.activity },
        { ultracart: ultracartActivity, sunshine: sunshineActivity },
      );
    } catch (error) {
      await webhooks.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
  }

  return {
    url: origin,
    ultracart: withHidden(
      { baseUrl: `${origin}/rest/v2`, apiKey: ULTRACART_API_KEY, accessToken: ULTRACART_ACCESS_TOKEN },
      { activity: ultracartActivity, rateLimit: rateLimit as UltraCartRateLimitState },
    ),
    sunshine: withHidden({ baseUrl: `${origin}/sc`, ...credentials }, { activity: sunshineActivity }),
    requests,
    facts,
    failNext: (o, times) => faults.failNext(o, times),
    setFaults: (plan) => faults.setPlan(plan),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    sunshineJwt: (payload) => signSunshineJwt(credentials, payload),
    ...webhooks.controls,
    close: () => {
      stream?.stop();
      closing ??= webhooks.close().then(
        () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      );
      return closing;
    },
  };
}
