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
});

describe('entriesFromHealth', () => {
  const health = (pages: number): SyncHealthReport => ({
    refreshInProgress: true,
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

  it('takes the pages written so far, but leaves marking done to the summary', () => {
    const entries = entriesFromHealth(health(4), [
      entry('users', true, 1, 'ok'),
      entry('card_transactions', false, 1),
    ]);

    expect(entries.map((e) => [e.id, e.done, e.pages])).toEqual([
      ['users', true, 1],
      ['card_transactions', false, 4],
    ]);
  });

  it('starts from the chosen data sets before the first summary', () => {
    expect(entriesFromHealth(health(2), null).map((e) => [e.id, e.done])).toEqual([
      ['users', false],
      ['card_transactions', false],
    ]);
  });
});
