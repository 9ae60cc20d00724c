// The tables of the README's results section, one function per benchmark.
import type { ColdStartResult } from './cold-start.js';
import type { ListingResult } from './listing.js';
import type { PerCallResult } from './per-call.js';
import type { PollerCostResult } from './poller-cost.js';
import type { PushLatencyResult } from './push-latency.js';
import type { SizeResult } from './size.js';

export const ratio = (a: number, b: number | undefined) =>
  b !== undefined && b > 0 ? (a / b).toFixed(2) : '–';
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function table(head: string[], rows: (string | number)[][]): string {
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

/** Per provider, each operation's contenders with their ratios to the `node:http` floor. */
export function perCallSection(perCall: PerCallResult[], previousRev: string | undefined): string {
  const parts: string[] = [];
  for (const provider of ['ultracart', 'sunshine'] as const) {
    const rows = perCall.filter((r) => r.provider === provider);
    const hasOfficial = rows.some((r) => r.contender === 'sunshine-conversations-client');
    const hasPrevious = rows.some((r) => r.contender.startsWith('parley @ '));
    const same = (r: PerCallResult, contender: string) =>
      rows.find((x) => x.operation === r.operation && x.contender === contender);
    // The same contender at the previous revision: `parley` ↔ `parley @ abc1234`, and so on.
    const before = (r: PerCallResult) =>
      same(r, r.contender.replace(/^parley\b/, `parley @ ${previousRev?.slice(0, 7)}`));
    parts.push(
      `**${provider}** (${rows.find((r) => r.operation === 'get')?.calls ?? 0} calls per contender for \`get\`, ${rows.find((r) => r.operation !== 'get')?.calls ?? 0} for pages)\n\n${table(
        [
          'operation',
          'contender',
          'requests',
          'wall median µs',
          'p90 µs',
          'CPU/call µs',
          '× floor',
          'CPU × floor',
          '× fetch',
          ...(hasOfficial ? ['× official'] : []),
          ...(hasPrevious ? ['× previous', 'CPU × previous'] : []),
        ],
        rows.map((r) => {
          const floor = same(r, 'node:http keep-alive');
          return [
            r.operation,
            r.contender,
            r.requestsPerCall,
            r.wallMedianUs,
            r.wallP90Us,
            r.cpuPerCallUs,
            ratio(r.wallMedianUs, floor?.wallMedianUs),
            ratio(r.cpuPerCallUs, floor?.cpuPerCallUs),
            ratio(r.wallMedianUs, same(r, 'fetch + JSON.parse')?.wallMedianUs),
            ...(hasOfficial
              ? [ratio(r.wallMedianUs, same(r, 'sunshine-conversations-client')?.wallMedianUs)]
              : []),
            ...(hasPrevious ? previousRatios(r, before(r)) : []),
          ];
        }),
      )}`,
    );
  }
  return parts.join('\n\n');
}

/** Listing rows with their ratio to the `node:http` loop doing the same work per item. */
export function listingSection(listing: ListingResult[]): string {
  const find = (r: ListingResult, loop: string) =>
    listing.find(
      (x) => x.provider === r.provider && x.workPerItemUs === r.workPerItemUs && x.contender.startsWith(loop),
    );
  return table(
    [
      'provider',
      'contender',
      'work/item µs',
      'items',
      'requests (minimum)',
      'wall ms',
      '× node:http loop (same work)',
      '× fetch loop',
      'peak RSS growth MB',
      'first listing of a fresh process: peak RSS growth MB',
    ],
    listing.map((r) => [
      r.provider,
      r.contender,
      r.workPerItemUs,
      r.itemsPerListing,
      `${r.requestsPerListing} (${r.minimumRequests})`,
      r.wallMs,
      ratio(r.wallMs, find(r, 'node:http loop')?.wallMs),
      r.workPerItemUs === 0 ? ratio(r.wallMs, find(r, 'fetch loop')?.wallMs) : '–',
      r.peakRssGrowthMb,
      r.coldRssGrowthMb ?? '–',
    ]),
  );
}

/** `name kB, …`, largest first (minified bytes per package). */
function parts(record: Record<string, number>): string {
  return Object.entries(record)
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
}

export function sizeSection(size: SizeResult[]): string {
  const official = size.find((r) => r.app === 'official');
  const main = table(
    [
      'bundle (esbuild, platform node, ESM, minified)',
      'build',
      'files loaded',
      'loaded minified kB',
      'loaded gzip kB',
      '× official',
      'ky loaded, minified kB',
      'lazy chunks gzip kB',
    ],
    size.map((r) => [
      r.bundle,
      r.split ? 'split' : 'one file',
      r.loadedFiles,
      kb(r.minifiedBytes),
      kb(r.gzipBytes),
      ratio(r.gzipBytes, official?.gzipBytes),
      kb(r.kyMinifiedBytes),
      r.split ? kb(r.lazyGzipBytes) : '–',
    ]),
  );
  const made = table(
    [
      'bundle',
      'build',
      'loaded at import (minified kB per package)',
      'lazy chunks (minified kB per package)',
    ],
    size
      .filter((r) => r.app !== 'official')
      .map((r) => [
        r.bundle,
        r.split ? 'split' : 'one file',
        parts(r.loadedParts),
        r.split ? parts(r.lazyParts) || '–' : '–',
      ]),
  );
  return `${main}\n\nWhat each is made of (esbuild metafile, minified bytes before gzip):\n\n${made}`;
}

export function coldSection(coldStart: ColdStartResult[]): string {
  const official = (variant: string) =>
    coldStart.find(
      (r) =>
        r.variant ===
        `sunshine-conversations-client (${variant.endsWith('(node_modules)') ? 'node_modules' : 'bundle'})`,
    );
  return table(
    [
      'variant',
      'import + build ms',
      '× official',
      'whole process ms',
      '× official',
      'ky loaded: after build / after 1 request',
    ],
    coldStart.map((r) => [
      r.variant,
      r.importAndBuildMs,
      ratio(r.importAndBuildMs, official(r.variant)?.importAndBuildMs),
      r.processMs,
      ratio(r.processMs, official(r.variant)?.processMs),
      r.ky === undefined ? '–' : `${yesNo(r.ky.kyAfterBuild)} / ${yesNo(r.ky.kyAfterRequest)}`,
    ]),
  );
}

export function liveSection(poller: PollerCostResult, push: PushLatencyResult): string {
  const { settings } = poller;
  // The poller's ceiling: its share of the budget's steady rate, the slower bucket's drain.
  const ceiling = Math.min(settings.perHour, settings.perDay / 24) * settings.budgetShare;
  const s = (value: number | null) => (value === null ? '–' : value);
  const pull = table(
    [
      'activity (customer messages / emulated hour)',
      'emulated hours',
      'requests',
      'requests / hour',
      '429s',
      'messages delivered',
      'latency median s',
      'p95 s',
      'max s',
    ],
    poller.phases.map((p) => [
      p.messagesPerHour === 0 ? 'idle' : p.messagesPerHour,
      p.emulatedHours,
      p.requests,
      p.requestsPerHour,
      p.refused,
      `${p.delivered} / ${p.messages}`,
      s(p.latencyMedianS),
      s(p.latencyP95S),
      s(p.latencyMaxS),
    ]),
  );
  const pushRow = table(
    ['messages', 'delivered', 'duplicates', 'latency median ms', 'p95 ms', 'max ms'],
    [
      [
        push.messages,
        push.delivered,
        push.duplicates,
        push.latencyMedianMs,
        push.latencyP95Ms,
        push.latencyMaxMs,
      ],
    ],
  );
  return [
    `**UltraCart, pull** (memory store; defaults: budget ${settings.perHour}/hour and ${settings.perDay}/day, share ${settings.budgetShare}, \`pollIntervalMs\` ${settings.pollIntervalMs}, idle backoff to ${settings.maxIntervalMs / 1000} s; steady ceiling ${ceiling.toFixed(0)} requests/hour, which an hour can pass by one poll's requests: the poller waits after each poll). Emulated time ×${poller.timeScale}: an emulated hour took ${(3600 / poller.timeScale).toFixed(0)} real seconds. Handler duplicates: ${poller.duplicates}; errors reported: ${poller.errors.length === 0 ? 'none' : poller.errors.join('; ')}.`,
    '',
    pull,
    '',
    '**Sunshine, push** (emulator webhook → `toNodeListener(subscription.webhook)` → handler, one message at a time, real time):',
    '',
    pushRow,
  ].join('\n');
}
