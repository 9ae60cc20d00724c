// Full listing: `for await` over every conversation through Parley vs hand-written paging loops
// (`node:http`, the floor; the global fetch, for comparison), each also with 20 µs of caller work
// per item, interleaved in one process after one unmeasured round; requests counted by the emulator
// (a child process). Parley and the `node:http` loop are also run alone in fresh processes
// (listing-cold.ts), for the memory a first listing costs a process.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type EmulatorChild, startEmulatorChild } from './emulator-child.js';
import type { EmulatorInfo } from './emulator-protocol.js';
import { listings, RssPeak, work } from './listing-contenders.js';
import type { Provider } from './parley-client.js';
import type { ItemVisitor } from './raw-listing.js';
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
  /** Peak RSS above the RSS at the start of the run (after a full GC), the most of any measured round. */
  peakRssGrowthMb: number;
  /** The same as the first work of a fresh process (median of {@link COLD_RUNS}); Parley and the `node:http` loop without work. */
  coldRssGrowthMb?: number;
}

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_LISTING_ROUNDS ?? 3);
const COLD_RUNS = Number(process.env.BENCH_LISTING_COLD_RUNS ?? 3);
const WORK_US = 20;
const coldEntry = fileURLToPath(new URL('./listing-cold.mjs', import.meta.url));

/** Peak RSS growth of one listing run alone in a fresh process. */
function coldRun(info: EmulatorInfo, provider: Provider, contender: string): number {
  const out = `${tmpdir()}/parley-listing-cold-${process.pid}.json`;
  const child = spawnSync(process.execPath, ['--expose-gc', coldEntry, provider, contender, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_EMULATOR_INFO: JSON.stringify(info) },
  });
  if (child.status !== 0)
    throw new Error(`listing-cold ${provider} ${contender} exited with ${child.status}`);
  const { items, rssGrowthMb } = JSON.parse(readFileSync(out, 'utf8')) as {
    items: number;
    rssGrowthMb: number;
  };
  rmSync(out);
  if (items === 0) throw new Error(`listing-cold ${provider} ${contender} listed nothing`);
  return rssGrowthMb;
}

async function measure(
  provider: Provider,
  info: EmulatorInfo,
  emulator: EmulatorChild,
): Promise<ListingResult[]> {
  const runs = await listings(info, provider);
  const contenders = [
    ...Object.entries(runs).map(([name, run]) => ({ name, run, workUs: 0 })),
    { name: `parley + ${WORK_US} µs/item`, run: runs.parley, workUs: WORK_US },
    { name: `node:http loop + ${WORK_US} µs/item`, run: runs['node:http loop'], workUs: WORK_US },
  ];
  const pageSize = provider === 'sunshine' ? 100 : 200;
  const samples = new Map(contenders.map((c) => [c.name, { wall: [] as number[], rss: [] as number[] }]));
  const shape = new Map<string, { items: number; requests: number }>();
  // Round -1 is not measured: whoever went first would otherwise pay what V8 grows once per process
  // (the cold runs below measure that for Parley and the loop alike).
  for (let round = -1; round < ROUNDS; round++) {
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
      if (round < 0) continue;
      shape.set(contender.name, { items, requests });
      samples.get(contender.name)?.wall.push(wall);
      samples.get(contender.name)?.rss.push(rss.growthMb);
    }
  }
  const cold = new Map<string, number[]>();
  for (let run = 0; run < COLD_RUNS; run++)
    for (const name of ['parley', 'node:http loop'])
      cold.set(name, [...(cold.get(name) ?? []), coldRun(info, provider, name)]);
  return contenders.map(({ name, workUs }) => {
    const { items, requests } = shape.get(name) ?? { items: 0, requests: 0 };
    const coldRss = workUs === 0 ? cold.get(name) : undefined;
    return {
      provider,
      contender: name,
      workPerItemUs: workUs,
      itemsPerListing: items,
      requestsPerListing: requests,
      minimumRequests: Math.ceil(items / pageSize),
      wallMs: round(median(samples.get(name)?.wall ?? []), 1),
      peakRssGrowthMb: round(Math.max(...(samples.get(name)?.rss ?? [])), 1),
      ...(coldRss === undefined ? {} : { coldRssGrowthMb: round(median(coldRss), 1) }),
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
