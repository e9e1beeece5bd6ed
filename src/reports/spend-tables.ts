/** The dashboard's spend tables, each in one currency: pure functions of the spend items. */
import { addMonths, lastDayOf, monthLabel } from './calendar';
import { Totals } from './money';
import type { Period } from './period';
import {
  blankCell,
  countCell,
  moneyCell,
  percentCell,
  textCell,
  type ReportCell,
  type ReportTable,
} from './report-table';
import type { SpendItem } from './spend';

function inRange(item: SpendItem, currency: string, start: string, end: string): boolean {
  return item.currency === currency && item.day >= start && item.day <= end;
}

function total(items: readonly SpendItem[], currency: string, start: string, end: string) {
  let minor = 0;
  let count = 0;
  for (const item of items) {
    if (!inRange(item, currency, start, end)) continue;
    minor += item.minor;
    count += 1;
  }
  return { minor, count };
}

/** Pure: this month so far against last month and the same month last year, whole. */
export function monthComparison(
  items: readonly SpendItem[],
  currency: string,
  today: string,
): ReportTable {
  const month = today.slice(0, 7);
  const day = Number(today.slice(8, 10));
  const periods = [
    {
      label: 'This month so far',
      start: `${month}-01`,
      end: today,
      dates: `${monthLabel(month).replace(' ', ` 1${day > 1 ? `–${day}` : ''}, `)}`,
    },
    {
      label: 'Last month',
      start: `${addMonths(month, -1)}-01`,
      end: lastDayOf(addMonths(month, -1)),
      dates: monthLabel(addMonths(month, -1)),
    },
    {
      label: 'Same month last year',
      start: `${addMonths(month, -12)}-01`,
      end: lastDayOf(addMonths(month, -12)),
      dates: monthLabel(addMonths(month, -12)),
    },
  ];
  const totals = periods.map((p) => total(items, currency, p.start, p.end));
  const current = totals[0]?.minor ?? 0;
  return {
    headers: ['Compared', 'Period', `Spend (${currency})`, 'Transactions', 'This month vs it'],
    rows: periods.map((p, i): ReportCell[] => {
      const t = totals[i] ?? { minor: 0, count: 0 };
      return [
        textCell(p.label),
        textCell(p.dates),
        moneyCell(t.minor, currency),
        countCell(t.count),
        i === 0 ? blankCell : percentCell(current - t.minor, t.minor),
      ];
    }),
    note: 'Card purchases less refunds, by posted date.',
  };
}

/** Pure: spend per month, the oldest of `months` first, this month last. */
export function spendByMonth(
  items: readonly SpendItem[],
  currency: string,
  today: string,
  months: number,
): ReportTable {
  const last = today.slice(0, 7);
  const first = addMonths(last, -(months - 1));
  const totals = new Totals();
  for (const item of items) {
    const month = item.day.slice(0, 7);
    if (item.currency === currency && month >= first && month <= last)
      totals.add(month, item.minor);
  }
  const rows = Array.from({ length: months }, (_, i) => {
    const month = addMonths(first, i);
    const t = totals.get(month);
    return [textCell(monthLabel(month)), moneyCell(t.minor, currency), countCell(t.count)];
  });
  return {
    headers: ['Month', `Spend (${currency})`, 'Transactions'],
    rows,
    note: `${monthLabel(first)} to ${monthLabel(last)} (this month so far).`,
  };
}

/**
 * Pure: spend in the period per label (category, department, merchant), largest first; past
 * `limit` rows, the rest add up in a last "All others" row.
 */
export function spendBy(
  items: readonly SpendItem[],
  currency: string,
  period: Period,
  labelOf: (item: SpendItem) => string,
  title: string,
  limit: number,
): ReportTable {
  const totals = new Totals();
  let all = 0;
  for (const item of items) {
    if (!inRange(item, currency, period.start, period.end)) continue;
    totals.add(labelOf(item), item.minor);
    all += item.minor;
  }
  const ranked = totals.ranked();
  const shown = ranked.length > limit ? ranked.slice(0, limit - 1) : ranked;
  const rest = ranked.slice(shown.length);
  if (rest.length > 0) {
    shown.push({
      key: `All others (${rest.length})`,
      minor: rest.reduce((sum, r) => sum + r.minor, 0),
      count: rest.reduce((sum, r) => sum + r.count, 0),
    });
  }
  return {
    headers: [title, `Spend (${currency})`, 'Share', 'Transactions'],
    rows: shown.map((r) => [
      textCell(r.key),
      moneyCell(r.minor, currency),
      percentCell(r.minor, all),
      countCell(r.count),
    ]),
    note: ranked.length === 0 ? `No spend in ${currency} in ${period.label}.` : `${period.label}.`,
  };
}
