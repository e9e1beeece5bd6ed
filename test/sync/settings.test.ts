import { DATA_SET_IDS } from '../../src/data-sets';
import { getSyncSettings, saveSyncSettings, startOfPreviousQuarter } from '../../src/sync/settings';
import { MemoryStore } from './support/memory-store';

describe('settings', () => {
  it('defaults to every data set from the start of the previous quarter', () => {
    expect(getSyncSettings(new MemoryStore(), new Date('2026-05-20T00:00:00Z'))).toEqual({
      dataSets: [...DATA_SET_IDS],
      historyStart: '2026-01-01',
      receiptThreshold: 75,
    });
    expect(startOfPreviousQuarter(new Date('2026-02-01T00:00:00Z'))).toBe('2025-10-01');
  });

  it('saves a choice and reads it back', () => {
    const store = new MemoryStore();

    saveSyncSettings(store, { dataSets: ['expenses', 'cards'], historyStart: '2025-07-01' });

    expect(getSyncSettings(store, new Date())).toEqual({
      dataSets: ['cards', 'expenses'],
      historyStart: '2025-07-01',
      receiptThreshold: 75,
    });
  });

  it('keeps the receipt threshold a save leaves out, and reads expenses again when it changes', () => {
    const store = new MemoryStore();
    const cursor = 'sync.cursor.expenses';
    const choice = { dataSets: ['expenses' as const], historyStart: '2025-07-01' };
    saveSyncSettings(store, { ...choice, receiptThreshold: 250 });
    store.set(cursor, '{"last":"2026-01-01T00:00:00Z","paging":null}');

    saveSyncSettings(store, choice);
    const kept = store.get(cursor);
    saveSyncSettings(store, { ...choice, receiptThreshold: 25.5 });

    expect(kept).not.toBeNull();
    expect(store.get(cursor)).toBeNull();
    expect(getSyncSettings(store, new Date()).receiptThreshold).toBe(25.5);
    expect(() => saveSyncSettings(store, { ...choice, receiptThreshold: -1 })).toThrow(
      /receipt threshold "-1" is not an amount\. Write a number of 0 or more/,
    );
  });

  it('refuses an unknown data set or a malformed date, naming the fix', () => {
    const store = new MemoryStore();

    expect(() =>
      saveSyncSettings(store, { dataSets: ['nope' as never], historyStart: '2025-01-01' }),
    ).toThrow(/Unknown data set nope\. Choose among/);
    expect(() => saveSyncSettings(store, { dataSets: [], historyStart: '01/02/2025' })).toThrow(
      /Write it as YYYY-MM-DD/,
    );
  });
});
