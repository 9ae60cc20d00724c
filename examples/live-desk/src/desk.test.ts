import { type RedisServer, startRedisServer } from '@parley/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_MESSAGES } from './activity.js';
import { type LiveDeskReport, runLiveDesk } from './desk.js';

// The whole program in-process on the local emulator (an empty environment: no credentials), once
// per provider: only `provider` differs between the runs.

const [first, second, third] = CUSTOMER_MESSAGES;

/** Runs the desk and keeps what it printed. */
async function run(options: Parameters<typeof runLiveDesk>[0]) {
  const lines: string[] = [];
  const report = await runLiveDesk({ env: {}, pollIntervalMs: 100, ...options, log: (l) => lines.push(l) });
  const printed = lines.filter((line) => /^(\[replica \d\] )?event /.test(line));
  return { report, lines, printed };
}

/** The printed event lines without the `[replica n]` label: what happened, whoever handled it. */
const unlabelled = (printed: string[]) => printed.map((line) => line.replace(/^\[replica \d\] /, ''));

/** Printed event lines, as `event  <type padded> <conversation>  <detail>`. */
const line = (type: string, conversation: string, detail: string) =>
  `event     ${type.padEnd(20)} ${conversation}  ${detail}`;

/** The events the generated UltraCart activity makes, in order. */
function ultracartExpected(report: LiveDeskReport): string[] {
  const created = report.events.find(({ event }) => event.type === 'conversation.created')?.event;
  const joined = report.events.find(({ event }) => event.type === 'participant.joined')?.event;
  const started = created?.conversationId ?? '?';
  const existing = report.events[0]?.event.conversationId ?? '?';
  const who = joined?.type === 'participant.joined' ? joined.participant.name : '?';
  return [
    line('message.created', existing, `unknown: ${first}`),
    line('conversation.created', started, 'webchat'),
    line('participant.joined', started, `${who} (unknown)`),
    line('message.created', started, `unknown: ${second}`),
    line('message.created', started, `unknown: ${third}`),
  ];
}

/** The events the generated Sunshine activity makes, in order. */
function sunshineExpected(report: LiveDeskReport): string[] {
  const [a, b] = [...new Set(report.events.map(({ event }) => event.conversationId ?? '?'))];
  return [
    line('typing.started', a ?? '?', 'by customer'),
    line('message.created', a ?? '?', `customer: ${first}`),
    line('typing.stopped', a ?? '?', 'by customer'),
    line('message.created', b ?? '?', `customer: ${second}`),
    line('conversation.read', b ?? '?', 'by customer'),
    line('message.created', b ?? '?', `customer: ${third}`),
  ];
}

describe('live desk on the memory store', () => {
  it('prints UltraCart events found by polling, each once, and stops once they arrived', async () => {
    const { report, lines, printed } = await run({ provider: 'ultracart' });
    expect(report.provider).toBe('ultracart');
    expect(report.events.map(({ event }) => event.provider)).toEqual(report.events.map(() => 'ultracart'));
    expect(printed).toEqual(ultracartExpected(report));
    expect(report.events[0]?.event.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.replicas).toEqual([
      { replica: 1, handled: 5, deliveries: 0, requests: expect.any(Number) },
    ]);
    expect(report.replicas[0]?.requests).toBeGreaterThan(2);
    expect(report.missing).toEqual([]);
    expect(lines).toContain('summary   5 event(s) handled, each once; 0 webhook delivery(ies) received');
    expect(lines).toContain('summary   the subscription polled');
    expect(lines.at(-1)).toBe('summary   all 3 customer messages arrived');
  });

  it('prints the same program’s Sunshine events from the emulator’s webhooks, duplicates skipped', async () => {
    const { report, lines, printed } = await run({ provider: 'sunshine' });
    expect(report.provider).toBe('sunshine');
    expect(printed).toEqual(sunshineExpected(report));
    expect(report.events[0]?.event.conversationId).toMatch(/^[0-9a-f]{24}$/);
    const [replica] = report.replicas;
    expect(replica?.handled).toBe(6);
    expect(replica?.requests).toBe(0);
    // Half the deliveries were sent twice by the emulator's fault: more deliveries than events.
    expect(replica?.deliveries).toBeGreaterThan(6);
    expect(report.repeated).toEqual([]);
    expect(lines).toContain('summary   no replica polled: the events came by webhook');
    expect(lines.at(-1)).toBe('summary   all 3 customer messages arrived');
  });

  it('refuses --replicas 2 without REDIS_URL before starting anything', async () => {
    await expect(run({ provider: 'ultracart', replicas: 2 })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('needs REDIS_URL'),
    });
  });

  it('stops at once, cleanly, when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { report, lines } = await run({ provider: 'sunshine', signal: controller.signal });
    expect(report.events).toEqual([]);
    expect(report.missing).toEqual([...CUSTOMER_MESSAGES]);
    expect(lines.at(-1)).toBe(`summary   missing: ${CUSTOMER_MESSAGES.join(' | ')}`);
  });
});

describe('live desk --replicas 2 on a real redis-server (REDIS_URL)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.stop());

  it('UltraCart: one replica holds the poller lease and polls; each event is handled once', async () => {
    const { report, lines, printed } = await run({
      provider: 'ultracart',
      replicas: 2,
      env: { REDIS_URL: redis.url },
    });
    expect(report.store).toBe('redis');
    expect(unlabelled(printed)).toEqual(ultracartExpected(report));
    const polling = report.replicas.filter((r) => r.requests > 0);
    expect(polling).toHaveLength(1);
    const leader = polling[0]?.replica;
    // The replica that polls is the one whose handler receives every event.
    expect(new Set(report.events.map((e) => e.replica))).toEqual(new Set([leader]));
    expect(printed.every((l) => l.startsWith(`[replica ${leader}] event `))).toBe(true);
    expect(lines).toContain(
      `summary   replica ${leader} polled (it held the poller lease); the others stood by`,
    );
    expect(report.repeated).toEqual([]);
  });

  it('Sunshine: deliveries spread over both replicas, duplicates included; each event is handled once', async () => {
    const { report, lines, printed } = await run({
      provider: 'sunshine',
      replicas: 2,
      env: { REDIS_URL: redis.url },
    });
    expect(report.store).toBe('redis');
    const events = report.events.map(({ event }) => event);
    expect(new Set(events.map((e) => e.id)).size).toBe(6);
    expect(report.repeated).toEqual([]);
    // A copy can land on the other replica, which then skips it: every event line is still unique.
    expect(unlabelled(printed).sort()).toEqual(sunshineExpected(report).sort());
    for (const replica of report.replicas) {
      expect(replica.deliveries).toBeGreaterThan(0);
      expect(replica.requests).toBe(0);
    }
    expect(report.replicas.reduce((sum, r) => sum + r.handled, 0)).toBe(6);
    expect(report.replicas.reduce((sum, r) => sum + r.deliveries, 0)).toBeGreaterThan(6);
    expect(lines.at(-1)).toBe('summary   all 3 customer messages arrived');
  });
});
