// Per-call cost of three reads (`conversations.get` with 50 messages, a conversation list page, a
// messages page) through Parley and its baselines, interleaved in one process against the emulator
// running in a child process. Run from the esbuild bundle.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ConversationClient } from '@parley/core';
import { startEmulatorChild } from './emulator-child.js';
import type { EmulatorInfo } from './emulator-protocol.js';
import { fetchBaseline, nodeHttpBaseline, type RecordedRequest, recordingFetch } from './http-baselines.js';
import { officialCall } from './official-client.js';
import { type Provider, parleyClient } from './parley-client.js';
import { cpuMicros, median, percentile, rotate, round } from './stats.js';

/** One way of doing the same call. */
interface Contender {
  name: string;
  call: () => Promise<unknown>;
}

/** The reads measured. */
export type Operation = 'get' | 'list page' | 'messages page';

/** Per-call numbers of one contender. */
export interface PerCallResult {
  provider: Provider;
  operation: Operation;
  contender: string;
  calls: number;
  /** HTTP requests one call makes. */
  requestsPerCall: number;
  wallMedianUs: number;
  wallP90Us: number;
  /** Median over rounds of (CPU time of the round / calls in the round). */
  cpuPerCallUs: number;
}

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const ROUNDS = 10;
const MESSAGES = 50;
const PAGE = 100;
// Parley at an earlier revision, bundled by main.ts (src/previous.ts) when BENCH_PREVIOUS is set.
const PREVIOUS_BUNDLE = process.env.BENCH_PREVIOUS_BUNDLE;
const PREVIOUS_LABEL = process.env.BENCH_PREVIOUS_LABEL ?? 'previous';
type ParleyClientModule = typeof import('./parley-client.js');
const previous =
  PREVIOUS_BUNDLE === undefined
    ? undefined
    : ((await import(pathToFileURL(PREVIOUS_BUNDLE).href)) as ParleyClientModule);

/** What each operation does through a Parley client, and how many items it must bring. */
function operationCall(
  info: EmulatorInfo,
  provider: Provider,
  operation: Operation,
): {
  run: (client: ConversationClient) => Promise<unknown>;
  items: (result: unknown) => number;
  expected: number;
} {
  const id = provider === 'ultracart' ? info.ultracartLongConversation : info.sunshineLongConversation;
  if (operation === 'get')
    return {
      run: (client) => client.conversations.get(id, { messageLimit: MESSAGES }),
      items: (result) => (result as { messages?: unknown[] }).messages?.length ?? 0,
      expected: MESSAGES,
    };
  const count = (result: unknown) => (result as { items: unknown[] }).items.length;
  if (operation === 'list page') {
    const params = provider === 'sunshine' ? { userId: info.sunshinePowerUser } : {};
    return {
      run: (client) => client.conversations.list({ ...params, limit: PAGE }),
      items: count,
      expected: PAGE,
    };
  }
  // Each provider's one-request order: UltraCart pages oldest first, Sunshine newest first.
  const order = provider === 'ultracart' ? 'asc' : 'desc';
  return { run: (client) => client.messages.list(id, { limit: PAGE, order }), items: count, expected: PAGE };
}

async function contenders(
  info: EmulatorInfo,
  provider: Provider,
  operation: Operation,
): Promise<{ list: Contender[]; requests: number }> {
  const { run, items, expected } = operationCall(info, provider, operation);
  // The baselines replay exactly the requests one Parley call sends (Sunshine `get`: conversation,
  // participants and the newest messages page, sent in parallel as Parley sends them).
  const recorded: RecordedRequest[] = [];
  const probe = await run(parleyClient(info, provider, recordingFetch(recorded)));
  if (items(probe) !== expected) throw new Error(`${provider} ${operation}: expected ${expected} items`);
  const call = (client: ConversationClient) => () => run(client);
  const list: Contender[] = [
    { name: 'parley', call: call(parleyClient(info, provider)) },
    // The same two paths (default; fetch passed) at the earlier revision, for the `× previous` ratios.
    ...(previous === undefined
      ? []
      : [
          { name: `parley @ ${PREVIOUS_LABEL}`, call: call(previous.parleyClient(info, provider)) },
          {
            name: `parley @ ${PREVIOUS_LABEL} + global fetch`,
            call: call(previous.parleyClient(info, provider, globalThis.fetch)),
          },
        ]),
    { name: 'parley + global fetch', call: call(parleyClient(info, provider, globalThis.fetch)) },
    { name: 'fetch + JSON.parse', call: fetchBaseline(recorded) },
    { name: 'node:http keep-alive', call: nodeHttpBaseline(recorded) },
  ];
  if (provider === 'sunshine') {
    const official = officialCall(info, operation);
    // The official client must bring as much as Parley does (its answers are model objects).
    const answer = (await official()) as { conversations?: unknown[]; messages?: unknown[] };
    const got = answer.conversations?.length ?? answer.messages?.length;
    if (operation !== 'get' && got !== PAGE)
      throw new Error(`official client ${operation}: ${got} items, expected ${PAGE}`);
    list.push({ name: 'sunshine-conversations-client', call: official });
  }
  return { list, requests: recorded.length };
}

async function measure(
  provider: Provider,
  operation: Operation,
  info: EmulatorInfo,
): Promise<PerCallResult[]> {
  const { list, requests } = await contenders(info, provider, operation);
  // Pages answer with 100 items (UltraCart's list page is ~190 kB): fewer calls, as many rounds.
  const calls = operation === 'get' ? CALLS : Math.ceil(CALLS / 4);
  const perRound = Math.ceil(calls / ROUNDS);
  const wall = new Map<string, number[]>(list.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(list.map((c) => [c.name, []]));
  // Warm-up: JIT, sockets and caches, unmeasured.
  for (const contender of list) for (let i = 0; i < 100; i++) await contender.call();
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of rotate(list, round)) {
      const times = wall.get(contender.name) ?? [];
      const startCpu = process.cpuUsage();
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        await contender.call();
        times.push((performance.now() - start) * 1000);
      }
      cpu.get(contender.name)?.push(cpuMicros(startCpu) / perRound);
    }
  }
  return list.map((contender) => {
    const times = wall.get(contender.name) ?? [];
    return {
      provider,
      operation,
      contender: contender.name,
      calls: times.length,
      requestsPerCall: requests,
      wallMedianUs: round(median(times), 1),
      wallP90Us: round(percentile(times, 90), 1),
      cpuPerCallUs: round(median(cpu.get(contender.name) ?? []), 1),
    };
  });
}

const emulator = await startEmulatorChild({ conversations: 300 });
try {
  const results: PerCallResult[] = [];
  for (const provider of ['ultracart', 'sunshine'] as const)
    for (const operation of ['get', 'list page', 'messages page'] as const)
      results.push(...(await measure(provider, operation, emulator.info)));
  const out = process.argv[2];
  if (out === undefined) console.log(JSON.stringify(results, null, 2));
  else writeFileSync(out, JSON.stringify(results));
} finally {
  await emulator.close();
}
