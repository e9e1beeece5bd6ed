import { sheetView, workbookView } from '../../dev/preview/sheet-view';
import {
  cellFor,
  createSheet,
  createWorkbook,
  setColumnsHidden,
  setColumnWidths,
  writeValue,
  type Sheet,
} from '../../dev/runtime/workbook';

function workbookWithData() {
  const workbook = createWorkbook();
  const sheet = workbook.sheets[0] as Sheet;
  writeValue(sheet, 1, 1, 'Amount', workbook.timeZone);
  writeValue(sheet, 2, 1, '$1,250.50', workbook.timeZone);
  writeValue(sheet, 3, 1, '2024-01-05', workbook.timeZone);
  writeValue(sheet, 1, 2, '=BREX_BALANCES()', workbook.timeZone);
  Object.assign(cellFor(sheet, 1, 2), { value: '#ERROR!', error: 'Connect Brex first.' });
  return workbook;
}

describe('sheetView', () => {
  it('shows cells as Sheets displays them, with formulas and their errors', () => {
    const view = sheetView(workbookWithData(), 'Sheet1', 200);

    expect(view?.cells[0]?.[0]).toEqual({ text: 'Amount' });
    expect(view?.cells[1]?.[0]).toEqual(
      expect.objectContaining({ text: '$1,250.50', numeric: true }),
    );
    expect(view?.cells[2]?.[0]?.text).toBe('2024-01-05');
    expect(view?.cells[0]?.[1]).toEqual(
      expect.objectContaining({
        text: '#ERROR!',
        formula: '=BREX_BALANCES()',
        error: 'Connect Brex first.',
      }),
    );
  });

  it('leaves room to type past the data, and cuts long sheets at the window', () => {
    const workbook = workbookWithData();
    const small = sheetView(workbook, 'Sheet1', 200);
    const sheet = workbook.sheets[0] as Sheet;
    for (let row = 1; row <= 300; row++) writeValue(sheet, row, 3, row, workbook.timeZone);
    const long = sheetView(workbook, 'Sheet1', 200);

    expect(small).toEqual(expect.objectContaining({ rows: 50, columns: 10, dataRows: 3 }));
    expect(small?.columnLetters.slice(0, 3)).toEqual(['A', 'B', 'C']);
    expect(long).toEqual(expect.objectContaining({ rows: 200, dataRows: 300 }));
    expect(long?.cells).toHaveLength(200);
  });

  it('draws each column as wide as the sheet sets it, and a hidden one not at all', () => {
    const workbook = workbookWithData();
    const sheet = workbook.sheets[0] as Sheet;
    setColumnWidths(sheet, 1, 1, 240);
    setColumnsHidden(sheet, 2, 1, true);

    const view = sheetView(workbook, 'Sheet1', 200);

    expect(view?.columnWidths.slice(0, 3)).toEqual([240, 0, null]);
  });

  it('returns nothing for a sheet that does not exist', () => {
    expect(sheetView(workbookWithData(), 'Nope', 200)).toBeUndefined();
  });
});

describe('workbookView', () => {
  it('lists the visible sheets as tabs and falls back from a hidden active sheet', () => {
    const workbook = createWorkbook();
    const hidden = createSheet(workbook, 'Brex Sync State');
    hidden.hidden = true;
    createSheet(workbook, 'Brex Cards');
    workbook.activeSheetId = hidden.id;

    expect(workbookView(workbook)).toEqual({
      name: 'Untitled spreadsheet',
      sheets: ['Sheet1', 'Brex Cards'],
      activeSheet: 'Sheet1',
    });
  });
});
