import { startEmulator } from '@parley/emulator';
import { describe, expect, it } from 'vitest';
import { emulatorClient } from './helpers.js';

// A random fault plan on every read: the listings must still come back whole, through retries.
describe.each(['ultracart', 'sunshine'] as const)('%s under a random fault plan', (provider) => {
  it('walks every conversation despite 429s, 503s and resets', async () => {
    const emulator = await startEmulator({
      seed: 5,
      conversations: 300,
      faults: {
        rate: 0.3,
        kinds: ['429', '503', 'reset'],
        seed: 9,
        retryAfterSeconds: 0,
        match: { method: 'GET' },
      },
    });
    try {
      const client = emulatorClient(emulator, provider, { retry: { limit: 6, maxRetryAfterMs: 1_000 } });
      const params =
        provider === 'sunshine' ? { userExternalId: emulator.facts.sunshine.powerUser.externalId } : {};
      const ids: string[] = [];
      for await (const conversation of client.conversations.list({ ...params, limit: 50 }))
        ids.push(conversation.id);
      const expected =
        provider === 'sunshine'
          ? emulator.facts.sunshine.powerUser.conversationCount
          : emulator.facts.ultracart.conversationCount;
      expect(new Set(ids).size).toBe(expected);
      expect(ids).toHaveLength(expected);
      // The plan did strike: some requests failed and were retried.
      expect(emulator.requests.some((r) => r.fault !== undefined)).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});
