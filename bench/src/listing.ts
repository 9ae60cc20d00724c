// Full listing: `for await` over every conversation through Parley vs a hand-written paging loop on
// the global fetch, interleaved in one process; requests counted by the emulator (a child process).
import { writeFileSync } from 'node:fs';
import { type EmulatorChild, startEmulatorChild } from './emulator-child.js';
import type { EmulatorInfo } from './emulator-protocol.js';
import { type RecordedRequest, recordingFetch } from './http-baselines.js';
import { type Provider, parleyClient } from './parley-client.js';
import { median, round } from './stats.js';

/** One contender's listing numbers (medians over rounds). */
export interface ListingResult {
  provider: Provider;
  contender: string;
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

function listParams(info: EmulatorInfo, provider: Provider) {
  return provider === 'sunshine' ? { userId: info.sunshinePowerUser } : {};
}

/** Parley's listing: every item through `for await`, sampling RSS every 100 items. */
function parleyListing(info: EmulatorInfo, provider: Provider) {
  const parley = parleyClient(info, provider);
  return async (rss: RssPeak): Promise<number> => {
    let count = 0;
    for await (const conversation of parley.conversations.list(listParams(info, provider))) {
      if (conversation.id === '') throw new Error('empty id');
      if (++count % 100 === 0) rss.sample();
    }
    return count;
  };
}

/** The hand-written loop: the first page's URL and headers as Parley sent them, then the provider's paging. */
async function rawListing(info: EmulatorInfo, provider: Provider) {
  const recorded: RecordedRequest[] = [];
  await parleyClient(info, provider, recordingFetch(recorded)).conversations.list(listParams(info, provider));
  const first = recorded[0];
  if (first === undefined) throw new Error('no request recorded');
  return async (rss: RssPeak): Promise<number> => {
    let count = 0;
    const url = new URL(first.url);
    for (;;) {
      const response = await fetch(url, { headers: first.headers });
      const body = JSON.parse(await response.text()) as RawPage;
      rss.sample();
      count += body.conversations?.length ?? 0;
      if (provider === 'ultracart') {
        const set = body.metadata?.result_set;
        if (!set?.more || set.next_offset === undefined) return count;
        url.searchParams.set('_offset', String(set.next_offset));
      } else {
        if (!body.meta?.hasMore || body.meta.afterCursor === undefined) return count;
        url.searchParams.set('page[after]', body.meta.afterCursor);
      }
    }
  };
}

/** The fields of a page the raw loop reads. */
interface RawPage {
  conversations?: unknown[];
  metadata?: { result_set?: { more?: boolean; next_offset?: number } };
  meta?: { hasMore?: boolean; afterCursor?: string };
}

async function measure(
  provider: Provider,
  info: EmulatorInfo,
  emulator: EmulatorChild,
): Promise<ListingResult[]> {
  const contenders = [
    { name: 'parley', run: parleyListing(info, provider) },
    { name: 'raw fetch loop', run: await rawListing(info, provider) },
  ];
  const pageSize = provider === 'sunshine' ? 100 : 200;
  const samples = new Map(contenders.map((c) => [c.name, { wall: [] as number[], rss: [] as number[] }]));
  const shape = new Map<string, { items: number; requests: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      await emulator.clear();
      const rss = new RssPeak();
      const started = performance.now();
      const items = await contender.run(rss);
      const wall = performance.now() - started;
      rss.sample();
      const requests = await emulator.count();
      shape.set(contender.name, { items, requests });
      samples.get(contender.name)?.wall.push(wall);
      samples.get(contender.name)?.rss.push(rss.growthMb);
    }
  }
  return contenders.map(({ name }) => {
    const { items, requests } = shape.get(name) ?? { items: 0, requests: 0 };
    return {
      provider,
      contender: name,
      itemsPerListing: items,
      requestsPerListing: requests,
      minimumRequests: Math.ceil(items / pageSize),
      wallMs: round(median(samples.get(name)?.wall ?? []), 1),
      peakRssGrowthMb: round(Math.max(...(samples.get(name)?.rss ?? [])), 1),
    };
  });
}

const emulator = await startEmulatorChild(CONVERSATIONS, CONVERSATIONS);
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
