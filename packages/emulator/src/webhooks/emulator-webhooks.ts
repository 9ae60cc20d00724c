import type { SunshineStore } from '../sunshine/store.js';
import {
  type RegisteredWebhook,
  type WebhookConfig,
  type WebhookDelivery,
  WebhookDispatcher,
  type WebhookFaultPlan,
} from './dispatcher.js';
import { connectSunshineWebhooks } from './sunshine-payloads.js';

/** Webhook options of `startEmulator`. */
export interface EmulatorWebhookOptions {
  /** Sunshine webhooks to register from the start (see {@link EmulatorWebhookControls.addWebhook}). */
  readonly webhooks?: readonly WebhookConfig[];
  /** First webhook retry interval, doubled per retry (default 29,000: 5 retries within 15 minutes). */
  readonly webhookRetryBaseMs?: number;
  /** How long a webhook target may take to answer (default 20,000). */
  readonly webhookTimeoutMs?: number;
  /** Webhook faults, e.g. `{ duplicate: 0.2 }` sends one delivery in five twice. */
  readonly webhookFaults?: WebhookFaultPlan;
}

/** Webhook members of a running emulator. */
export interface EmulatorWebhookControls {
  /**
   * Registers a Sunshine webhook: changes made through the Sunshine API (conversations created or
   * removed, participants joining or leaving an sdkGroup, messages posted, read and typing
   * activity) are POSTed to `target` as `{ app, webhook, events }` with `X-API-Key: secret`,
   * without holding up the API answer. Non-2xx answers are retried up to 5 times (never 400, 401,
   * 403, 404, 406). Returns the webhook with its secret (generated when not given).
   *
   * @example
   * ```ts
   * const { secret } = emulator.addWebhook({ target: 'http://127.0.0.1:3000/hooks', triggers: ['conversation:message'] });
   * ```
   */
  addWebhook(config: WebhookConfig): RegisteredWebhook;
  /** Unregisters a webhook. */
  removeWebhook(id: string): boolean;
  /** The registered webhooks (a live array). */
  readonly webhooks: readonly RegisteredWebhook[];
  /** Every webhook POST so far, retries and duplicates included (a live array). */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Sends the next `times` webhook deliveries twice (a duplicate-delivery fault). */
  duplicateNextWebhook(times?: number): void;
  /** Replaces or removes the webhook fault plan. */
  setWebhookFaults(plan: WebhookFaultPlan | undefined): void;
  /** Resolves once no webhook delivery is in flight or waiting for a retry. */
  webhooksSettled(): Promise<void>;
}

/** Starts webhook delivery for the Sunshine store; `close` cancels pending deliveries and retries. */
export function startSunshineWebhooks(
  store: SunshineStore,
  appId: string,
  options: EmulatorWebhookOptions,
  now: () => number,
): { controls: EmulatorWebhookControls; close: () => Promise<void> } {
  const dispatcher = new WebhookDispatcher({
    appId,
    ...(options.webhookRetryBaseMs === undefined ? {} : { retryBaseMs: options.webhookRetryBaseMs }),
    ...(options.webhookTimeoutMs === undefined ? {} : { timeoutMs: options.webhookTimeoutMs }),
    ...(options.webhookFaults === undefined ? {} : { faults: options.webhookFaults }),
  });
  for (const config of options.webhooks ?? []) dispatcher.add(config);
  connectSunshineWebhooks(store, dispatcher, now);
  return {
    controls: {
      addWebhook: (config) => dispatcher.add(config),
      removeWebhook: (id) => dispatcher.remove(id),
      webhooks: dispatcher.webhooks,
      webhookDeliveries: dispatcher.deliveries,
      duplicateNextWebhook: (times) => dispatcher.duplicateNextDelivery(times),
      setWebhookFaults: (plan) => dispatcher.setFaults(plan),
      webhooksSettled: () => dispatcher.settled(),
    },
    close: () => dispatcher.close(),
  };
}
