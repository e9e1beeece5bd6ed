/**
 * The `onEdit` simple trigger marks a typed spend-limit amount at once, through the built bundle
 * (dist/Code.js) in the local runtime against the Brex sandbox over loopback HTTP.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { SpendLimitReview } from '../../src/contract/writeback';
import {
  amountMarks,
  cellOf,
  limitNamed,
  openSandbox,
  SHEET,
  syncedWorld,
  writes,
} from '../support/spend-limits';
import { OWNER } from '../support/world';

describe('onEdit', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('marks a typed Base limit pending with no other call, in one write per mark kind', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const other = limitNamed(sandbox, 'Sales Travel');
    const otherBefore = amountMarks(runtime, other.id);

    const [result] = await runtime.edit(cellOf(runtime, limit.id, 'Base limit'), 26000, {
      as: OWNER,
    });

    expect(result).toMatchObject({ functionName: 'onEdit', ok: true });
    expect(amountMarks(runtime, limit.id)).toEqual({ background: '#fff2cc', note: '' });
    expect(amountMarks(runtime, other.id)).toEqual(otherBefore);
    // One setBackgrounds and one setNotes, each of the edited cell only; nothing sent to Brex.
    expect(result?.stats.formatWrites).toBe(2);
    expect(result?.stats.formatWriteCells).toBe(2);
    expect(result?.stats.fetches).toBe(0);
    expect(writes(sandbox)).toHaveLength(0);
  });

  it('notes why an invalid amount is refused', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');

    await runtime.edit(cellOf(runtime, limit.id, 'Base limit'), -5, { as: OWNER });

    const marks = amountMarks(runtime, limit.id);
    expect(marks.background).toBe('#f4cccc');
    expect(marks.note).toMatch(/^Brex write-back: /);
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(marks.note).toBe(`Brex write-back: ${review.changes[0]?.problem}`);
  });

  it('clears the mark when the synced value is typed back', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const before = amountMarks(runtime, limit.id);
    const cell = cellOf(runtime, limit.id, 'Base limit');
    await runtime.edit(cell, 26000, { as: OWNER });
    expect(amountMarks(runtime, limit.id).background).toBe('#fff2cc');

    await runtime.edit(cell, 25000, { as: OWNER });

    expect(amountMarks(runtime, limit.id).background).not.toBe('#fff2cc');
    expect(amountMarks(runtime, limit.id).note).toBe(before.note);
  });

  it('turns a refused mark into a pending one when a valid amount replaces it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const cell = cellOf(runtime, limit.id, 'Base limit');
    await runtime.edit(cell, 'nonsense', { as: OWNER });

    const [result] = await runtime.edit(cell, 30000, { as: OWNER });

    expect(amountMarks(runtime, limit.id)).toEqual({ background: '#fff2cc', note: '' });
    expect(result?.stats.formatWrites).toBe(2);
  });

  it('reads nothing but the sheet name for an edit in another sheet', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const other = runtime.workbook.sheets.find((sheet) => sheet.name !== SHEET)?.name;
    expect(other).toBeDefined();
    const before = runtime.values(SHEET);

    const [result] = await runtime.edit(`${other}!A1`, 26000, { as: OWNER });

    expect(result?.ok).toBe(true);
    expect(result?.stats).toMatchObject({
      rangeReads: 0,
      propertyReads: 0,
      formatWrites: 0,
      rangeWrites: 0,
    });
    expect(runtime.values(SHEET)).toEqual(before);
  });

  it('marks an edit of a read-only column of the spend limits in one write per mark kind', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    const width = (runtime.values(SHEET)[0] as unknown[]).length;
    const amountBefore = amountMarks(runtime, limit.id);

    // "Name" and "Members" are action columns; "Period" is read from Brex only.
    const [result] = await runtime.edit(cellOf(runtime, limit.id, 'Period'), 'Yearly', {
      as: OWNER,
    });

    expect(result?.ok).toBe(true);
    // The header row, the edited row, the cell's marks; its background and note written once.
    expect(result?.stats).toMatchObject({
      rangeReads: 2,
      rangeReadCells: 2 * width,
      formatWrites: 2,
      formatWriteCells: 2,
      fetches: 0,
    });
    expect(amountMarks(runtime, limit.id)).toEqual(amountBefore);
  });
});
