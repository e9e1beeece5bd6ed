/**
 * Edits that go nowhere, through the built bundle (dist/Code.js) in the local runtime against the
 * Brex sandbox over loopback HTTP: an edit of a synced column that no action reads is marked at
 * once as not sent, the next refresh restores Brex's value and its note says so, a person's own
 * column is never touched, and a paste of 1,000 rows costs a few service calls.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';
import { columnLetter } from '../../src/cells/header';
import type { ChangesReview } from '../../src/contract/writeback';
import type { RefreshSummary } from '../../src/sync/refresh';
import { READ_ONLY_NOTE, READ_ONLY_NOTE_INCREMENTAL } from '../../src/writeback/read-only-columns';
import {
  cellOf,
  limitNamed,
  openSandbox,
  SHEET,
  syncedWorld,
  valueOf,
  writes,
} from '../support/spend-limits';
import { CARDS, cellOf as teamCell, teamWorld, type } from '../support/team-world';
import { newRuntime, OWNER } from '../support/world';

const REFUSED = '#f4cccc';
const PENDING = '#fff2cc';

/** A cell's background and note, by A1 address ("Brex Spend Limits!C4"). */
function marksAt(runtime: Runtime, a1: string): { background: string; note: string } {
  const [sheetName, cell] = a1.split('!') as [string, string];
  const column = (cell.match(/[A-Z]+/)?.[0] ?? 'A')
    .split('')
    .reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const row = Number(cell.match(/\d+/)?.[0]);
  const found = getCell(findSheet(runtime.workbook, sheetName) as Sheet, row, column);
  return { background: found?.background ?? '', note: found?.note ?? '' };
}

describe('an edit of a read-only synced column', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('is marked at once, sends nothing, and the next refresh restores Brex’s value and says so', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const cell = cellOf(runtime, limit.id, 'Period');
    const before = valueOf(runtime, limit.id, 'Period');

    const [result] = await runtime.edit(cell, 'Per week', { as: OWNER });

    expect(result).toMatchObject({ functionName: 'onEdit', ok: true });
    expect(marksAt(runtime, cell)).toEqual({ background: REFUSED, note: READ_ONLY_NOTE });
    expect(READ_ONLY_NOTE).toBe(
      "Brex write-back: Not sent to Brex: this column is read from Brex. The next refresh restores Brex's value.",
    );
    expect(result?.stats.fetches).toBe(0);
    // The review has nothing to send, and keeps the mark.
    expect(((await runtime.call('reviewChanges')) as ChangesReview).changes).toEqual([]);
    expect(marksAt(runtime, cell).note).toBe(READ_ONLY_NOTE);

    await runtime.call('refreshNow', []);

    expect(valueOf(runtime, limit.id, 'Period')).toBe(before);
    expect(marksAt(runtime, cell)).toEqual({
      background: '#ffffff',
      note: "Brex write-back: Restored Brex's value at the refresh of 2026-03-15 12:00 UTC; edits here are not sent to Brex.",
    });
    expect(writes(sandbox)).toHaveLength(0);
    // Nothing waits for a refresh any more: the next one reads no marks.
    expect(JSON.parse(runtime.properties.document['writeback.readonly'] ?? '[]')).toEqual([]);
  });

  it('keeps an action column’s mark apart: a pending Base limit stays pending beside it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Sales Travel');
    const amount = cellOf(runtime, limit.id, 'Base limit');
    const period = cellOf(runtime, limit.id, 'Period');

    await runtime.edit(amount, 19500, { as: OWNER });
    await runtime.edit(period, 'Yearly', { as: OWNER });

    expect(marksAt(runtime, amount)).toEqual({ background: PENDING, note: '' });
    expect(marksAt(runtime, period)).toEqual({ background: REFUSED, note: READ_ONLY_NOTE });
    const review = (await runtime.call('reviewChanges')) as ChangesReview;
    expect(review.changes.map((c) => [c.action, c.target.id])).toEqual([
      ['spend_limit.base_limit', limit.id],
    ]);
  });

  it('never touches a person’s own column, and reads only the header and the edited row for it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const width = (runtime.values(SHEET)[0] as unknown[]).length;
    const own = columnLetter(width);
    // The person inserts a column after the synced ones.
    (findSheet(runtime.workbook, SHEET) as Sheet).maxColumns += 1;
    await runtime.edit(`${SHEET}!${own}1`, 'My notes', { as: OWNER });
    const row = Number(cellOf(runtime, limit.id, 'Name').match(/\d+$/)?.[0]);

    const [result] = await runtime.edit(`${SHEET}!${own}${row}`, 'ask Dana', { as: OWNER });

    expect(result?.ok).toBe(true);
    // The header row, and the edited row (a new spend limit could be typed in any of its cells);
    // no mark read or written, no property read.
    expect(result?.stats).toMatchObject({
      rangeReads: 2,
      rangeReadCells: 2 * (width + 1),
      propertyReads: 0,
      formatWrites: 0,
    });
    await runtime.call('refreshNow', []);
    expect(runtime.values(SHEET)[row - 1]?.[width]).toBe('ask Dana');
    expect(marksAt(runtime, `${SHEET}!${own}${row}`)).toEqual({ background: '', note: '' });
  });

  it('re-marks a new card row at once when its holder is typed', async () => {
    const runtime = await teamWorld(sandbox);
    const row = runtime.values(CARDS).length + 1;
    await type(runtime, CARDS, row, 'Card name', 'Offsite travel');
    const name = teamCell(runtime, CARDS, row, 'Card name');
    expect(marksAt(runtime, name).background).toBe(REFUSED);

    await type(runtime, CARDS, row, 'Holder', 'AVA.NGUYEN@acme-demo.com');

    expect(marksAt(runtime, name)).toEqual({ background: PENDING, note: '' });
    // The holder's cell of a new row is the creation's, not a read-only one.
    expect(marksAt(runtime, teamCell(runtime, CARDS, row, 'Holder')).note).toBe('');
  });
});

