import type { ColdStartResult } from './cold-start.js';
import type { ListingResult } from './listing.js';
import type { PerCallResult } from './per-call.js';
import type { PollerCostResult } from './poller-cost.js';
import type { PushLatencyResult } from './push-latency.js';
import { coldSection, listingSection, liveSection, perCallSection, sizeSection } from './report-sections.js';
import type { SizeResult } from './size.js';

/** What `pnpm bench` writes to results/latest.json. */
export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; node: string; platform: string };
  durationS: number;
  /** The git revision of the `parley @ …` per-call contender (BENCH_PREVIOUS), if any. */
  previous?: string;
  perCall: PerCallResult[];
  listing: ListingResult[];
  sunshineLargestUser: number;
  size: SizeResult[];
  coldStart: ColdStartResult[];
  poller: PollerCostResult;
  push: PushLatencyResult;
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/** The README with its results section (between the markers) replaced by `report`'s tables. */
export function renderReadme(readme: string, report: BenchReport): string {
  const { machine } = report;
  const section = [
    START,
    `Last run ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), Node ${machine.node} ${machine.platform}; ${report.durationS} s in all. Numbers from a shared, noisy machine: compare ratios, not absolute times.`,
    '',
    '### 1. Per-call cost: `conversations.get` (50 messages), a list page (100), a messages page (100)',
    '',
    '`× floor` is the wall-time ratio to `node:http keep-alive` replaying the same requests (issue 13: ≤ 1.2 for `parley`); `CPU × floor` the same for CPU time per call.',
    '',
    perCallSection(report.perCall, report.previous),
    ...(report.previous === undefined
      ? []
      : [
          '',
          `\`parley @ ${report.previous.slice(0, 7)}\` rows are Parley at commit ${report.previous} (\`BENCH_PREVIOUS\`), interleaved in the same process: \`× previous\` and \`CPU × previous\` compare each Parley row with the same client at that commit, the ratio that answers "slower than before?".`,
        ]),
    '',
    '### 2. Full listing',
    '',
    listingSection(report.listing),
    '',
    `Sunshine lists one user's conversations: the emulator's power user holds ${report.sunshineLargestUser} (\`sunshinePowerUserConversations\`), listed whole.`,
    '',
    '### 3. Size',
    '',
    sizeSection(report.size),
    '',
    '### 4. Cold start',
    '',
    coldSection(report.coldStart),
    '',
    '`× official` compares with the official client loaded the same way (bundle rows with its bundle, node_modules rows with node_modules). "ky loaded" comes from one extra process per Parley variant that, after the build, sends one `conversations.get` to a local stub (answered 404). node_modules rows load the packages as npm installs them (`pnpm pack`, publishConfig applied, unpacked into `dist/installed/node_modules`, no hooks in the timed runs); their probe lists every module Node loaded (module hooks, `src/cold-hooks.ts`). Bundle rows: the probe bundles prepend a marker line to each of ky’s modules, which shows whether that code ran (one-file bundles carry ky behind a lazy wrapper; split bundles in a chunk of its own).',
    '',
    '### 5. Live events: poller cost and push latency',
    '',
    liveSection(report.poller, report.push),
    END,
  ].join('\n');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, from) + section + readme.slice(to + END.length);
}
