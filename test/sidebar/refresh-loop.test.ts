import { runRefreshLoop } from '../../src/sidebar/refresh-loop';
import type { RefreshSummary } from '../../src/sidebar/refresh-progress';

function summary(
  done: boolean,
  pages: number,
  extra: Partial<RefreshSummary> = {},
): RefreshSummary {
  return {
    done,
    busy: false,
    message: done ? 'Refresh complete.' : 'Refresh in progress.',
    dataSets: [
      {
        id: 'card_transactions',
        title: 'Card transactions',
        sheetName: 'Brex Card Transactions',
        state: done ? 'ok' : 'in_progress',
        done,
        pages,
        rows: pages * 1000,
        added: pages * 1000,
        updated: 0,
        removed: 0,
        message: null,
        traceId: null,
      },
    ],
    ...extra,
  };
}

describe('runRefreshLoop', () => {
  it('calls again while the server says not done, and ends with the last summary', async () => {
    const replies = [summary(false, 2), summary(false, 4), summary(true, 5)];
    const seen: boolean[] = [];

    const end = await runRefreshLoop({
      refreshNow: async () => replies.shift() as RefreshSummary,
      onSummary: (s) => seen.push(s.done),
      cancelled: () => false,
    });

    expect(end).toMatchObject({ outcome: 'done', summary: { done: true } });
    expect(seen).toEqual([false, false, true]);
  });

  it('stops between calls when cancelled', async () => {
    let calls = 0;
    let cancel = false;

    const end = await runRefreshLoop({
      refreshNow: async () => {
        calls += 1;
        cancel = true;
        return summary(false, calls);
      },
      onSummary: () => undefined,
      cancelled: () => cancel,
    });

    expect(end.outcome).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('stops when another refresh holds the spreadsheet', async () => {
    const end = await runRefreshLoop({
      refreshNow: async () => ({ ...summary(false, 0), busy: true, dataSets: [] }),
      onSummary: () => undefined,
      cancelled: () => false,
    });

    expect(end.outcome).toBe('busy');
  });

  it('gives up, saying so, when calls stop making progress', async () => {
    let calls = 0;

    const end = await runRefreshLoop({
      refreshNow: async () => {
        calls += 1;
        return summary(false, 3);
      },
      onSummary: () => undefined,
      cancelled: () => false,
    });

    expect(end.outcome).toBe('stalled');
    expect(calls).toBe(4);
    expect(end.outcome === 'stalled' && end.message).toMatch(/Check Sync health/);
  });
});
