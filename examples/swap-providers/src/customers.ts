import type { Emulator } from '@parley/emulator';
import { EMULATED_WEBHOOK_TRIGGERS } from '@parley/emulator';
import type { LiveCustomer } from './live.js';

/** Waits until `done` holds, checking every 20 ms; rejects when `signal` aborts first. */
async function until(done: () => boolean, signal: AbortSignal): Promise<void> {
  while (!done()) {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The emulator's customers, through its activity API. Sunshine: the emulator posts its webhooks
 * (with `webhookSecret`, the secret in the client's config, in `X-API-Key`) to the live section's URL.
 * UltraCart: nothing to register; the customer waits until the subscription's first poll (its
 * second conversation-list request), so the message comes after the subscription's "now".
 */
export function emulatedCustomer(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  webhookSecret = '',
): LiveCustomer {
  let webhookId: string | undefined;
  if (provider === 'ultracart') {
    let from = 0;
    const lists = () =>
      emulator.requests
        .slice(from)
        .filter((r) => r.method === 'GET' && /\/conversation\/conversations$/.test(r.path)).length;
    return {
      // Counted from when the section starts: the tour listed conversations before it.
      ready: (_url, signal) => {
        from = emulator.requests.length;
        return until(() => lists() >= 2, signal);
      },
      say: (text) => void emulator.ultracart.activity.customerMessage(undefined, text),
      disconnect: () => {},
    };
  }
  return {
    ready: async (url) => {
      webhookId = emulator.addWebhook({
        target: url,
        secret: webhookSecret,
        triggers: [...EMULATED_WEBHOOK_TRIGGERS],
      }).id;
    },
    say: (text) => void emulator.sunshine.activity.customerMessage(undefined, text),
    disconnect: () => {
      if (webhookId !== undefined) emulator.removeWebhook(webhookId);
    },
  };
}
