import { createConversations } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedCustomer } from './customers.js';
import { LIVE_TEXT, runLive } from './live.js';
import { adapters } from './providers.js';

describe('runLive (the demo’s live section) on the emulator', () => {
  let emulator: Emulator;
  const webhookSecret = 'whsec-demo-test';
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 42 });
  });
  afterAll(() => emulator.close());

  const client = (provider: 'ultracart' | 'sunshine') =>
    createConversations({
      adapters,
      config: {
        provider,
        ultracart: {
          apiKey: emulator.ultracart.apiKey,
          baseUrl: emulator.ultracart.baseUrl,
          budget: false,
          events: { maxIntervalMs: 400 },
        },
        sunshine: { ...emulator.sunshine, webhookSecret },
      },
    });

  it.each([
    ['ultracart', 'unknown'],
    ['sunshine', 'customer'],
  ] as const)('%s: prints the customer’s message as a neutral event, then closes', async (provider, role) => {
    const lines: string[] = [];
    const before = emulator.webhooks.length;
    const live = await runLive(client(provider), emulatedCustomer(emulator, provider, webhookSecret), {
      log: (line) => lines.push(line),
    });
    expect(live.event).toMatch(
      new RegExp(`^message\\.created \\S+ ${role}: ${LIVE_TEXT.replace(/[?()]/g, '\\$&')}$`),
    );
    expect(live.handled).toBe(1);
    expect(lines[0]).toBe(`live: subscribed; a customer writes "${LIVE_TEXT}"`);
    expect(lines[1]).toMatch(/^live: message\.created .+ \(after \d+ ms\)$/);
    // Closed: the emulator's webhook (Sunshine) is gone, and no poll (UltraCart) follows.
    expect(emulator.webhooks).toHaveLength(before);
    const requests = emulator.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator.requests).toHaveLength(requests);
  });
});