describe('a paste of 1,000 rows into a read-only column', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 'read-only-paste',
      today: '2026-03-15',
      transactions: 1000,
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('marks every row with the calls one cell costs, and the refresh that writes a row restores it', async () => {
    const runtime = newRuntime(sandbox);
    await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
    await runtime.call('saveSyncSettings', [
      { dataSets: ['card_transactions'], historyStart: '2000-01-01' },
    ]);
    let summary = (await runtime.call('refreshNow', [])) as RefreshSummary;
    while (!summary.done) summary = (await runtime.call('refreshNow', [])) as RefreshSummary;
    const sheet = 'Brex Card Transactions';
    const grid = runtime.values(sheet);
    const rows = grid.length - 1;
    expect(rows).toBeGreaterThanOrEqual(1000);
    const merchant = (grid[0] as unknown[]).indexOf('Merchant');
    const at = `${sheet}!${columnLetter(merchant)}2`;

    const [single] = await runtime.edit(`${sheet}!${columnLetter(merchant)}3`, 'Typed', {
      as: OWNER,
    });
    const [result] = await runtime.paste(
      at,
      Array.from({ length: 1000 }, (_, n) => [`Typed ${n}`]),
      { as: OWNER },
    );

    expect(result?.ok).toBe(true);
    // The header row (and its column tags), the pasted rows, then one read and one write of the
    // backgrounds and of the notes; the sheet is already flagged for the refresh.
    expect(result?.stats).toMatchObject({
      rangeReads: 2,
      formatWrites: 2,
      formatWriteCells: 2000,
      propertyReads: 1,
      propertyWrites: 0,
      fetches: 0,
    });
    // A thousand rows cost the calls one cell costs: only the cells read and written grow.
    expect(result?.stats.serviceCalls).toBeLessThanOrEqual(single?.stats.serviceCalls ?? 0);
    expect(marksAt(runtime, at)).toEqual({
      background: REFUSED,
      note: READ_ONLY_NOTE_INCREMENTAL,
    });

    await runtime.call('refreshNow', []);

    // The refresh reads again the rows of its look-back: those hold Brex's values and say so;
    // the others still wait, and say that.
    const after = runtime.values(sheet);
    const restored: number[] = [];
    for (let row = 2; row <= 1001; row += 1) {
      const value = String(after[row - 1]?.[merchant]);
      const { note } = marksAt(runtime, `${sheet}!${columnLetter(merchant)}${row}`);
      if (note.startsWith("Brex write-back: Restored Brex's value")) {
        expect(value).not.toMatch(/^Typed/);
        restored.push(row);
      } else {
        expect([value.startsWith('Typed'), note]).toEqual([true, READ_ONLY_NOTE_INCREMENTAL]);
      }
    }
    expect(restored.length).toBeGreaterThan(0);
  });
});
