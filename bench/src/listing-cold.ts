// One listing as the first work of a fresh process (run by listing.ts, once per sample): the peak RSS
// growth then includes what V8 grows once per process (its young generation), which the rounds of
// listing.ts, all in one warmed process, do not show. Arguments: provider, contender, output file;
// the emulator's info comes in BENCH_EMULATOR_INFO. BENCH_LISTING_COLD_KEEP (default 0) makes the
// caller keep that many small objects for each of the last 200 items, as a caller that builds
// something from each item does: V8 then grows its young generation under any contender
// (bench/README.md, Gaps).
import { writeFileSync } from 'node:fs';
import type { EmulatorInfo } from './emulator-protocol.js';
import { listings, RssPeak } from './listing-contenders.js';
import type { Provider } from './parley-client.js';

const [provider, contender, out] = process.argv.slice(2) as [Provider, 'parley' | 'node:http loop', string];
const info = JSON.parse(process.env.BENCH_EMULATOR_INFO ?? '') as EmulatorInfo;
const run = (await listings(info, provider))[contender];
const keep = Number(process.env.BENCH_LISTING_COLD_KEEP ?? 0);
const kept: unknown[] = [];
const rss = new RssPeak();
const items = await run((index) => {
  if (keep > 0) kept[index % 200] = Array.from({ length: keep }, (_, i) => ({ index, i }));
  if (index % 100 === 99) rss.sample();
});
rss.sample();
writeFileSync(out, JSON.stringify({ items, rssGrowthMb: rss.growthMb }));
