import { ConversationError } from '../errors/conversation-error.js';
import { unsupportedError } from '../errors/error-factories.js';
import { deliverOnce } from '../events/deliver-once.js';
import { createMemoryEventStore } from '../events/event-store.js';
import type { EventHandler, EventSubscription, SubscribeOptions } from '../events/event-subscription.js';
import type { ConversationProviderV1 } from '../provider/v1/conversation-provider-v1.js';

const refuse = (provider: string, message: string) =>
  new ConversationError({ code: 'invalid_request', message, provider, operation: 'events.subscribe' });

// Pull providers have no webhook: whatever reaches it is answered like an unknown route.
const noWebhook = async () =>
  new Response(JSON.stringify({ error: 'not_found', message: 'this provider delivers events by polling' }), {
    status: 404,
    headers: { 'content-type': 'application/json' },
  });

/**
 * Starts a provider's subscription with what every provider shares: the default store, a unique
 * owner, once-only delivery, and a close that stops it and waits until it is idle.
 */
export function subscribe(
  provider: ConversationProviderV1<unknown>,
  handler: EventHandler,
  options: SubscribeOptions = {},
): EventSubscription {
  const name = provider.name;
  if (provider.subscribe === undefined) throw unsupportedError(name, 'events.subscribe');
  if (typeof handler !== 'function') throw refuse(name, 'handler must be a function');
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 100 || pollIntervalMs > 3_600_000)
    throw refuse(name, 'options.pollIntervalMs must be an integer from 100 to 3600000');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw refuse(name, 'options.signal must be an AbortSignal');
  const store = options.store ?? createMemoryEventStore();
  const owner = `${name}-${globalThis.crypto.randomUUID()}`;
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  const onError = options.onError ?? (() => {});
  let started: ReturnType<NonNullable<typeof provider.subscribe>>;
  try {
    started = provider.subscribe({
      deliver: deliverOnce({ store, owner, scope: name, handler }),
      store,
      owner,
      signal: controller.signal,
      pollIntervalMs,
      onError,
    });
  } catch (error) {
    controller.abort();
    if (ConversationError.isInstance(error)) throw error.withContext(name, 'events.subscribe');
    throw error;
  }
  // A poller that fails for good reports it; close() still settles.
  const done = started.done?.catch((error: unknown) => onError(error));
  return {
    webhook: started.webhook ?? noWebhook,
    close: async () => {
      options.signal?.removeEventListener('abort', stop);
      controller.abort();
      await done;
    },
  };
}
