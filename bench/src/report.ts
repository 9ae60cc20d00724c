import type { ColdStartResult } from './cold-start.js';
import type { ListingResult } from './listing.js';
import type { PerCallResult } from './per-call.js';
import type { SizeResult } from './size.js';

/** What `pnpm bench` writes to results/latest.json. */
export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; node: string; platform: string };
  durationS: number;
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

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function perCallSection(report: BenchReport): string {
  const parts: string[] = [];
  for (const provider of ['ultracart', 'sunshine'] as const) {
    const rows = report.perCall.filter((r) => r.provider === provider);
    const official = rows.find((r) => r.contender === 'sunshine-conversations-client');
    const fetch = rows.find((r) => r.contender === 'fetch + JSON.parse');
    parts.push(
      `**${provider}** (${rows[0]?.requestsPerCall ?? 0} request(s) per call, ${rows[0]?.calls ?? 0} calls each)\n\n${table(
        [
          'contender',
          'wall median µs',
          'p90 µs',
          'CPU/call µs',
          '× fetch',
          ...(official ? ['× official'] : []),
        ],
        rows.map((r) => [
          r.contender,
          r.wallMedianUs,
          r.wallP90Us,
          r.cpuPerCallUs,
          ratio(r.wallMedianUs, fetch?.wallMedianUs ?? 0),
          ...(official ? [ratio(r.wallMedianUs, official.wallMedianUs)] : []),
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
    ['bundle (esbuild, platform node, ESM, minified)', 'minified kB', 'gzip kB', '× official'],
    report.size.map((r) => [
      r.bundle,
      kb(r.minifiedBytes),
      kb(r.gzipBytes),
      ratio(r.gzipBytes, official?.gzipBytes ?? 0),
    ]),
  );
}

function coldSection(report: BenchReport): string {
  const official = report.coldStart.find((r) => r.variant === 'sunshine-conversations-client (bundle)');
  return table(
    ['variant', 'import + build ms', '× official bundle', 'whole process ms', '× official bundle'],
    report.coldStart.map((r) => [
      r.variant,
      r.importAndBuildMs,
      ratio(r.importAndBuildMs, official?.importAndBuildMs ?? 0),
      r.processMs,
      ratio(r.processMs, official?.processMs ?? 0),
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
    END,
  ].join('\n');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, from) + section + readme.slice(to + END.length);
}
