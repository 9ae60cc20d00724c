import { createMemoryEventStore } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { liveClient, pause, positioned, type Recorded, record, until } from './__fixtures__/live-events.js';
import { senders } from './helpers.js';

// UltraCart's rate limit (a leaky bucket per credential, 429 when it overflows) on the emulator,
// with emulated time running 720x: 20 requests per emulated hour drain at 4 a second. A client
// whose budget has the same rate polls within half of it, under steady activity, and never
// receives a 429; a poller without a budget, on the same limit, does.

const PER_HOUR = 20;
const TIME_SCALE = 720;
/** The emulated limit in real time: what a client's budget is set to. */
const REAL_PER_HOUR = PER_HOUR * TIME_SCALE;

let emulator: Emulator | undefined;
const running: Recorded[] = [];
afterEach(async () => {
  for (const one of running.splice(0)) await one.subscription.close();
  await emulator?.close();
  emulator = undefined;
});

const start = async () => {
  emulator = await startEmulator({
    seed: 31,
    ultracart: { rateLimit: { perHour: PER_HOUR, perDay: 1_000_000, timeScale: TIME_SCALE } },
  });
  return emulator;
};

for (const { sender, fetch } of senders)
  describe(`UltraCart live events under the emulator's rate limit [${sender}]`, () => {
    it('a long poll paced by the budget never receives a 429 and delivers every message', async () => {
      const em = await start();
      const requests: string[] = [];
      const client = liveClient(em, 'ultracart', {
        fetch,
        requests,
        budget: { perHour: REAL_PER_HOUR, perDay: REAL_PER_HOUR * 24 },
      });
      const from = em.requests.length;
      const live = record(client, { store: createMemoryEventStore() });
      running.push(live);
      await positioned(em, from);
      const conversation = em.facts.ultracart.joinedConversationUuid;
      const sent: string[] = [];
      const began = Date.now();
      while (Date.now() - began < 3_000) {
        sent.push(
          `message:${em.ultracart.activity.customerMessage(conversation, 'still there?').messageUuid}`,
        );
        await pause(250);
      }
      await until(() => live.handled.length >= sent.length, 6_000);
      await pause(300);
      expect(live.handled.map((event) => event.id)).toEqual(sent);
      expect(em.ultracart.rateLimit.refused).toBe(0);
      expect(em.requests.filter((r) => r.provider === 'ultracart' && r.status === 429)).toEqual([]);
      expect(live.errors).toEqual([]);
      // The limit was in play: the poller spent a good part of what it allows.
      expect(requests.length).toBeGreaterThan(6);
    });
  });

describe('UltraCart live events without a budget', () => {
  it('the same limit refuses a poller with no budget (so the limit is real)', async () => {
    const em = await start();
    const live = record(liveClient(em, 'ultracart'), { store: createMemoryEventStore() });
    running.push(live);
    // The same activity as above, so each poll that finds a message costs three requests.
    const conversation = em.facts.ultracart.joinedConversationUuid;
    const activity = setInterval(() => em.ultracart.activity.customerMessage(conversation, 'hello?'), 100);
    await until(() => em.ultracart.rateLimit.refused > 0, 6_000).finally(() => clearInterval(activity));
    expect(em.requests.some((r) => r.provider === 'ultracart' && r.status === 429)).toBe(true);
  });
});
