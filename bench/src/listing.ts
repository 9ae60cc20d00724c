// Full listing: `for await` over every conversation through Parley vs hand-written paging loops
// (`node:http`, the floor; the global fetch, for comparison), each also with 20 µs of caller work
// per item, interleaved in one process; requests counted by the emulator (a child process).
import { writeFileSync } from 'node:fs';
import { type EmulatorChild, startEmulatorChild } from './emulator-child.js';
import type { EmulatorInfo } from './emulator-protocol.js';
import { type RecordedRequest, recordingFetch } from './http-baselines.js';
import { type Provider, parleyClient } from './parley-client.js';
import { fetchLoop, type ItemVisitor, nodeHttpLoop } from './raw-listing.js';
import { median, round } from './stats.js';

/** One contender's listing numbers (medians over rounds). */
export interface ListingResult {
  provider: Provider;
  contender: string;
  /** Caller work per item, µs (busy CPU, as a handler doing real work). */
  workPerItemUs: number;
  itemsPerListing: number;
  requestsPerListing: number;
  /** The fewest requests the provider's page limit allows. */
  minimumRequests: number;
  wallMs: number;
  /** Peak RSS above the RSS at the start of the run (after a full GC). */
  peakRssGrowthMb: number;
}

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_LISTING_ROUNDS ?? 3);
const WORK_US = 20;

/** Tracks the peak RSS of a run. */
class RssPeak {
  readonly start: number;
  #peak: number;
  constructor() {
    globalThis.gc?.();
    this.start = process.memoryUsage.rss();
    this.#peak = this.start;
  }
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.#peak) this.#peak = rss;
  }
  get growthMb(): number {
    return (this.#peak - this.start) / 2 ** 20;
  }
}

/** Keeps the CPU busy for `us` microseconds: the caller's work on one item. */
function work(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

function listParams(info: EmulatorInfo, provider: Provider) {
  return provider === 'sunshine' ? { userId: info.sunshinePowerUser } : {};
}

/** Parley's listing: every item through `for await`. */
function parleyListing(info: EmulatorInfo, provider: Provider) {
  const parley = parleyClient(info, provider);
  return async (visit: ItemVisitor): Promise<number> => {
    let count = 0;
    for await (const conversation of parley.conversations.list(listParams(info, provider))) {
      if (conversation.id === '') throw new Error('empty id');
      visit(count++);
    }
    return count;
  };
}

/** The first request of Parley's listing (URL and headers), which the raw loops start from. */
async function firstRequest(info: EmulatorInfo, provider: Provider): Promise<RecordedRequest> {
  const recorded: RecordedRequest[] = [];
  await parleyClient(info, provider, recordingFetch(recorded)).conversations.list(listParams(info, provider));
  const first = recorded[0];
  if (first === undefined) throw new Error('no request recorded');
  return first;
}

async function measure(
  provider: Provider,
  info: EmulatorInfo,
  emulator: EmulatorChild,
): Promise<ListingResult[]> {
  const first = await firstRequest(info, provider);
  const runs = {
    parley: parleyListing(info, provider),
    'node:http loop': nodeHttpLoop(provider, first),
    'fetch loop': fetchLoop(provider, first),
  };
  const contenders = [
    ...Object.entries(runs).map(([name, run]) => ({ name, run, workUs: 0 })),
    { name: `parley + ${WORK_US} µs/item`, run: runs.parley, workUs: WORK_US },
    { name: `node:http loop + ${WORK_US} µs/item`, run: runs['node:http loop'], workUs: WORK_US },
  ];
  const pageSize = provider === 'sunshine' ? 100 : 200;
  const samples = new Map(contenders.map((c) => [c.name, { wall: [] as number[], rss: [] as number[] }]));
  const shape = new Map<string, { items: number; requests: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      await emulator.clear();
      const rss = new RssPeak();
      const visit: ItemVisitor = (index) => {
        if (contender.workUs > 0) work(contender.workUs);
        if (index % 100 === 99) rss.sample();
      };
      const started = performance.now();
      const items = await contender.run(visit);
      const wall = performance.now() - started;
      rss.sample();
      const requests = await emulator.count();
      shape.set(contender.name, { items, requests });
      samples.get(contender.name)?.wall.push(wall);
      samples.get(contender.name)?.rss.push(rss.growthMb);
    }
  }
  return contenders.map(({ name, workUs }) => {
    const { items, requests } = shape.get(name) ?? { items: 0, requests: 0 };
    return {
      provider,
      contender: name,
      workPerItemUs: workUs,
      itemsPerListing: items,
      requestsPerListing: requests,
      minimumRequests: Math.ceil(items / pageSize),
      wallMs: round(median(samples.get(name)?.wall ?? []), 1),
      peakRssGrowthMb: round(Math.max(...(samples.get(name)?.rss ?? [])), 1),
    };
  });
}

const emulator = await startEmulatorChild({
  conversations: CONVERSATIONS,
  powerUserConversations: CONVERSATIONS,
});
try {
  const results = [
    ...(await measure('ultracart', emulator.info, emulator)),
    ...(await measure('sunshine', emulator.info, emulator)),
  ];
  const out = process.argv[2];
  const report = { results, sunshineLargestUser: emulator.info.sunshinePowerUserConversations };
  if (out === undefined) console.log(JSON.stringify(report, null, 2));
  else writeFileSync(out, JSON.stringify(report));
} finally {
  await emulator.close();
}
