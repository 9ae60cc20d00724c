import type { TourSummary } from './tour.js';

/** A plain-text table with one column per provider. */
export function summaryTable(summaries: TourSummary[]): string {
  const rows: [string, (s: TourSummary) => string][] = [
    ['provider', (s) => s.provider],
    ['conversations on page 1', (s) => `${s.conversationsOnFirstPage}${s.hasMorePages ? ' (+ more)' : ''}`],
    ['opened', (s) => s.opened?.id ?? '-'],
    ['title', (s) => s.opened?.title ?? '-'],
    ['status', (s) => statusOf(s.opened)],
    ['participants', (s) => String(s.opened?.participants ?? '-')],
    ['messages read', (s) => String(s.messagesRead)],
    ['first message', (s) => truncate(s.firstMessage ?? '-', 40)],
    ['upload', (s) => truncate(s.upload ?? `unsupported`, 40)],
  ];
  const cells = rows.map(([label, get]) => [label, ...summaries.map(get)]);
  const widths =
    cells[0]?.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  const [header, ...body] = cells;
  return [line(header ?? []), rule, ...body.map(line)].join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `open, sms` where the provider names the channel, else just `open`. */
function statusOf(opened: TourSummary['opened']): string {
  if (opened === undefined) return '-';
  return opened.channel === undefined ? opened.status : `${opened.status}, ${opened.channel}`;
}
