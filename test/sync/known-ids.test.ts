import { KnownIds, STATE_SHEET } from '../../src/sync/known-ids';
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
      ['c1', 'u1'],
      ['c2', ''],
      ['c3', ''],
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
    expect(table.readAll(STATE_SHEET)).toEqual([['cards'], ['c1'], ['c2']]);
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
});
