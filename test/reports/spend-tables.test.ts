import { monthComparison, spendBy, spendByMonth } from '../../src/reports/spend-tables';
import type { SpendItem } from '../../src/reports/spend';

const item = (day: string, minor: number, currency = 'USD', merchant = 'ACME'): SpendItem => ({
  day,
  minor,
  currency,
  merchant,
  department: 'Sales',
  category: 'Software',
});

const values = (rows: readonly (readonly { value: unknown }[])[]) =>
  rows.map((r) => r.map((c) => c.value));

describe('spend tables', () => {
  it('never adds a currency into another’s totals, and formats by the currency’s decimals', () => {
    const items = [
      item('2026-03-02', 1999),
      item('2026-03-03', 150_000, 'JPY'),
      item('2026-03-04', -500),
    ];

    const usd = spendByMonth(items, 'USD', '2026-03-15', 2);
    const jpy = spendByMonth(items, 'JPY', '2026-03-15', 2);

    expect(values(usd.rows)).toEqual([
      ['Feb 2026', 0, 0],
      ['Mar 2026', 14.99, 2],
    ]);
    expect(values(jpy.rows)[1]).toEqual(['Mar 2026', 150_000, 1]);
    expect(jpy.rows[1]?.[1]?.format).toBe('#,##0');
    expect(usd.headers[1]).toBe('Spend (USD)');
  });

  it('compares this month so far with last month and the same month last year', () => {
    const items = [item('2026-03-10', 300), item('2026-02-27', 200), item('2025-03-31', 100)];

    const table = monthComparison(items, 'USD', '2026-03-15');

    expect(values(table.rows)).toEqual([
      ['This month so far', 'Mar 1–15, 2026', 3, 1, ''],
      ['Last month', 'Feb 2026', 2, 1, 0.5],
      ['Same month last year', 'Mar 2025', 1, 1, 2],
    ]);
  });

  it('ranks labels in the period and adds the rest in one last row, exactly', () => {
    const items = ['A', 'B', 'C', 'D'].flatMap((m, i) => [
      item('2026-03-01', (4 - i) * 10, 'USD', m),
    ]);
    const period = { start: '2026-03-01', end: '2026-03-31', label: 'March' };

    const table = spendBy(
      [...items, item('2026-04-01', 999, 'USD', 'Z')],
      'USD',
      period,
      (i) => i.merchant,
      'Merchant',
      3,
    );

    expect(values(table.rows)).toEqual([
      ['A', 0.4, 0.4, 1],
      ['B', 0.3, 0.3, 1],
      ['All others (2)', 0.3, 0.3, 2],
    ]);
    expect(table.note).toBe('March.');
  });
});
