import type { IncomingHttpHeaders } from 'node:http';
import { header, type ProviderName } from './http.js';
import { Random } from './random.js';

/**
 * A fault the emulator can inject.
 * "Before" faults answer without acting: `429`, `429-no-retry-after`, `500`, `503`, `timeout` (the socket
 * is held, never answered) and `reset` (the socket is destroyed). "After" faults apply the request
 * first, then fail the answer: `500-after`, `reset-after`, `timeout-after`, and `malformed-json`
 * (the real status with a truncated JSON body). Use "after" faults to prove a write is not repeated.
 */
export type FaultKind =
  | '429'
  | '429-no-retry-after'
  | '500'
  | '503'
  | 'timeout'
  | 'reset'
  | 'malformed-json'
  | '500-after'
  | 'reset-after'
  | 'timeout-after';

/** Every fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = [
  '429',
  '429-no-retry-after',
  '500',
  '503',
  'timeout',
  'reset',
  'malformed-json',
  '500-after',
  'reset-after',
  'timeout-after',
];

/** True for kinds that let the request take effect before failing the answer. */
export function isAfterFault(kind: FaultKind): boolean {
  return (
    kind === 'malformed-json' || kind === '500-after' || kind === 'reset-after' || kind === 'timeout-after'
  );
}

/** True when `value` names a fault kind. */
export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/** Which requests a fault rule applies to; every given field must match. */
export interface FaultMatch {
  readonly provider?: ProviderName;
  /** HTTP method, case-insensitive. */
  readonly method?: string;
  /** A substring of the path, or a pattern tested against it. */
  readonly path?: string | RegExp;
}

/** A random fault plan: each matching request fails with probability `rate`, kind drawn from `kinds`. */
export interface FaultPlan {
  readonly rate: number;
  readonly kinds: readonly FaultKind[];
  /** Seeds the plan's own PRNG, so the same request sequence fails the same way (default 1). */
  readonly seed?: number;
  readonly match?: FaultMatch;
  /** `Retry-After` seconds sent with `429` (default 1). */
  readonly retryAfterSeconds?: number;
}

/** A one-shot rule: the next `times` matching requests fail with `kind`. */
export interface FailNextOptions {
  readonly kind: FaultKind;
  /** How many matching requests to fail (default 1). */
  readonly times?: number;
  readonly match?: FaultMatch;
  /** `Retry-After` seconds sent with `429` (default 1). */
  readonly retryAfterSeconds?: number;
}

/** The fault chosen for one request. */
export interface FaultDecision {
  readonly kind: FaultKind;
  readonly retryAfterSeconds: number;
  /** Where the decision came from. */
  readonly source: 'header' | 'header-once' | 'fail-next' | 'plan';
}

/** What the controller knows about a request. */
export interface FaultRequest {
  readonly provider: ProviderName;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

function matches(match: FaultMatch | undefined, req: FaultRequest): boolean {
  if (!match) return true;
  if (match.provider !== undefined && match.provider !== req.provider) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== req.method) return false;
  if (match.path !== undefined) {
    return typeof match.path === 'string' ? req.path.includes(match.path) : match.path.test(req.path);
  }
  return true;
}

/** Thrown for a bad `x-emulator-fault` header, answered with 400. */
export class FaultHeaderError extends Error {}

/**
 * Decides faults, in this order: the `x-emulator-fault: <kind>` request header (every request that
 * carries it), `x-emulator-fault-once: <token>:<kind>` (only the first request with that token, so a
 * retry with the same headers succeeds), `failNext` rules (first match, consumed), then the random plan.
 */
export class FaultController {
  private plan: FaultPlan | undefined;
  private rng = new Random(1, 77);
  private readonly rules: { options: FailNextOptions; left: number }[] = [];
  private readonly seenTokens = new Set<string>();

  constructor(plan?: FaultPlan) {
    this.setPlan(plan);
  }

  /** Replaces (or with undefined, removes) the random plan. */
  setPlan(plan: FaultPlan | undefined): void {
    if (plan && !(plan.rate >= 0 && plan.rate <= 1)) throw new RangeError('fault rate must be within 0..1');
    this.plan = plan;
    this.rng = new Random(plan?.seed ?? 1, 77);
  }

  /** Queues a one-shot rule; `failNext('503', 2)` is short for `failNext({ kind: '503', times: 2 })`. */
  failNext(options: FailNextOptions | FaultKind, times?: number): void {
    const o: FailNextOptions =
      typeof options === 'string' ? { kind: options, ...(times !== undefined ? { times } : {}) } : options;
    this.rules.push({ options: o, left: o.times ?? 1 });
  }

  /** Drops the plan, pending rules and seen once-tokens. */
  clear(): void {
    this.plan = undefined;
    this.rules.length = 0;
    this.seenTokens.clear();
  }

  /** The fault for this request, if any. */
  decide(req: FaultRequest): FaultDecision | undefined {
    const direct = header(req.headers, 'x-emulator-fault');
    if (direct !== undefined) {
      if (!isFaultKind(direct)) throw new FaultHeaderError(`Unknown fault kind ${direct}`);
      return { kind: direct, retryAfterSeconds: 1, source: 'header' };
    }
    const once = header(req.headers, 'x-emulator-fault-once');
    if (once !== undefined) {
      const colon = once.lastIndexOf(':');
      const kind = once.slice(colon + 1);
      if (colon <= 0 || !isFaultKind(kind))
        throw new FaultHeaderError('x-emulator-fault-once must be <token>:<kind>');
      const token = once.slice(0, colon);
      if (!this.seenTokens.has(token)) {
        this.seenTokens.add(token);
        return { kind, retryAfterSeconds: 1, source: 'header-once' };
      }
    }
    const at = this.rules.findIndex((r) => matches(r.options.match, req));
    const rule = this.rules[at];
    if (rule) {
      rule.left--;
      if (rule.left <= 0) this.rules.splice(at, 1);
      return {
        kind: rule.options.kind,
        retryAfterSeconds: rule.options.retryAfterSeconds ?? 1,
        source: 'fail-next',
      };
    }
    const plan = this.plan;
    if (plan && plan.kinds.length > 0 && matches(plan.match, req)) {
      // Draw both numbers for every matching request so the sequence depends only on request order.
      const hit = this.rng.next() < plan.rate;
      const kind = this.rng.pick(plan.kinds);
      if (hit) return { kind, retryAfterSeconds: plan.retryAfterSeconds ?? 1, source: 'plan' };
    }
    return undefined;
  }
}
