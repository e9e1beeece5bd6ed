import { calendarDateToDate, toBrexFilterTime, zoneOffset } from '../../src/cells/time-zone';

describe('time-zone', () => {
  it('places a calendar date at local midnight of the spreadsheet zone', () => {
    expect(calendarDateToDate('2026-01-15', 'America/New_York')?.toISOString()).toBe(
      '2026-01-15T05:00:00.000Z',
    );
    expect(calendarDateToDate('2026-07-15', 'America/New_York')?.toISOString()).toBe(
      '2026-07-15T04:00:00.000Z',
    );
    expect(calendarDateToDate('2026-01-15', 'Asia/Tokyo')?.toISOString()).toBe(
      '2026-01-14T15:00:00.000Z',
    );
  });

  it('finds midnight on a daylight-saving switch day', () => {
    expect(calendarDateToDate('2026-03-08', 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(calendarDateToDate('2026-11-01', 'America/New_York')?.toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('returns null for a malformed date', () => {
    expect(calendarDateToDate('15/01/2026', 'UTC')).toBeNull();
  });

  it('measures a zone offset in milliseconds', () => {
    expect(zoneOffset(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3600 * 1000);
  });

  it('formats filter times in UTC without a zone suffix', () => {
    expect(toBrexFilterTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05');
  });
});
