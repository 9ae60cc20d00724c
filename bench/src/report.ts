import type { ColdStartResult } from './cold-start.js';
import type { ListingResult } from './listing.js';
import type { PerCallResult } from './per-call.js';
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
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** Wall and CPU of `r` over the same contender at the previous revision ('–' when there is none). */
function previousRatios(r: PerCallResult, before: PerCallResult | undefined): string[] {
  if (before === undefined || before === r) return ['–', '–'];
  return [ratio(r.wallMedianUs, before.wallMedianUs), ratio(r.cpuPerCallUs, before.cpuPerCallUs)];
}

function perCallSection(report: BenchReport): string {
  const parts: string[] = [];
  for (const provider of ['ultracart', 'sunshine'] as const) {
    const rows = report.perCall.filter((r) => r.provider === provider);
    const official = rows.find((r) => r.contender === 'sunshine-conversations-client');
    const fetch = rows.find((r) => r.contender === 'fetch + JSON.parse');
    const previous = rows.some((r) => r.contender.startsWith('parley @ '));
    // The same contender at the previous revision: `parley` ↔ `parley @ abc1234`, and so on.
    const before = (r: PerCallResult) =>
      rows.find(
        (x) => x.contender === r.contender.replace(/^parley\b/, `parley @ ${report.previous?.slice(0, 7)}`),
      );
    parts.push(
      `**${provider}** (${rows[0]?.requestsPerCall ?? 0} request(s) per call, ${rows[0]?.calls ?? 0} calls each)\n\n${table(
        [
          'contender',
          'wall median µs',
          'p90 µs',
          'CPU/call µs',
          '× fetch',
          ...(official ? ['× official'] : []),
          ...(previous ? ['× previous', 'CPU × previous'] : []),
        ],
        rows.map((r) => [
          r.contender,
          r.wallMedianUs,
          r.wallP90Us,
          r.cpuPerCallUs,
          ratio(r.wallMedianUs, fetch?.wallMedianUs ?? 0),
          ...(official ? [ratio(r.wallMedianUs, official.wallMedianUs)] : []),
          ...(previous ? previousRatios(r, before(r)) : []),
        ]),
      )}`,
    );
  }
  return parts.join('\n\n');
}

function listingSection(report: BenchReport): string {
  return table(
    ['provider', 'contender', 'items', 'requests (minimum)', 'wall ms', '× raw loop', 'peak RSS growth MB'],
    report.listing.map((r) => {
      const raw = report.listing.find((x) => x.provider === r.provider && x.contender === 'raw fetch loop');
      return [
        r.provider,
        r.contender,
        r.itemsPerListing,
        `${r.requestsPerListing} (${r.minimumRequests})`,
        r.wallMs,
        ratio(r.wallMs, raw?.wallMs ?? 0),
        r.peakRssGrowthMb,
      ];
    }),
  );
}

function sizeSection(report: BenchReport): string {
  const official = report.size.find((r) => r.bundle === 'sunshine-conversations-client');
  return table(
    [
      'bundle (esbuild, platform node, ESM, minified)',
      'minified kB',
      'gzip kB',
      '× official',
      'ky inside, minified kB',
    ],
    report.size.map((r) => [
      r.bundle,
      kb(r.minifiedBytes),
      kb(r.gzipBytes),
      ratio(r.gzipBytes, official?.gzipBytes ?? 0),
      kb(r.kyMinifiedBytes),
    ]),
  );
}

function coldSection(report: BenchReport): string {
  const official = report.coldStart.find((r) => r.variant === 'sunshine-conversations-client (bundle)');
  return table(
    [
      'variant',
      'import + build ms',
      '× official bundle',
      'whole process ms',
      '× official bundle',
      'ky loaded: after build / after 1 request',
    ],
    report.coldStart.map((r) => [
      r.variant,
      r.importAndBuildMs,
      ratio(r.importAndBuildMs, official?.importAndBuildMs ?? 0),
      r.processMs,
      ratio(r.processMs, official?.processMs ?? 0),
      r.ky === undefined ? '–' : `${yesNo(r.ky.kyAfterBuild)} / ${yesNo(r.ky.kyAfterRequest)}`,
    ]),
  );
}

/** The README with its results section (between the markers) replaced by `report`'s tables. */
export function renderReadme(readme: string, report: BenchReport): string {
  const { machine } = report;
  const section = [
    START,
    `Last run ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), Node ${machine.node} ${machine.platform}; ${report.durationS} s in all. Numbers from a shared, noisy machine: compare ratios, not absolute times.`,
    '',
    '### 1. Per-call cost: `conversations.get` with 50 messages',
    '',
    perCallSection(report),
    ...(report.previous === undefined
      ? []
      : [
          '',
          `\`parley @ ${report.previous.slice(0, 7)}\` rows are Parley at commit ${report.previous} (\`BENCH_PREVIOUS\`), interleaved in the same process: \`× previous\` and \`CPU × previous\` compare each Parley row with the same client at that commit, the ratio that answers "slower than before?".`,
        ]),
    '',
    '### 2. Full listing',
    '',
    listingSection(report),
    '',
    `Sunshine lists one user's conversations: the emulator's power user holds ${report.sunshineLargestUser} (\`sunshinePowerUserConversations\`), listed whole.`,
    '',
    '### 3. Size',
    '',
    sizeSection(report),
    '',
    '### 4. Cold start',
    '',
    coldSection(report),
    '',
    '"ky loaded" comes from one extra process per Parley variant that, after the build, sends one `conversations.get` to a local stub (answered 404). node_modules rows load the packages as npm installs them (`pnpm pack`, publishConfig applied, unpacked into `dist/installed/node_modules`, no hooks in the timed runs); their probe lists every module Node loaded (module hooks, `src/cold-hooks.ts`). Bundle rows: esbuild inlines the lazily imported ky behind a lazy wrapper, so ky is in the file (see Size); the probe bundles prepend a marker line to each of ky’s modules, which shows whether that code ran.',
    END,
  ].join('\n');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, from) + section + readme.slice(to + END.length);
}
