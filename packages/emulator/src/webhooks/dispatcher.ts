import { randomBytes } from 'node:crypto';
import { Random } from '../random.js';

/** A webhook to register, as Sunshine's Create Webhook takes it. */
export interface WebhookConfig {
  /** URL the events are POSTed to. */
  readonly target: string;
  /** Sent as `X-API-Key`; generated when absent, as Sunshine does. */
  readonly secret?: string;
  /** Event types to send (case-sensitive), e.g. `['conversation:message']`. */
  readonly triggers: readonly string[];
}

/** A registered webhook. */
export interface RegisteredWebhook {
  readonly id: string;
  readonly target: string;
  readonly secret: string;
  readonly triggers: readonly string[];
}

/** One POST to a webhook target. */
export interface WebhookDelivery {
  readonly webhookId: string;
  readonly target: string;
  readonly eventIds: readonly string[];
  readonly eventTypes: readonly string[];
  /** 1 for the first try, 2… for retries. */
  readonly attempt: number;
  /** True for the extra copy a `duplicate` fault sends. */
  readonly duplicate: boolean;
  /** The target's status; 0 when it did not answer (refused, reset, timed out). */
  readonly status: number;
  /** Why there was no answer. */
  readonly error?: string;
}

/** Webhook faults: `duplicate` is the chance (0..1) that a delivery is sent twice. */
export interface WebhookFaultPlan {
  readonly duplicate?: number;
  readonly seed?: number;
}

/** Settings of a {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  readonly appId: string;
  /** First retry interval, doubled for each retry (default 29,000: 5 retries within 15 minutes). */
  readonly retryBaseMs?: number;
  /** Retries after the first try (default 5). */
  readonly maxRetries?: number;
  /** How long a target may take to answer (default 20,000, as Sunshine). */
  readonly timeoutMs?: number;
  readonly faults?: WebhookFaultPlan;
}

interface Job {
  readonly webhook: RegisteredWebhook;
  readonly body: string;
  readonly eventIds: readonly string[];
  readonly eventTypes: readonly string[];
}

/** "An app is limited to 10 webhooks." */
const MAX_WEBHOOKS = 10;
// Sunshine gives up on these at once: the target refused the request itself.
const NO_RETRY = new Set([400, 401, 403, 404, 406]);

const objectId = (): string => randomBytes(12).toString('hex');

