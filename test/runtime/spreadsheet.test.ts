import { stateFromFile, stateToFile, type WorkbookFile } from '../../dev/runtime/workbook-file';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string, arg?: unknown) =>
  rt.call('exec', [source, arg]);

describe('runtime SpreadsheetApp', () => {
  it('makes a written "=…" string a formula, and keeps it text in a plain-text column', async () => {
    const rt = fakeRuntime();

    await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.getRange('B1:B2').setNumberFormat('@');
       s.getRange('A1:B2').setValues([['=IMPORTXML("x")', '=IMPORTXML("x")'], ['42', '42']]);`,
    );

    expect(rt.formulas('Sheet1')).toEqual([
      ['=IMPORTXML("x")', ''],
      ['', ''],
    ]);
    expect(rt.values('Sheet1')).toEqual([
      ['#NAME?', '=IMPORTXML("x")'],
      [42, '42'],
    ]);
  });

  it('starts appendRow at the first row after a clear, and keeps the notes a clear leaves', async () => {
    const rt = fakeRuntime();

    await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       for (var i = 0; i < 5; i++) s.appendRow(['row ' + i, i]);
       s.getRange('A3').setNote('checked');
       s.clear();
       s.appendRow(['again', 1]);`,
    );

    expect(rt.values('Sheet1')).toEqual([['again', 1]]);
    const sheet = rt.workbook.sheets.find((x) => x.name === 'Sheet1');
    expect(sheet?.rows[2]?.[0]?.note).toBe('checked');
  });

  it('throws Apps Script’s message when the data does not fit the range', async () => {
    const rt = fakeRuntime();

    await expect(
      run(rt, `SpreadsheetApp.getActive().getRange('A1:B3').setValues([[1, 2], [3, 4]]);`),
    ).rejects.toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    await expect(
      run(rt, `SpreadsheetApp.getActive().getRange('A1:B1').setValues([[1, 2, 3]]);`),
    ).rejects.toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(rt.values('Sheet1')).toEqual([]);
  });

  it('hands the bundle Dates and arrays of its own realm', async () => {
    const rt = fakeRuntime();

    const result = await run(
      rt,
      `var r = SpreadsheetApp.getActive().getRange('A1');
       r.setValue(new Date(Date.UTC(2024, 0, 5, 10)));
       var values = r.getValues();
       return [values instanceof Array, values[0][0] instanceof Date, values[0][0].toISOString()];`,
    );

    expect(result).toEqual([true, true, '2024-01-05T10:00:00.000Z']);
  });

  it('ties dates in cells to the spreadsheet time zone', async () => {
    const rt = fakeRuntime();
    await run(rt, `SpreadsheetApp.getActive().getRange('A1').setValue('2024-01-05 10:00')`);

    const utc = await run(
      rt,
      `return SpreadsheetApp.getActive().getRange('A1').getValue().toISOString()`,
    );
    await run(rt, `SpreadsheetApp.getActive().setSpreadsheetTimeZone('America/New_York')`);
    const newYork = await run(
      rt,
      `return SpreadsheetApp.getActive().getRange('A1').getValue().toISOString()`,
    );

    expect([utc, newYork]).toEqual(['2024-01-05T10:00:00.000Z', '2024-01-05T15:00:00.000Z']);
    expect(rt.displayValues('Sheet1')).toEqual([['2024-01-05 10:00:00']]);
  });

  it('shows display values under number formats, and keeps notes and backgrounds', async () => {
    const rt = fakeRuntime();

    const shown = await run(
      rt,
      `var r = SpreadsheetApp.getActive().getRange('A1:B1');
       r.setValues([[1234.5, 0.25]]).setNumberFormats([['#,##0.00', '0%']]);
       r.setNote('from Brex').setBackground('#eeeeee');
       return [r.getDisplayValues()[0], r.getNotes()[0][1], r.getBackground()];`,
    );

    expect(shown).toEqual([['1,234.50', '25%'], 'from Brex', '#eeeeee']);
  });

  it('inserts, hides, freezes, sorts, deletes rows and protects sheets', async () => {
    const rt = fakeRuntime();

    await run(
      rt,
      `var ss = SpreadsheetApp.getActive();
       var s = ss.insertSheet('Brex Cards');
       s.getRange(1, 1, 4, 2).setValues([['name', 'amount'], ['b', 2], ['a', 3], ['c', 1]]);
       s.setFrozenRows(1);
       s.sort(2, false);
       s.deleteRow(4);
       s.protect().setWarningOnly(true);
       ss.getSheetByName('Sheet1').hideSheet();`,
    );

    expect(rt.values('Brex Cards')).toEqual([
      ['name', 'amount'],
      ['a', 3],
      ['b', 2],
    ]);
    const file = rt.toFile();
    expect(file.sheets.map((s) => [s.name, Boolean(s.hidden), s.frozenRows ?? 0])).toEqual([
      ['Sheet1', true, 0],
      ['Brex Cards', false, 1],
    ]);
    expect(file.sheets[1]?.protections).toEqual([
      { description: '', warningOnly: true, editors: ['owner@example.com'] },
    ]);
  });

  it('sizes and hides columns, moves their widths with inserted columns, and keeps them in the file', async () => {
    const rt = fakeRuntime();

    const widths = await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.setColumnWidths(1, 3, 150);
       s.setColumnWidth(2, 240);
       s.hideColumns(3);
       s.insertColumnsBefore(1, 1);
       return [1, 2, 3, 4, 5].map(function (c) { return s.getColumnWidth(c); })
         .concat([s.isColumnHiddenByUser(4), s.isColumnHiddenByUser(1)]);`,
    );

    expect(widths).toEqual([100, 150, 240, 150, 100, true, false]);
    await expect(
      run(rt, `SpreadsheetApp.getActive().getSheetByName('Sheet1').setColumnWidth(28, 80);`),
    ).rejects.toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    const file = rt.toFile();
    expect([file.sheets[0]?.columnWidths, file.sheets[0]?.hiddenColumns]).toEqual([
      { B: 150, C: 240, D: 150 },
      [4],
    ]);
    const back = stateFromFile(file).workbook.sheets[0];
    expect([back?.columnWidths?.[3], back?.hiddenColumns?.[3]]).toEqual([240, true]);
  });

  it('keeps date-times with milliseconds through the workbook file', async () => {
    const rt = fakeRuntime();
    await run(
      rt,
      `SpreadsheetApp.getActive().getActiveSheet().getRange(1, 1)
         .setValues([[new Date(Date.UTC(2026, 10, 26, 5, 17, 34, 166))]]);`,
    );

    const reloaded = stateFromFile(JSON.parse(JSON.stringify(rt.toFile())) as WorkbookFile);

    expect(stateToFile(reloaded)).toEqual(rt.toFile());
  });

  it('refuses ranges outside the sheet and sheets beyond 10,000,000 cells', async () => {
    const rt = fakeRuntime();

    await expect(
      run(rt, `SpreadsheetApp.getActive().getActiveSheet().getRange(1001, 1)`),
    ).rejects.toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    await expect(
      run(rt, `SpreadsheetApp.getActive().getActiveSheet().insertRowsAfter(1, 400000)`),
    ).rejects.toThrow('above the limit of 10000000 cells');
  });

  it('counts range reads and writes with their cells', async () => {
    const rt = fakeRuntime();

    const result = await rt.run('exec', [
      `var r = SpreadsheetApp.getActive().getRange('A1:C2');
       r.setValues([[1, 2, 3], [4, 5, 6]]);
       r.getValues(); r.getValues();
       SpreadsheetApp.flush();`,
    ]);

    expect(result.stats).toMatchObject({
      rangeWrites: 1,
      rangeWriteCells: 6,
      rangeReads: 2,
      rangeReadCells: 12,
      flushes: 1,
    });
  });

  it('counts appendRow and format grids as writes, and value cells written per sheet', async () => {
    const rt = fakeRuntime();

    const result = await rt.run('exec', [
      `var ss = SpreadsheetApp.getActive();
       var data = ss.insertSheet('Data');
       data.appendRow(['a', 'b']); data.appendRow(['c', 'd']);
       data.getRange('A1:B2').setNumberFormats([['@', '@'], ['@', '@']]);
       ss.getSheetByName('Sheet1').getRange('A1:C1').setValues([[1, 2, 3]]);`,
    ]);

    expect(result.stats).toMatchObject({
      rangeWrites: 3,
      rangeWriteCells: 7,
      formatWrites: 1,
      formatWriteCells: 4,
    });
    expect(result.cellsWritten).toEqual({ Data: 4, Sheet1: 3 });
  });
});

describe('runtime formulas', () => {
  it('evaluates a custom function formula and re-evaluates it when its argument changes', async () => {
    const rt = fakeRuntime();
    await rt.edit('Sheet1!A1', '21');
    await rt.edit('Sheet1!B1', '=DOUBLE(A1)');
    expect(rt.values('Sheet1')).toEqual([[21, 42]]);

    await rt.edit('Sheet1!A1', '50');

    expect(rt.values('Sheet1')).toEqual([[50, 100]]);
    expect(rt.formulas('Sheet1')).toEqual([['', '=DOUBLE(A1)']]);
  });

  it('recalculates every formula due at once in parallel mode, a chain round after round', async () => {
    const rt = fakeRuntime({ recalculation: 'parallel' });
    await rt.paste('Sheet1!A1', [
      [1, '=DOUBLE(A1)', '=DOUBLE(B1)'],
      [2, '=DOUBLE(A2)', '=BLOCK(2)'],
    ]);
    expect(rt.values('Sheet1')).toEqual([
      [1, 2, 4, ''],
      [2, 4, 1, '=HYPERLINK("x")'],
      ['', '', 2, '=HYPERLINK("x")'],
    ]);

    await rt.paste('Sheet1!A1', [[5], [6]]);

    expect(rt.values('Sheet1').map((row) => row.slice(0, 3))).toEqual([
      [5, 10, 20],
      [6, 12, 1],
      ['', '', 2],
    ]);
  });

  it('spills a 2-D result, whose strings stay text, and shows #REF! rather than overwrite', async () => {
    const rt = fakeRuntime();
    await rt.edit('Sheet1!A1', '=BLOCK(2)');
    expect(rt.values('Sheet1')).toEqual([
      [1, '=HYPERLINK("x")'],
      [2, '=HYPERLINK("x")'],
    ]);
    expect(rt.formulas('Sheet1')).toEqual([
      ['=BLOCK(2)', ''],
      ['', ''],
    ]);

    await rt.edit('Sheet1!A1', '=BLOCK(3)');
    await rt.edit('Sheet1!B4', 'mine');
    await rt.edit('Sheet1!A1', '=BLOCK(4)');

    expect(rt.values('Sheet1')[0]?.[0]).toBe('#REF!');
    expect(rt.values('Sheet1')[3]).toEqual(['', 'mine']);
  });

  it('gives a custom function its own cell as the active range, on its own sheet', async () => {
    const rt = fakeRuntime();

    await rt.edit('Sheet1!C995', '=ROOM_HERE()');

    expect(rt.values('Sheet1')[994]?.[2]).toBe('C995 6');
  });

  it('runs custom functions read-only, without UI, with the owner’s user properties', async () => {
    const rt = fakeRuntime();
    await run(rt, `PropertiesService.getUserProperties().setProperty('who', 'owner')`);

    await rt.edit('Sheet1!A1', '=WRITE_ATTEMPT()', { as: 'editor@example.com' });
    await rt.edit('Sheet1!A2', '=UI_ATTEMPT()', { as: 'editor@example.com' });
    await rt.edit('Sheet1!A3', '=READ_STORES()', { as: 'editor@example.com' });

    expect(rt.values('Sheet1')).toEqual([['#ERROR!'], ['#ERROR!'], ['owner/v']]);
    const errors = rt.toFile().sheets[0]?.errors;
    expect(errors).toEqual({
      A1: 'You do not have permission to call Range.setValue',
      A2: 'Cannot call SpreadsheetApp.getUi() from this context.',
    });
  });
});
