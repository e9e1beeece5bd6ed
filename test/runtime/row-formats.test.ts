/**
 * Number formats of rows Sheets adds: a row inserted next to others takes their formats (the
 * Sheets API's InsertDimensionRequest.inheritFromBefore: insertRowsAfter extends the row before,
 * insertRowsBefore the row after), and values written into rows that exist keep their formats.
 */
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string) => rt.call('exec', [source]);

/** Column B's formats, rows 1 to `rows`, as the script sees them. */
const formatsOfB = (rt: ReturnType<typeof fakeRuntime>, rows: number) =>
  run(
    rt,
    `return SpreadsheetApp.getActive().getSheetByName('Sheet1')
       .getRange(1, 2, ${rows}, 1).getNumberFormats().map(function (r) { return r[0]; });`,
  );

describe('runtime number formats of added rows', () => {
  it('gives rows inserted after the last row the last row’s formats', async () => {
    const rt = fakeRuntime();

    const grown = await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.getRange(2, 2, s.getMaxRows() - 1, 1).setNumberFormat('@');
       s.insertRowsAfter(s.getMaxRows(), 3);
       s.getRange(1003, 2).setValue('=1+1');
       return [s.getMaxRows(), s.getRange(1003, 2).getValue()];`,
    );

    expect(grown).toEqual([1003, '=1+1']);
    expect(((await formatsOfB(rt, 1003)) as string[]).slice(998)).toEqual([
      '@',
      '@',
      '@',
      '@',
      '@',
    ]);
  });

  it('takes the row after for insertRowsBefore, and leaves a row without format plain', async () => {
    const rt = fakeRuntime();

    await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.getRange('B2').setNumberFormat('yyyy-mm-dd');
       s.getRange('B3').setNumberFormat('#,##0.00');
       s.insertRowsBefore(3, 1);
       s.insertRowsAfter(1, 1);`,
    );

    expect(await formatsOfB(rt, 5)).toEqual([
      'General',
      'General',
      'yyyy-mm-dd',
      '#,##0.00',
      '#,##0.00',
    ]);
  });

  it('keeps a row’s format when values are written into it', async () => {
    const rt = fakeRuntime();

    const values = await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.getRange('B2:B3').setNumberFormat('#,##0.00');
       s.getRange('B2:B3').setValues([[1.5], [2]]);
       return s.getRange('B2:B3').getDisplayValues();`,
    );

    expect(values).toEqual([['1.50'], ['2.00']]);
    expect(await formatsOfB(rt, 3)).toEqual(['General', '#,##0.00', '#,##0.00']);
  });

  it('counts a format set on a whole range as one cell sent', async () => {
    const rt = fakeRuntime();

    const result = await rt.run('exec', [
      `SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A2:Z1000').setNumberFormat('@');`,
    ]);

    expect(result.stats).toMatchObject({ formatWrites: 1, formatWriteCells: 1 });
  });
});
