/**
 * The runtime's basic filter, through a bundle as Apps Script runs it: one filter per sheet,
 * criteria that hide rows, getValues that still returns them, a sort of whole rows, and a range
 * that moves with the grid.
 */
import { stateFromFile } from '../../dev/runtime/workbook-file';
import { findSheet } from '../../dev/runtime/workbook';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string) => rt.call('exec', [source]);

/** A header and five rows in A1:C6 of Sheet1, `s` the sheet. */
const DATA = `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
  s.getRange('A1:C6').setValues([
    ['Name', 'Amount', 'Period'],
    ['Travel', 500, 'MONTHLY'],
    ['SaaS', 1200, 'YEARLY'],
    ['Meals', 80, 'MONTHLY'],
    ['Events', 3000, 'QUARTERLY'],
    ['Tools', 300, 'YEARLY'],
  ]);`;
const HIDDEN = `(function () { var out = []; for (var r = 1; r <= 7; r++) out.push(s.isRowHiddenByFilter(r)); return out; })()`;

describe('runtime basic filter', () => {
  it('hides the rows whose values a column hides, and getValues still returns them', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${DATA}
       var f = s.getRange('A1:C6').createFilter();
       f.setColumnFilterCriteria(3, SpreadsheetApp.newFilterCriteria().setHiddenValues(['YEARLY']).build());
       return [${HIDDEN}, s.getRange('A1:C6').getValues().length, s.getFilter().getRange().getA1Notation(),
         f.getColumnFilterCriteria(3).getHiddenValues(), f.getColumnFilterCriteria(2)];`,
    );
    expect(seen).toEqual([
      [false, false, true, false, false, true, false],
      6,
      'A1:C6',
      ['YEARLY'],
      null,
    ]);
  });

  it('combines conditions across columns, and re-hides a row the moment its value stops matching', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${DATA}
       var f = s.getRange('A1:C6').createFilter();
       f.setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(250).build());
       f.setColumnFilterCriteria(3, SpreadsheetApp.newFilterCriteria().whenTextEqualTo('monthly').build());
       var first = ${HIDDEN};
       s.getRange('B2').setValue(100);
       var afterEdit = ${HIDDEN};
       f.removeColumnFilterCriteria(3);
       return [first, afterEdit, ${HIDDEN}, f.getColumnFilterCriteria(2).getCriteriaType(),
         f.getColumnFilterCriteria(2).getCriteriaValues()];`,
    );
    expect(seen).toEqual([
      [false, false, true, true, true, true, false],
      [false, true, true, true, true, true, false],
      [false, true, false, true, false, false, false],
      'NUMBER_GREATER_THAN',
      [250],
    ]);
  });

  it('allows one filter per sheet: a second is refused until the first is removed', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${DATA}
       s.getRange('A1:C6').createFilter().setColumnFilterCriteria(1,
         SpreadsheetApp.newFilterCriteria().setHiddenValues(['Meals']).build());
       var refused; try { s.getRange('A1:B3').createFilter(); } catch (e) { refused = e.message; }
       var outside; try { s.getFilter().setColumnFilterCriteria(4,
         SpreadsheetApp.newFilterCriteria().whenCellEmpty().build()); } catch (e) { outside = e.message; }
       s.getFilter().remove();
       var after = [s.getFilter(), s.getRange('A1').getFilter(), ${HIDDEN}];
       var again = s.getRange('A1:B3').createFilter().getRange().getA1Notation();
       return [refused, outside, after, again];`,
    );
    const [refused, outside, after, again] = seen as [string, string, unknown[], string];
    expect(refused).toBe("You can't create a filter in a sheet that already has a filter.");
    expect(outside).toMatch(/column position 4 is outside the range of the filter/);
    expect(after).toEqual([null, null, [false, false, false, false, false, false, false]]);
    expect(again).toBe('A1:B3');
  });

  it('sorts whole rows of the filter range below its header, hidden rows included, nothing outside', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${DATA}
       s.getRange('D1:D6').setValues([['Mine'], ['a'], ['b'], ['c'], ['d'], ['e']]);
       var f = s.getRange('A1:C6').createFilter();
       f.setColumnFilterCriteria(3, SpreadsheetApp.newFilterCriteria().setHiddenValues(['YEARLY']).build());
       f.sort(2, false);
       return [s.getRange('A1:D6').getValues(), ${HIDDEN}];`,
    );
    expect(seen).toEqual([
      [
        ['Name', 'Amount', 'Period', 'Mine'],
        ['Events', 3000, 'QUARTERLY', 'a'],
        ['SaaS', 1200, 'YEARLY', 'b'],
        ['Travel', 500, 'MONTHLY', 'c'],
        ['Tools', 300, 'YEARLY', 'd'],
        ['Meals', 80, 'MONTHLY', 'e'],
      ],
      [false, false, true, false, true, false, false],
    ]);
  });

  it('moves with inserted and deleted rows and columns, criteria along with their column', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${DATA}
       var f = s.getRange('A1:C6').createFilter();
       f.setColumnFilterCriteria(3, SpreadsheetApp.newFilterCriteria().setHiddenValues(['YEARLY']).build());
       s.insertRowsBefore(1, 2);
       s.insertRowsAfter(4, 1);
       s.insertColumnsBefore(1, 1);
       s.deleteColumn(3);
       var range = s.getFilter().getRange().getA1Notation();
       var moved = s.getFilter().getColumnFilterCriteria(3).getHiddenValues();
       s.deleteRow(3);
       return [range, moved, s.getFilter()];`,
    );
    // Row 3 was the header: deleting it deletes the filter.
    expect(seen).toEqual(['B3:C9', ['YEARLY'], null]);
  });

  it('is kept in the workbook file', async () => {
    const rt = fakeRuntime();
    await run(
      rt,
      `${DATA}
       s.getRange('A1:C6').createFilter().setColumnFilterCriteria(2,
         SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(400).build());`,
    );
    const sheet = findSheet(stateFromFile(rt.toFile()).workbook, 'Sheet1');
    expect(sheet?.filter).toEqual({
      range: { row: 1, column: 1, rows: 6, columns: 3 },
      criteria: { 2: { condition: { type: 'NUMBER_GREATER_THAN', values: [400] } } },
    });
  });
});
