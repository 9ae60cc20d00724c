import { ConversationError } from '@parley/core';
import type { ProviderSubscribeOptions, ProviderSubscription } from '@parley/core/provider';
import { createWebhookEndpoint } from './webhook-endpoint.js';

/**
 * Sunshine's side of `client.events.subscribe`: Sunshine pushes, so the subscription is a webhook
 * endpoint (see `createWebhookEndpoint`) that checks `X-API-Key` against `webhookSecret` and hands
 * each event to `options.deliver` (the client's once-only delivery over the subscription's store).
 * A failed delivery answers 500, so Sunshine retries and `deliver` runs what is not done yet; a
 * subscription closed (its signal aborted) answers 503, so the events wait for Sunshine's retry.
 *
 * @throws ConversationError `invalid_config` naming `sunshine.webhookSecret` when it is not set.
 */
export function subscribeWebhook(
  webhookSecret: string | undefined,
  options: ProviderSubscribeOptions,
): ProviderSubscription {
  if (webhookSecret === undefined)
    throw new ConversationError({
      code: 'invalid_config',
      message:
        'events.subscribe needs sunshine.webhookSecret (SUNSHINE_WEBHOOK_SECRET for configFromEnv): the secret Sunshine generated for the webhook and sends in X-API-Key',
      provider: 'sunshine',
      operation: 'events.subscribe',
    });
  const webhook = createWebhookEndpoint({
    secret: webhookSecret,
    operation: 'events.subscribe',
    deliver: async (event) => {
      await options.deliver(event);
      return undefined;
    },
    onError: (error) => options.onError(error),
    signal: options.signal,
  });
  return { webhook };
}
