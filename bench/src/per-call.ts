// Per-call cost of `conversations.get` (50 messages) through Parley and its baselines, interleaved
// in one process against the emulator running in a child process. Run from the esbuild bundle.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ConversationClient } from '@parley/core';
import { ApiClient, ConversationsApi, MessagesApi, ParticipantsApi } from 'sunshine-conversations-client';
import { startEmulatorChild } from './emulator-child.js';
import type { EmulatorInfo } from './emulator-protocol.js';
import { fetchBaseline, nodeHttpBaseline, type RecordedRequest, recordingFetch } from './http-baselines.js';
import { type Provider, parleyClient } from './parley-client.js';
import { cpuMicros, median, percentile, rotate, round } from './stats.js';

/** One way of doing the same `conversations.get`. */
interface Contender {
  name: string;
  call: () => Promise<unknown>;
}

/** Per-call numbers of one contender. */
export interface PerCallResult {
  provider: Provider;
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
// Parley at an earlier revision, bundled by main.ts (src/previous.ts) when BENCH_PREVIOUS is set.
const PREVIOUS_BUNDLE = process.env.BENCH_PREVIOUS_BUNDLE;
const PREVIOUS_LABEL = process.env.BENCH_PREVIOUS_LABEL ?? 'previous';
type ParleyClientModule = typeof import('./parley-client.js');
const previous =
  PREVIOUS_BUNDLE === undefined
    ? undefined
    : ((await import(pathToFileURL(PREVIOUS_BUNDLE).href)) as ParleyClientModule);

/** The official client doing what Parley's Sunshine `get` does: three reads in parallel. */
function official(info: EmulatorInfo, id: string): () => Promise<unknown> {
  // A client of its own rather than the global `ApiClient.instance` singleton.
  const client = new ApiClient();
  client.basePath = info.sunshine.baseUrl;
  client.authentications.basicAuth.username = info.sunshine.keyId;
  client.authentications.basicAuth.password = info.sunshine.keySecret;
  const conversations = new ConversationsApi(client);
  const participants = new ParticipantsApi(client);
  const messages = new MessagesApi(client);
  const app = info.sunshine.appId;
  return () =>
    Promise.all([
      conversations.getConversation(app, id),
      participants.listParticipants(app, id, { page: { size: 100 } }),
      messages.listMessages(app, id),
    ]);
}

async function contenders(
  info: EmulatorInfo,
  provider: Provider,
): Promise<{ list: Contender[]; requests: number }> {
  const id = provider === 'ultracart' ? info.ultracartLongConversation : info.sunshineLongConversation;
  const get = (client: ConversationClient) => () => client.conversations.get(id, { messageLimit: MESSAGES });
  // The baselines replay exactly the requests one Parley call sends (Sunshine: conversation,
  // participants and the newest messages page, sent in parallel as Parley sends them).
  const recorded: RecordedRequest[] = [];
  const probe = await parleyClient(info, provider, recordingFetch(recorded)).conversations.get(id, {
    messageLimit: MESSAGES,
  });
  if (probe.messages?.length !== MESSAGES) throw new Error(`expected ${MESSAGES} messages`);
  const list: Contender[] = [
    { name: 'parley', call: get(parleyClient(info, provider)) },
    // The same two paths (default; fetch passed) at the earlier revision, for the `× previous` ratios.
    ...(previous === undefined
      ? []
      : [
          { name: `parley @ ${PREVIOUS_LABEL}`, call: get(previous.parleyClient(info, provider)) },
          {
            name: `parley @ ${PREVIOUS_LABEL} + global fetch`,
            call: get(previous.parleyClient(info, provider, globalThis.fetch)),
          },
        ]),
    { name: 'parley + global fetch', call: get(parleyClient(info, provider, globalThis.fetch)) },
    { name: 'fetch + JSON.parse', call: fetchBaseline(recorded) },
    { name: 'node:http keep-alive', call: nodeHttpBaseline(recorded) },
  ];
  if (provider === 'sunshine') list.push({ name: 'sunshine-conversations-client', call: official(info, id) });
  return { list, requests: recorded.length };
}

async function measure(provider: Provider, info: EmulatorInfo): Promise<PerCallResult[]> {
  const { list, requests } = await contenders(info, provider);
  const perRound = Math.ceil(CALLS / ROUNDS);
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
      contender: contender.name,
      calls: times.length,
      requestsPerCall: requests,
      wallMedianUs: round(median(times), 1),
      wallP90Us: round(percentile(times, 90), 1),
      cpuPerCallUs: round(median(cpu.get(contender.name) ?? []), 1),
    };
  });
}

const emulator = await startEmulatorChild(60);
try {
  const results = [
    ...(await measure('ultracart', emulator.info)),
    ...(await measure('sunshine', emulator.info)),
  ];
  const out = process.argv[2];
  if (out === undefined) console.log(JSON.stringify(results, null, 2));
  else writeFileSync(out, JSON.stringify(results));
} finally {
  await emulator.close();
}
