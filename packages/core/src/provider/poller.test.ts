import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../events/conversation-event.js';
import { deliverOnce } from '../events/deliver-once.js';
import { createMemoryEventStore, type EventStore } from '../events/event-store.js';
import { runtimeImports } from '../testing/runtime-imports.js';
import { createRequestBudget } from '../transport/request-budget.js';
import { type PollerOptions, runPoller } from './poller.js';

/** Virtual time: every wait of every poller moves one shared clock. */
function virtualTime() {
  const time = {
    now: 1_000_000,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      time.now += ms;
      // Let other pollers and the test run between steps.
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
  return time;
}

/** A provider's activity: events stamped with the virtual instant they happened. */
function activity(time: { now: number }) {
  const log: { at: number; event: ConversationEvent }[] = [];
  let n = 0;
  return {
    add(conversationId = 'c-1') {
      const id = `m-${++n}`;
      log.push({
        at: time.now,
        event: {
          id,
          provider: 'fake',
          type: 'typing.started',
          occurredAt: new Date(time.now).toISOString(),
          conversationId,
          author: { role: 'customer' },
          raw: {},
        },
      });
      return id;
    },
    /** Everything after the checkpoint, the way a `since` query answers. */
    since: (checkpoint: { at: number; seq: number }) =>
      log.filter(
        (entry, index) => entry.at > checkpoint.at || (entry.at === checkpoint.at && index >= checkpoint.seq),
      ),
    log,
  };
}

function poller(options: {
  store: EventStore;
  owner: string;
  time: ReturnType<typeof virtualTime>;
  source: ReturnType<typeof activity>;
  handled: string[];
  polls?: string[];
  fail?: (event: ConversationEvent) => boolean;
  budget?: PollerOptions<unknown>['budget'];
  pollIntervalMs?: number;
}) {
  const controller = new AbortController();
  const { store, owner, time, source, handled } = options;
  const done = runPoller<{ at: number; seq: number }>({
    subscription: {
      deliver: deliverOnce({
        store,
        owner,
        scope: 'fake',
        handler: (event) => {
          if (options.fail?.(event)) throw new Error(`handler failed on ${event.id}`);
          handled.push(event.id);
        },
      }),
      store,
      owner,
      signal: controller.signal,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      onError: () => {},
    },
    account: 'fake:acct',
    start: async () => ({ checkpoint: { at: time.now, seq: source.log.length }, requests: 1 }),
    poll: async (checkpoint) => {
      options.polls?.push(`${owner}@${time.now}`);
      const found = source.since(checkpoint);
      return {
        events: found.map((entry) => entry.event),
        checkpoint: { at: time.now, seq: source.log.length },
        requests: 1,
      };
    },
    budget: options.budget,
    leaseTtlMs: 3_000,
    maxIntervalMs: 8_000,
    sleep: time.sleep,
  });
  return {
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

const until = async (condition: () => boolean, time: ReturnType<typeof virtualTime>) => {
  for (let i = 0; i < 10_000 && !condition(); i++) await time.sleep(0);
  expect(condition()).toBe(true);
};

describe('runPoller', () => {
  it('starts from now, then delivers new activity in order and resumes from the checkpoint after a restart', async () => {
    const time = virtualTime();
    const store = createMemoryEventStore({ now: () => time.now });
    const source = activity(time);
    source.add(); // history: never replayed
    const handled: string[] = [];
    const first = poller({ store, owner: 'p1', time, source, handled });
    await until(() => store !== undefined && handled.length === 0 && time.now > 1_002_000, time);
    const a = source.add();
    const b = source.add();
    await until(() => handled.length === 2, time);
    await first.close();
    const c = source.add(); // while nobody polls
    const second = poller({ store, owner: 'p2', time, source, handled });
    await until(() => handled.length === 3, time);
    await second.close();
    expect(handled).toEqual([a, b, c]);
  });

  it('polls from one process per account; another takes over within the lease TTL when it stops', async () => {
    const time = virtualTime();
    const store = createMemoryEventStore({ now: () => time.now });
    const source = activity(time);
    const handled: string[] = [];
    const polls: string[] = [];
    const one = poller({ store, owner: 'one', time, source, handled, polls });
    const two = poller({ store, owner: 'two', time, source, handled, polls });
    await until(() => polls.length >= 5, time);
    expect(new Set(polls.map((p) => p.split('@')[0])).size).toBe(1);
    const leader = polls[0]?.split('@')[0];
    const [stopping, staying] = leader === 'one' ? [one, two] : [two, one];
    source.add();
    await until(() => handled.length === 1, time);
    await stopping.close();
    const stoppedAt = time.now;
    const later = source.add();
    await until(() => handled.includes(later), time);
    const successor = polls.find((p) => !p.startsWith(`${leader}@`));
    expect(Number(successor?.split('@')[1]) - stoppedAt).toBeLessThanOrEqual(3_000);
    await staying.close();
    expect(handled).toHaveLength(2);
  });

  it('re-polls after a handler failure and hands each event over exactly once', async () => {
    const time = virtualTime();
    const store = createMemoryEventStore({ now: () => time.now });
    const source = activity(time);
    const handled: string[] = [];
    let failures = 0;
    const running = poller({
      store,
      owner: 'p',
      time,
      source,
      handled,
      fail: (event) => event.id === 'm-2' && failures++ < 2,
    });
    await time.sleep(2_000);
    source.add();
    source.add();
    source.add();
    await until(() => handled.length === 3, time);
    await time.sleep(20_000);
    await running.close();
    expect(handled).toEqual(['m-1', 'm-2', 'm-3']);
    expect(failures).toBe(3);
  });

  it('never polls faster than its share of the budget, whatever pollIntervalMs asks', async () => {
    const time = virtualTime();
    const store = createMemoryEventStore({ now: () => time.now });
    const source = activity(time);
    const polls: string[] = [];
    // 3,600/hour is one request a second; half of it is one poll every 2 s.
    const running = poller({
      store,
      owner: 'p',
      time,
      source,
      handled: [],
      polls,
      budget: createRequestBudget({ perHour: 3_600 }),
      pollIntervalMs: 100,
    });
    await until(() => polls.length >= 6, time);
    await running.close();
    const instants = polls.map((p) => Number(p.split('@')[1]));
    const gaps = instants.slice(1).map((at, i) => at - (instants[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2_000);
  });

  it('keeps its loop in a module that imports only types, so it loads with the first subscription', () => {
    // A run-time import would tie the loop to code every app loads, and a bundler would load it too.
    const source = readFileSync(new URL('./poll-loop.ts', import.meta.url), 'utf8');
    expect(source).toContain('export async function pollLoop');
    expect(runtimeImports(source)).toEqual([]);
  });
});
