import { describe, expect, it } from 'vitest';
import { summaryTable } from './print-table.js';
import type { TourSummary } from './tour.js';

const base = { conversationsOnFirstPage: 1, hasMorePages: false, messagesRead: 1, skipped: [] };

describe('summaryTable', () => {
  it('shows the channel beside the status only where the provider names one', () => {
    const summaries: TourSummary[] = [
      {
        ...base,
        provider: 'ultracart',
        opened: { id: 'u-1', title: 'with Leo Cohen', channel: 'sms', status: 'open', participants: 2 },
      },
      {
        ...base,
        provider: 'sunshine',
        opened: { id: 's-1', title: 'with Pat Power', status: 'open', participants: 1 },
      },
    ];
    const rows = summaryTable(summaries).split('\n');
    const row = (label: string) =>
      rows
        .find((line) => line.startsWith(`${label} `))
        ?.split('│')
        .map((cell) => cell.trim());
    expect(row('status')).toEqual(['status', 'open, sms', 'open']);
    expect(row('title')).toEqual(['title', 'with Leo Cohen', 'with Pat Power']);
    expect(rows.some((line) => line.includes('- /'))).toBe(false);
  });
});
