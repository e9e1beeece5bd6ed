import { parsePeriod } from '../../src/reports/period';

const TODAY = '2026-03-15';
const parse = (value: string | Date) => parsePeriod(value, TODAY, 'America/New_York');

describe('parsePeriod', () => {
  it.each([
    ['', '2026-03-01', '2026-03-15'],
    ['This month', '2026-03-01', '2026-03-15'],
    ['  last   MONTH ', '2026-02-01', '2026-02-28'],
    ['Last 30 days', '2026-02-14', '2026-03-15'],
    ['Last 90 days', '2025-12-16', '2026-03-15'],
    ['Year to date', '2026-01-01', '2026-03-15'],
    ['Last 12 months', '2025-04-01', '2026-03-15'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2025', '2025-01-01', '2025-12-31'],
    ['2026-01-10 to 2026-02-05', '2026-01-10', '2026-02-05'],
  ])('reads "%s" as %s to %s', (text, start, end) => {
    expect(parse(text)).toMatchObject({ start, end });
  });

  it('reads a date cell as that day in the spreadsheet’s zone', () => {
    // Midnight of 2026-03-02 in New York, as Apps Script hands a date cell over.
    expect(parse(new Date('2026-03-02T05:00:00Z'))).toMatchObject({
      start: '2026-03-02',
      end: '2026-03-02',
    });
  });

  it.each(['last week', '2026-13', '2026-03-10 to 2026-03-01', '$5'])(
    'refuses "%s" with the choices it accepts',
    (text) => {
      const result = parse(text);
      expect(result).toBeInstanceOf(Error);
      expect((result as Error).message).toContain('Type one of: This month, Last month');
    },
  );
});