/**
 * Delivers webhook envelopes the way Sunshine does: `POST` with `X-API-Key`, a 20 s answer
 * timeout, and up to 5 retries at an exponentially growing interval on anything but a 2xx (except
 * 400, 401, 403, 404 and 406). Deliveries never hold up the API answer; `close()` cancels pending
 * retries and in-flight requests.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  /** The registered webhooks (a live array). */
  readonly webhooks: RegisteredWebhook[] = [];
  // Per webhook, the first tries run one after another so a target sees events in order.
  private readonly tails = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private readonly sending = new Set<Promise<unknown>>();
  private readonly waiters: (() => void)[] = [];
  private readonly retryBaseMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private faults: WebhookFaultPlan | undefined;
  private rng: Random;
  private duplicateNext = 0;
  private pending = 0;
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.retryBaseMs = nonNegative(options.retryBaseMs ?? 29_000, 'webhookRetryBaseMs');
    this.maxRetries = nonNegative(options.maxRetries ?? 5, 'maxRetries');
    this.timeoutMs = nonNegative(options.timeoutMs ?? 20_000, 'webhookTimeoutMs');
    this.faults = options.faults;
    this.rng = new Random(options.faults?.seed ?? 1, 313);
  }

  /** Registers a webhook (at most 10, as Sunshine). */
  add(config: WebhookConfig): RegisteredWebhook {
    if (this.webhooks.length >= MAX_WEBHOOKS)
      throw new RangeError(`An app is limited to ${MAX_WEBHOOKS} webhooks`);
    let target: URL;
    try {
      target = new URL(config.target);
    } catch {
      throw new TypeError('webhook target must be an absolute http(s) URL');
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new TypeError('webhook target must be an absolute http(s) URL');
    if (!Array.isArray(config.triggers) || config.triggers.length === 0)
      throw new TypeError('webhook triggers must be a non-empty array');
    if (config.secret === '') throw new TypeError('webhook secret must not be empty');
    const webhook: RegisteredWebhook = {
      id: objectId(),
      target: target.href,
      secret: config.secret ?? randomBytes(24).toString('base64url'),
      triggers: [...config.triggers],
    };
    this.webhooks.push(webhook);
    return webhook;
  }

  /** Unregisters a webhook; retries already scheduled for it still run. */
  remove(id: string): boolean {
    const at = this.webhooks.findIndex((webhook) => webhook.id === id);
    if (at >= 0) this.webhooks.splice(at, 1);
    return at >= 0;
  }

  /** Sends the next `times` deliveries twice. */
  duplicateNextDelivery(times = 1): void {
    this.duplicateNext += times;
  }

  /** Replaces or removes the webhook fault plan. */
  setFaults(plan: WebhookFaultPlan | undefined): void {
    this.faults = plan;
    this.rng = new Random(plan?.seed ?? 1, 313);
  }

  /** Whether any webhook listens to `type` (so payloads are built only when needed). */
  listens(type: string): boolean {
    if (this.closed) return false;
    for (const webhook of this.webhooks) if (webhook.triggers.includes(type)) return true;
    return false;
  }

  /** Queues one event for every webhook listening to `type`. Returns at once. */
  emit(type: string, payload: Record<string, unknown>, createdAt: string): void {
    if (this.closed) return;
    for (const webhook of this.webhooks) {
      if (!webhook.triggers.includes(type)) continue;
      const event = { id: objectId(), type, createdAt, payload };
      const body = JSON.stringify({
        app: { id: this.options.appId },
        webhook: { id: webhook.id, version: 'v2' },
        events: [event],
      });
      this.enqueue({ webhook, body, eventIds: [event.id], eventTypes: [type] });
    }
  }

  /** Resolves once no delivery is in flight or waiting for a retry. */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Cancels scheduled retries and in-flight deliveries; later events are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    await Promise.allSettled([...this.tails.values(), ...this.sending]);
    this.pending = 0;
    this.release();
  }

  private enqueue(job: Job): void {
    this.pending++;
    const previous = this.tails.get(job.webhook.id) ?? Promise.resolve();
    const next = previous.then(() => this.first(job));
    this.tails.set(job.webhook.id, next);
  }

  private async first(job: Job): Promise<void> {
    if (this.closed) return;
    const ok = await this.send(job, 1, false);
    if (this.shouldDuplicate() && !this.closed) await this.send(job, 1, true);
    if (ok === 'retry') this.scheduleRetry(job, 1);
    else this.done();
  }

  private shouldDuplicate(): boolean {
    if (this.duplicateNext > 0) {
      this.duplicateNext--;
      return true;
    }
    const rate = this.faults?.duplicate ?? 0;
    return rate > 0 && this.rng.chance(rate);
  }

  private scheduleRetry(job: Job, attempt: number): void {
    if (this.closed) return;
    if (attempt > this.maxRetries) {
      this.done();
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.send(job, attempt + 1, false).then((result) =>
          result === 'retry' ? this.scheduleRetry(job, attempt + 1) : this.done(),
        );
      },
      this.retryBaseMs * 2 ** (attempt - 1),
    );
    this.timers.add(timer);
  }

  private send(job: Job, attempt: number, duplicate: boolean): Promise<'done' | 'retry'> {
    const sending = this.post(job, attempt, duplicate);
    this.sending.add(sending);
    return sending.finally(() => this.sending.delete(sending));
  }

  private async post(job: Job, attempt: number, duplicate: boolean): Promise<'done' | 'retry'> {
    if (this.closed) return 'done';
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status = 0;
    let error: string | undefined;
    try {
      const response = await fetch(job.webhook.target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': job.webhook.secret,
          'user-agent': 'parley-emulator (Sunshine Conversations webhooks)',
        },
        body: job.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      // Read the answer so the connection is freed; its content does not matter.
      await response.arrayBuffer().catch(() => undefined);
      status = response.status;
    } catch (caught) {
      error = controller.signal.aborted
        ? 'timeout'
        : caught instanceof Error
          ? caught.message
          : String(caught);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
    if (this.closed) return 'done';
    this.deliveries.push({
      webhookId: job.webhook.id,
      target: job.webhook.target,
      eventIds: job.eventIds,
      eventTypes: job.eventTypes,
      attempt,
      duplicate,
      status,
      ...(error === undefined ? {} : { error }),
    });
    if (duplicate || (status >= 200 && status < 300) || NO_RETRY.has(status)) return 'done';
    return 'retry';
  }

  private done(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) this.release();
  }

  private release(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return value;
}
