import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseActivityRate, startActivityStream } from './activity-stream.js';
import { startEmulator } from './index.js';
import type { SunshineActivity } from './sunshine/activity.js';
import { list, obj, uc } from './testing/http-helpers.js';
import type { UltraCartActivity } from './ultracart/activity.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Targets that only count what they are asked to do. */
function fakeTargets(failSunshine = false) {
  const calls: string[] = [];
  const ultracart = {
    customerMessage: () => {
      calls.push('uc:message');
      return { messageUuid: `m${calls.length}` };
    },
    newConversation: () => {
      calls.push('uc:conversation');
      return { conversationUuid: `c${calls.length}` };
    },
  } as unknown as UltraCartActivity;
  const sunshine = {
    customerMessage: () => {
      if (failSunshine) throw new Error('no conversation');
      calls.push('sc:message');
      return { messageId: `s${calls.length}` };
    },
  } as unknown as SunshineActivity;
  return { calls, targets: { ultracart, sunshine } };
}

describe('activity rate', () => {
  it('reads N/min, N/s, N/h and a bare N (per minute)', () => {
    expect(parseActivityRate('30/min')).toBe(30);
    expect(parseActivityRate('30/m')).toBe(30);
    expect(parseActivityRate('12')).toBe(12);
    expect(parseActivityRate('2/s')).toBe(120);
    expect(parseActivityRate('90/h')).toBe(1.5);
    expect(parseActivityRate(' 1.5 / minute ')).toBe(1.5);
    for (const bad of ['', 'fast', '0/min', '-1/min', '5/day', '2000/s'])
      expect(() => parseActivityRate(bad), bad).toThrow(RangeError);
  });
});

describe('activity stream', () => {
  it('ticks at the rate, mixes UltraCart kinds from the seed, drives Sunshine too, and stops', () => {
    vi.useFakeTimers();
    const run = (seed: number) => {
      const { calls, targets } = fakeTargets();
      const stream = startActivityStream({ perMinute: 600, seed, newConversationShare: 0.5 }, targets);
      vi.advanceTimersByTime(1_000);
      stream.stop();
      vi.advanceTimersByTime(1_000);
      return { calls, events: stream.events };
    };
    const { calls, events } = run(3);
    // 600/min is one tick every 100 ms: 10 ticks, each one UltraCart and one Sunshine activity.
    expect(events).toHaveLength(20);
    expect(calls.filter((c) => c === 'sc:message')).toHaveLength(10);
    expect(calls.filter((c) => c.startsWith('uc:'))).toHaveLength(10);
    expect(new Set(calls)).toEqual(new Set(['uc:message', 'uc:conversation', 'sc:message']));
    expect(run(3).calls).toEqual(calls);
    expect(run(4).calls).not.toEqual(calls);
  });

  it('records a failing activity and goes on', () => {
    vi.useFakeTimers();
    const { calls, targets } = fakeTargets(true);
    const stream = startActivityStream({ perMinute: 60, newConversationShare: 0 }, targets);
    vi.advanceTimersByTime(2_000);
    stream.stop();
    expect(calls).toEqual(['uc:message', 'uc:message']);
    expect(stream.events.filter((e) => e.kind === 'error')).toEqual([
      { provider: 'sunshine', kind: 'error', error: 'no conversation' },
      { provider: 'sunshine', kind: 'error', error: 'no conversation' },
    ]);
  });

  it('checks its options', () => {
    const { targets } = fakeTargets();
    expect(() => startActivityStream({ perMinute: 0 }, targets)).toThrow(RangeError);
    expect(() => startActivityStream({ perMinute: 10, newConversationShare: 2 }, targets)).toThrow(
      RangeError,
    );
  });

  it('runs inside startEmulator: UltraCart shows it by polling, Sunshine sends webhooks, close stops it', async () => {
    const types: string[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = obj(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        for (const event of list(body.events)) types.push(String(event.type));
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const emu = await startEmulator({
      conversations: 20,
      activity: { perMinute: 3_000 },
      webhooks: [{ target, triggers: ['conversation:message'] }],
    });
    try {
      const started = Date.now();
      const newest = async () => {
        const page = obj((await uc(emu, 'GET', '/conversation/conversations?_limit=1')).body);
        return list(page.conversations)[0];
      };
      await expect
        .poll(async () => Date.parse(String((await newest())?.last_message_dts)), { timeout: 3_000 })
        .toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
      await expect.poll(() => types.length, { timeout: 3_000 }).toBeGreaterThan(2);
      expect(new Set(types)).toEqual(new Set(['conversation:message']));
    } finally {
      const cleared = vi.spyOn(globalThis, 'clearInterval');
      await emu.close();
      expect(cleared).toHaveBeenCalledTimes(1);
      cleared.mockRestore();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
