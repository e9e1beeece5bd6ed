import { appendIds, CHUNK_CHARS, KnownIds, STATE_SHEET } from '../../src/sync/known-ids';
import { MemoryTable } from './support/memory-table';

describe('KnownIds', () => {
  it('writes remembered ids to the state sheet only when flushed, one block per data set', () => {
    const table = new MemoryTable();
    const known = new KnownIds(table);
    known.remember('cards', ['c1', 'c2']);
    known.remember('cards', ['c2', 'c3']);
    known.remember('users', ['u1']);

    expect(known.of('cards')).toEqual(new Set(['c1', 'c2', 'c3']));
    expect(table.readAll(STATE_SHEET)).toBeNull();
    known.flush();
    expect(table.readAll(STATE_SHEET)).toEqual([
      ['cards', 'users'],
      ['c1 c2 c3', 'u1'],
    ]);
  });

  it('reads back what an earlier run flushed and appends after it', () => {
    const table = new MemoryTable();
    const first = new KnownIds(table);
    first.remember('cards', ['c1']);
    first.flush();

    const second = new KnownIds(table);
    second.remember('cards', ['c1', 'c2']);
    second.flush();
    expect(new KnownIds(table).of('cards')).toEqual(new Set(['c1', 'c2']));
    expect(table.readAll(STATE_SHEET)).toEqual([['cards'], ['c1 c2']]);
  });

  it('drops ids not yet flushed when their data set is forgotten', () => {
    const table = new MemoryTable();
    const known = new KnownIds(table);
    known.remember('cards', ['c1']);
    known.flush();
    known.remember('cards', ['c2']);
    known.forget('cards');
    known.flush();

    expect(new KnownIds(table).of('cards').size).toBe(0);
  });

  it('keeps 100,000 ids in a few hundred cells, none over the chunk size, and reads them all back', () => {
    const table = new MemoryTable();
    const ids = Array.from({ length: 100_000 }, (_, i) => `ctx_${String(i).padStart(20, '0')}`);
    const known = new KnownIds(table);
    // Flushed in pages of 1,000, as a first sync does.
    for (let page = 0; page < 100; page += 1) {
      known.remember('card_transactions', ids.slice(page * 1000, (page + 1) * 1000));
      known.flush();
    }

    const grid = table.readAll(STATE_SHEET) ?? [];
    expect(grid.length).toBeLessThan(200);
    expect(Math.max(...grid.map((row) => String(row[0]).length))).toBeLessThanOrEqual(CHUNK_CHARS);
    expect(new KnownIds(table).of('card_transactions')).toEqual(new Set(ids));
  });

  it('reads the one-id-per-cell sheet of earlier versions', () => {
    const table = new MemoryTable();
    table.ensureSheet(STATE_SHEET, { columns: 2 });
    table.setGrid(STATE_SHEET, [
      ['cards', 'users'],
      ['c1', 'u1'],
      ['c2', ''],
    ]);

    const known = new KnownIds(table);
    known.remember('cards', ['c3']);
    known.flush();

    expect(new KnownIds(table).of('cards')).toEqual(new Set(['c1', 'c2', 'c3']));
    expect(new KnownIds(table).of('users')).toEqual(new Set(['u1']));
  });

  it('fills the last cell up before starting a new one', () => {
    const id = 'x'.repeat(CHUNK_CHARS / 2 - 1);
    expect(appendIds([], ['a', 'b'])).toEqual(['a b']);
    expect(appendIds(['a'], [id, id]).map((c) => c.length)).toEqual([2 + id.length, id.length]);
  });
});
