import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorOptions } from './emulator-options.js';
import { type FaultController, type FaultDecision, FaultHeaderError, isAfterFault } from './faults.js';
import { closeAfterAnswer, header, type RequestContext, readRequestBody, requestSent } from './http.js';
import { faultReply, tooLargeReply, writeReply } from './replies.js';
import { logEntry, type RequestLogEntry } from './request-log.js';
import { dispatch, providerOf, type RouterEnv } from './routing.js';
import { rateLimitedReply, type UltraCartRateLimiter } from './ultracart/rate-limit.js';
import { ultracartError, withUltraCartRequestId } from './ultracart/routes.js';

const MAX_BODY = 60 * 1024 * 1024;
// How long the rest of a too-large body is discarded before the 413 goes out regardless.
const OVERSIZE_GRACE_MS = 2_000;

/** What the request handler works with besides the request. */
export interface RequestHandlerDeps {
  readonly router: RouterEnv;
  /** Every request is appended here as it arrives. */
  readonly requests: RequestLogEntry[];
  readonly rateLimit: UltraCartRateLimiter;
  readonly faults: FaultController;
  readonly options: Pick<EmulatorOptions, 'latencyMs' | 'ultracartConcurrency'>;
  /** `http://host:port` once the server listens. */
  readonly origin: () => string;
}

/**
 * The `request` listener of the emulator's server: logs each request, applies the body limit,
 * UltraCart's rate limit and concurrency rule, latency and faults, then answers it through the
 * router. A handler that throws gets a 500 (or a dropped connection once the answer has started).
 */
export function createRequestListener(
  deps: RequestHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = createRequestHandler(deps);
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: { error: String(error) } });
      else res.destroy();
    });
  };
}

function createRequestHandler(
  deps: RequestHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { requests, rateLimit, faults, options } = deps;
  let ucInFlight = 0;
  return async (req, res) => {
    const origin = deps.origin();
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const provider = providerOf(url.pathname);
    const body = await readRequestBody(req, MAX_BODY);
    const entry = logEntry(req, provider, method, url, body);
    requests.push(entry);
    // Every UltraCart REST request counts, whatever becomes of it.
    const limited = provider === 'ultracart' ? rateLimit.take(ultracartCredential(req)) : undefined;
    if (!body) {
      // Answered only once the client sent the rest (or after a grace period), then closed.
      await requestSent(req, OVERSIZE_GRACE_MS);
      closeAfterAnswer(req, res);
      const reply = tooLargeReply(provider, MAX_BODY);
      entry.status = reply.status;
      return void writeReply(res, reply);
    }
    if (limited !== undefined) {
      const reply = rateLimitedReply(limited);
      entry.status = reply.status;
      return void writeReply(res, reply);
    }
    let decision: FaultDecision | undefined;
    try {
      decision = faults.decide({ provider, method, path: url.pathname, headers: req.headers });
    } catch (error) {
      if (!(error instanceof FaultHeaderError)) throw error;
      entry.status = 400;
      return void writeReply(res, { status: 400, body: { error: error.message } });
    }
    if (decision) entry.fault = decision.kind;
    const concurrent =
      provider === 'ultracart' && ucInFlight > 0 && options.ultracartConcurrency === 'reject';
    if (provider === 'ultracart') ucInFlight++;
    try {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (concurrent) {
        entry.status = 429;
        return void writeReply(
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
        return void writeReply(res, reply);
      }
      const ctx: RequestContext = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        origin,
      };
      const reply = dispatch(deps.router, provider, ctx);
      if (decision) {
        entry.appliedStatus = reply.status;
        if (decision.kind === 'timeout-after') return;
        if (decision.kind === 'reset-after') return void req.socket.destroy();
        if (decision.kind === '500-after') {
          const failed = faultReply(provider, { ...decision, kind: '500' });
          entry.status = failed.status;
          return void writeReply(res, failed);
        }
        entry.status = reply.status === 204 ? 200 : reply.status;
        return void writeReply(res, reply, true);
      }
      entry.status = reply.status;
      writeReply(res, reply);
    } finally {
      if (provider === 'ultracart') ucInFlight--;
    }
  };
}

/** The credential a request's UltraCart rate limit is kept for: its key or token, else its address. */
function ultracartCredential(req: IncomingMessage): string {
  const key = header(req.headers, 'x-ultracart-simple-key');
  if (key !== undefined) return key;
  const bearer = /^Bearer (.+)$/.exec(header(req.headers, 'authorization') ?? '')?.[1];
  return bearer ?? `address:${req.socket.remoteAddress ?? ''}`;
}
