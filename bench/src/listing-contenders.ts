// What the listing benchmark runs, in its own process (listing.ts) and in fresh ones
// (listing-cold.ts): Parley's `for await`, the raw loops it is compared with, the caller's work per
// item and the RSS peak.
import type { EmulatorInfo } from './emulator-protocol.js';
import { type RecordedRequest, recordingFetch } from './http-baselines.js';
import { type Provider, parleyClient } from './parley-client.js';
import { fetchLoop, type ItemVisitor, nodeHttpLoop } from './raw-listing.js';

/** A listing that visits every conversation once and returns how many it visited. */
export type Listing = (visit: ItemVisitor) => Promise<number>;

/** Tracks the peak RSS of a run. */
export class RssPeak {
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
export function work(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

function listParams(info: EmulatorInfo, provider: Provider) {
  return provider === 'sunshine' ? { userId: info.sunshinePowerUser } : {};
}

/** Parley's listing: every item through `for await`. */
function parleyListing(info: EmulatorInfo, provider: Provider): Listing {
  const parley = parleyClient(info, provider);
  return async (visit) => {
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

/** The three listings of `provider`: Parley, the `node:http` loop (the floor) and the fetch loop. */
export async function listings(
  info: EmulatorInfo,
  provider: Provider,
): Promise<{ parley: Listing; 'node:http loop': Listing; 'fetch loop': Listing }> {
  const first = await firstRequest(info, provider);
  return {
    parley: parleyListing(info, provider),
    'node:http loop': nodeHttpLoop(provider, first),
    'fetch loop': fetchLoop(provider, first),
  };
}
