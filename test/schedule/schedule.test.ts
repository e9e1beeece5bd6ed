import {
  describeSchedule,
  isLiveTrigger,
  parseScheduleRequest,
  readRuns,
  recordRun,
  runOutcome,
  triggerTiming,
  type ScheduleRecord,
} from '../../src/schedule/schedule';
import type { RefreshSummary } from '../../src/sync/refresh';
import { MemoryStore } from '../sync/support/memory-store';

describe('parseScheduleRequest', () => {
  it('accepts each kind, with an hour for daily', () => {
    expect(parseScheduleRequest({ kind: 'hourly', hour: 5 })).toEqual({ kind: 'hourly' });
    expect(parseScheduleRequest({ kind: 'daily', hour: 0 })).toEqual({ kind: 'daily', hour: 0 });
  });

  it.each([
    [{ kind: 'every5m' }, 'Unknown schedule "every5m". Choose off, hourly, every6h or daily.'],
    [null, 'Unknown schedule "undefined". Choose off, hourly, every6h or daily.'],
    [
      { kind: 'daily', hour: 6.5 },
      'A daily schedule needs an hour from 0 to 23, not "6.5". Pick the hour to refresh at.',
    ],
  ])('refuses %j with a message naming the fix', (input, message) => {
    expect(() => parseScheduleRequest(input)).toThrow(message);
  });
});

describe('triggerTiming', () => {
  it('never asks for more often than hourly', () => {
    expect(triggerTiming({ kind: 'hourly' })).toEqual({ everyHours: 1 });
    expect(triggerTiming({ kind: 'every6h' })).toEqual({ everyHours: 6 });
    expect(triggerTiming({ kind: 'daily', hour: 23 })).toEqual({ atHour: 23 });
    expect(triggerTiming({ kind: 'off' })).toBeNull();
  });
});

describe('describeSchedule', () => {
  it('gives a daily run as the hour window Apps Script fires in', () => {
    expect(describeSchedule('daily', 23, 'Europe/Paris')).toBe(
      'Every day between 23:00 and 00:00 (Europe/Paris).',
    );
  });
});

describe('isLiveTrigger', () => {
  const record: ScheduleRecord = {
    kind: 'hourly',
    hour: null,
    timeZone: 'Etc/UTC',
    owner: 'alice@example.com',
    triggerId: '42',
    since: '2026-03-01T00:00:00.000Z',
  };

  it('is true only for the recorded trigger, running as its owner', () => {
    expect(isLiveTrigger(record, 'alice@example.com', '42')).toBe(true);
    expect(isLiveTrigger(record, 'bob@example.com', '42')).toBe(false);
    expect(isLiveTrigger(record, 'alice@example.com', '41')).toBe(false);
    expect(isLiveTrigger(null, 'alice@example.com', '42')).toBe(false);
  });
});

describe('runOutcome', () => {
  const base: RefreshSummary = {
    done: true,
    busy: false,
    message: 'Refresh complete.',
    dataSets: [],
  };
  const dataSet = {
    id: 'users' as const,
    title: 'Users',
    sheetName: 'Brex Users',
    done: true,
    pages: 1,
    rows: 3,
    added: 3,
    updated: 0,
    removed: 0,
    traceId: null,
  };

  it('is failed, with the data set’s message, when one failed', () => {
    const summary = {
      ...base,
      dataSets: [
        { ...dataSet, state: 'error' as const, message: 'The token expired. Connect a new one.' },
      ],
    };

    expect(runOutcome(summary)).toEqual({
      outcome: 'failed',
      message: 'Users: The token expired. Connect a new one.',
      did: 'Nothing was refreshed.',
    });
  });

  it('is failed when there was nothing to refresh', () => {
    expect(runOutcome({ ...base, message: 'Not connected. Connect a token.' })).toEqual({
      outcome: 'failed',
      message: 'Not connected. Connect a token.',
      did: 'Nothing was refreshed.',
    });
  });

  it('says whether the next run continues', () => {
    const ok = { ...dataSet, state: 'ok' as const, message: null };
    expect(runOutcome({ ...base, dataSets: [ok] }).outcome).toBe('done');
    expect(runOutcome({ ...base, done: false, dataSets: [ok] }).outcome).toBe('continues');
    expect(runOutcome({ ...base, busy: true }).outcome).toBe('skipped');
  });
});

describe('recordRun', () => {
  const run = (i: number, message = 'Refresh complete.') => ({
    at: new Date(Date.UTC(2026, 2, 1, i)).toISOString(),
    by: 'alice@example.com',
    outcome: 'done' as const,
    message,
    did: 'Read 1 data set: 0 rows added, 0 updated, 0 removed.',
  });

  it('keeps the newest runs first, at most ten', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 12; i++) recordRun(store, run(i));

    expect(readRuns(store).map((r) => r.at)).toEqual(
      Array.from({ length: 10 }, (_, k) => run(11 - k).at),
    );
  });

  it('keeps them within one property, cutting long messages', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 10; i++) recordRun(store, run(i, 'x'.repeat(5000)));

    const runs = readRuns(store);
    expect(runs[0]?.message).toHaveLength(500);
    expect(JSON.stringify(runs).length).toBeLessThanOrEqual(8000);
    expect(runs.length).toBeGreaterThan(1);
  });
});
