import {
  entriesFromHealth,
  progressFraction,
  progressLabel,
  type ProgressEntry,
  type SyncHealthReport,
} from '../../src/sidebar/refresh-progress';

/** A data set's progress; `name` serves as its title and (for these tests) its id. */
const entry = (
  name: string,
  done: boolean,
  pages: number,
  state: ProgressEntry['state'] = 'in_progress',
): ProgressEntry => ({
  id: name as ProgressEntry['id'],
  title: name,
  done,
  state,
  pages,
  rows: pages * 10,
  added: 0,
  updated: 0,
  removed: 0,
  message: null,
  traceId: null,
});

describe('progressFraction', () => {
  it('counts each finished data set whole and the running one by its pages', () => {
    expect(
      progressFraction([entry('a', true, 1), entry('b', false, 3), entry('c', false, 0)]),
    ).toBeCloseTo((1 + 3 / 4 + 0) / 3);
  });

  it('moves with every page and never reaches 1 before the data set is done', () => {
    const fractions = [0, 1, 2, 50].map((p) => progressFraction([entry('a', false, p)]));

    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(new Set(fractions).size).toBe(4);
    expect(Math.max(...fractions)).toBeLessThan(1);
  });

  it('is 0 with nothing to refresh', () => {
    expect(progressFraction([])).toBe(0);
  });
});

describe('progressLabel', () => {
  it('names the data set in progress and its page', () => {
    expect(
      progressLabel([entry('Users', true, 1, 'ok'), entry('Card transactions', false, 3)]),
    ).toBe('1 of 2 data sets done. Card transactions: page 3, 30 rows.');
  });

  it('names the data set the server reads, not an earlier one with pages still shown', () => {
    expect(
      progressLabel([
        entry('Departments', false, 1, 'ok'),
        entry('Card transactions', false, 0, 'in_progress'),
      ]),
    ).toBe('0 of 2 data sets done. Card transactions: starting.');
  });

  it('says when Brex is busy and the refresh waits to retry', () => {
    expect(progressLabel([entry('Expenses', false, 2)], { attempt: 3, maxAttempts: 5 })).toBe(
      '0 of 1 data sets done. Expenses: page 2, 20 rows. Brex is busy, retrying, attempt 3 of 5.',
    );
  });
});

describe('entriesFromHealth', () => {
  const health = (pages: number, refreshStartedAt: string | null = null): SyncHealthReport => ({
    refreshInProgress: true,
    refreshStartedAt,
    retrying: null,
    lastBrexCallAt: null,
    dataSets: [
      {
        id: 'users',
        title: 'Users',
        sheetName: 'Brex Users',
        selected: true,
        state: 'ok',
        lastSuccess: '2026-03-01T00:00:00.000Z',
        lastRun: '2026-03-01T00:00:00.000Z',
        pages: 1,
        rows: 5,
        added: 5,
        updated: 0,
        removed: 0,
        message: null,
        traceId: null,
      },
      {
        id: 'card_transactions',
        title: 'Card transactions',
        sheetName: 'Brex Card Transactions',
        selected: true,
        state: 'in_progress',
        lastSuccess: null,
        lastRun: '2026-03-01T00:00:00.000Z',
        pages,
        rows: pages * 1000,
        added: 0,
        updated: 0,
        removed: 0,
        message: null,
        traceId: null,
      },
    ],
  });

  it('takes the pages written so far; a data set finished before this refresh is not done', () => {
    const entries = entriesFromHealth(health(4), [
      entry('users', true, 1, 'ok'),
      entry('card_transactions', false, 1),
    ]);

    expect(entries.map((e) => [e.id, e.done, e.pages])).toEqual([
      ['users', true, 1],
      ['card_transactions', false, 4],
    ]);
  });

  it('marks done a data set that finished in this refresh, between two summaries', () => {
    const entries = entriesFromHealth(health(4, '2026-02-28T23:59:00.000Z'), null);

    expect(entries.map((e) => [e.id, e.done])).toEqual([
      ['users', true],
      ['card_transactions', false],
    ]);
    expect(progressLabel(entries)).toBe(
      '1 of 2 data sets done. Card transactions: page 4, 4,000 rows.',
    );
  });

  it('starts from the chosen data sets before the first summary', () => {
    expect(entriesFromHealth(health(2), null).map((e) => [e.id, e.done])).toEqual([
      ['users', false],
      ['card_transactions', false],
    ]);
  });
});
