/**
 * SpreadsheetApp over the workbook: Spreadsheet, Sheet, Range and Protection operations, with
 * Sheets' typing, dimension checks, limits and protections, counted by kind.
 */
import { parseA1, rectA1, referenceRect, rectsIntersect, type GridRect } from './a1-notation';
import {
  fail,
  op,
  remote,
  type Execution,
  type Host,
  type Operation,
  type RemoteRef,
  type ServiceTable,
} from './host';
import { MESSAGES } from './limits';
import { displayValue, isDateFormat, type CellValue } from './number-format';
import { serialToEpoch } from './time-zones';
import {
  cellFor,
  checkColumns,
  checkInside,
  createSheet,
  deleteColumns,
  deleteRows,
  dropEmptyTail,
  findSheet,
  getCell,
  insertColumns,
  insertRows,
  isEmptyCell,
  lastColumn,
  lastRow,
  moveColumns,
  newProtection,
  setColumnsHidden,
  sheetById,
  sortRows,
  writeValue,
  type Cell,
  type Sheet,
  type SortSpec,
} from './workbook';

export interface RangeHandle extends GridRect {
  readonly sheetId: number;
}

interface SheetHandle {
  readonly sheetId: number;
}

interface ProtectionHandle {
  readonly sheetId: number;
  readonly id: string;
}

type Grid<T> = T[][];

export function rangeRef(sheet: Sheet, rect: GridRect): RemoteRef {
  return remote('Range', { sheetId: sheet.id, ...rect });
}

export function sheetRef(sheet: Sheet): RemoteRef {
  return remote('Sheet', { sheetId: sheet.id });
}

/** A cell's value as getValues returns it: a Date for date-formatted numbers. */
export function readCellValue(cell: Cell | undefined, timeZone: string): CellValue | Date {
  if (!cell || cell.value === undefined) return '';
  if (typeof cell.value === 'number' && isDateFormat(cell.format)) {
    return new Date(serialToEpoch(cell.value, timeZone));
  }
  return cell.value;
}

export function createSpreadsheetService(host: Host): ServiceTable {
  const wb = host.workbook;
  const sheetOf = (h: SheetHandle | RangeHandle): Sheet => sheetById(wb, h.sheetId);

  const grid = <T>(h: RangeHandle, read: (cell: Cell | undefined) => T): Grid<T> => {
    const sheet = sheetOf(h);
    const out: Grid<T> = [];
    for (let r = 0; r < h.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < h.columns; c++) row.push(read(getCell(sheet, h.row + r, h.column + c)));
      out.push(row);
    }
    return out;
  };

  const countRead = (x: Execution, h: RangeHandle) => {
    host.count(x, 'rangeReads');
    host.count(x, 'rangeReadCells', h.rows * h.columns);
  };
  const countWrite = (x: Execution, h: RangeHandle) => {
    host.count(x, 'rangeWrites');
    host.count(x, 'rangeWriteCells', h.rows * h.columns);
    x.cellsWritten.set(h.sheetId, (x.cellsWritten.get(h.sheetId) ?? 0) + h.rows * h.columns);
  };
  // Formats, notes, backgrounds and font weights are range writes to Sheets as much as values are.
  // A setter of one value for a whole range (setNumberFormat) sends that value once, and Sheets
  // repeats it over the range (the Sheets API's repeatCell): one cell sent, however large the range.
  const countFormatWrite = (x: Execution, h: GridRect, cellsSent = h.rows * h.columns) => {
    host.count(x, 'formatWrites');
    host.count(x, 'formatWriteCells', cellsSent);
  };
  const meta = (x: Execution) => host.count(x, 'spreadsheetCalls');

  const checkEditable = (x: Execution, sheet: Sheet, rect: GridRect) => {
    if (x.user === wb.owner) return;
    for (const p of sheet.protections) {
      if (p.warningOnly || p.editors.includes(x.user)) continue;
      if (!p.range || rectsIntersect(p.range, rect)) {
        fail(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
      }
    }
  };

  const changed = (x: Execution, sheet: Sheet, rect: GridRect) => {
    x.changes.push({ sheetId: sheet.id, ...rect });
  };

  const checkShape = (h: RangeHandle, data: unknown) => {
    if (!Array.isArray(data))
      fail(
        "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
      );
    if (data.length !== h.rows) fail(MESSAGES.rowsMismatch(data.length, h.rows));
    for (const row of data) {
      const width = Array.isArray(row) ? row.length : 1;
      if (width !== h.columns) fail(MESSAGES.columnsMismatch(width, h.columns));
    }
  };

  const writeGrid = (
    x: Execution,
    h: RangeHandle,
    data: unknown[][],
    apply: (sheet: Sheet, row: number, column: number, input: unknown) => void,
  ) => {
    checkShape(h, data);
    const sheet = sheetOf(h);
    checkEditable(x, sheet, h);
    countWrite(x, h);
    // Validate the whole block first: Apps Script writes all of it or none of it.
    for (const row of data)
      for (const v of row) if (typeof v === 'string' && v.length > 50_000) fail(MESSAGES.cellChars);
    data.forEach((row, r) => row.forEach((v, c) => apply(sheet, h.row + r, h.column + c, v)));
    changed(x, sheet, h);
  };

  const eachCell = (sheet: Sheet, h: GridRect, fn: (cell: Cell) => void) => {
    for (let r = 0; r < h.rows; r++) {
      for (let c = 0; c < h.columns; c++) {
        const cell = getCell(sheet, h.row + r, h.column + c);
        if (cell) fn(cell);
      }
    }
  };

  const rangeFrom = (sheet: Sheet, args: unknown[]): RemoteRef => {
    const [a, b, c, d] = args;
    let rect: GridRect;
    if (typeof a === 'string') {
      const ref = parseA1(a);
      if (!ref) fail(`Range not found`);
      const target = ref.sheet ? findSheet(wb, ref.sheet) : sheet;
      if (!target) fail('Range not found');
      rect = referenceRect(ref, target.maxRows, target.maxColumns);
      checkInside(target, rect);
      return rangeRef(target, rect);
    }
    rect = {
      row: Number(a),
      column: Number(b),
      rows: c === undefined ? 1 : Number(c),
      columns: d === undefined ? 1 : Number(d),
    };
    if (rect.rows < 1 && c !== undefined)
      fail('The number of rows in the range must be at least 1.');
    if (rect.columns < 1 && d !== undefined)
      fail('The number of columns in the range must be at least 1.');
    checkInside(sheet, rect);
    return rangeRef(sheet, rect);
  };

  const activeSheet = (x: Execution): Sheet =>
    wb.sheets.find((s) => s.id === (x.activeSheetId ?? wb.activeSheetId)) ??
    (wb.sheets[0] as Sheet);

  const sheetFromArg = (arg: unknown): Sheet => {
    const h = (arg as RemoteRef | undefined)?.handle as SheetHandle | undefined;
    if (!h || typeof h.sheetId !== 'number') fail('Invalid argument: sheet');
    return sheetById(wb, h.sheetId);
  };

  const protectionOf = (h: ProtectionHandle) => {
    const p = sheetOf(h).protections.find((x) => x.id === h.id);
    if (!p) fail('The protection has been removed.');
    return p;
  };

  const clearCells = (
    sheet: Sheet,
    h: GridRect,
    what: { contents?: boolean; formats?: boolean; notes?: boolean },
  ) => {
    eachCell(sheet, h, (cell) => {
      if (what.contents) {
        delete cell.value;
        delete cell.formula;
        delete cell.error;
        delete cell.spilledFrom;
      }
      if (what.formats) {
        delete cell.format;
        delete cell.background;
        delete cell.fontWeight;
      }
      if (what.notes) delete cell.note;
    });
    dropEmptyTail(sheet);
  };

  const setEach = (key: 'format' | 'note' | 'background' | 'fontWeight') =>
    op('write', (x, h: RangeHandle, value: unknown) => {
      const sheet = sheetOf(h);
      checkEditable(x, sheet, h);
      countFormatWrite(x, h, 1);
      for (let r = 0; r < h.rows; r++) {
        for (let c = 0; c < h.columns; c++) {
          const cell = cellFor(sheet, h.row + r, h.column + c);
          cell[key] = value === null || value === '' ? undefined : String(value);
        }
      }
      return remote('Range', h);
    });

  const setGrid = (key: 'format' | 'note' | 'background' | 'fontWeight') =>
    op('write', (x, h: RangeHandle, data: unknown[][]) => {
      checkShape(h, data);
      const sheet = sheetOf(h);
      checkEditable(x, sheet, h);
      countFormatWrite(x, h);
      data.forEach((row, r) =>
        row.forEach((value, c) => {
          const cell = cellFor(sheet, h.row + r, h.column + c);
          cell[key] = value === null || value === '' ? undefined : String(value);
        }),
      );
      return remote('Range', h);
    });

  const getEach = (read: (cell: Cell | undefined) => unknown): [Operation, Operation] => [
    op('read', (x, h: RangeHandle) => {
      meta(x);
      return grid(h, read);
    }),
    op('read', (x, h: RangeHandle) => {
      meta(x);
      return read(getCell(sheetOf(h), h.row, h.column));
    }),
  ];

  const [getNumberFormats, getNumberFormat] = getEach((c) => c?.format ?? 'General');
  const [getNotes, getNote] = getEach((c) => c?.note ?? '');
  const [getBackgrounds, getBackground] = getEach((c) => c?.background ?? '#ffffff');
  const [getFontWeights, getFontWeight] = getEach((c) => c?.fontWeight ?? 'normal');
  const [getFormulas, getFormula] = getEach((c) => c?.formula ?? '');

  const spreadsheetRef = remote('Spreadsheet');

  const table: ServiceTable = {
    'SpreadsheetApp.getActive': op('free', () => spreadsheetRef),
    'SpreadsheetApp.getActiveSpreadsheet': op('free', () => spreadsheetRef),
    'SpreadsheetApp.openById': op('read', (x, _h, id: string) => {
      meta(x);
      if (x.authMode === 'CUSTOM_FUNCTION') fail(MESSAGES.permission('SpreadsheetApp.openById'));
      if (id !== wb.id)
        fail(
          'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      return spreadsheetRef;
    }),
    'SpreadsheetApp.getActiveSheet': op('read', (x) => sheetRef(activeSheet(x))),
    // A custom function's active range is its own cell.
    'SpreadsheetApp.getActiveRange': op('read', (x) =>
      rangeRef(activeSheet(x), {
        row: x.activeCell?.row ?? 1,
        column: x.activeCell?.column ?? 1,
        rows: 1,
        columns: 1,
      }),
    ),
    'SpreadsheetApp.flush': op('read', (x) => {
      host.count(x, 'flushes');
    }),
    'SpreadsheetApp.setActiveSheet': op('write', (x, _h, s: RemoteRef) => {
      const sheet = sheetFromArg(s);
      x.activeSheetId = sheet.id;
      wb.activeSheetId = sheet.id;
      return sheetRef(sheet);
    }),

    'Spreadsheet.getId': op('read', () => wb.id),
    'Spreadsheet.getName': op('read', () => wb.name),
    'Spreadsheet.rename': op('write', (x, _h, name: string) => {
      meta(x);
      wb.name = String(name);
    }),
    'Spreadsheet.getUrl': op('read', () => `https://docs.google.com/spreadsheets/d/${wb.id}/edit`),
    'Spreadsheet.getSpreadsheetTimeZone': op('read', (x) => {
      meta(x);
      return wb.timeZone;
    }),
    'Spreadsheet.setSpreadsheetTimeZone': op('write', (x, _h, tz: string) => {
      meta(x);
      wb.timeZone = String(tz);
    }),
    'Spreadsheet.getSpreadsheetLocale': op('read', () => wb.locale),
    'Spreadsheet.getOwner': op('read', () => remote('User', { email: wb.owner })),
    'Spreadsheet.getSheets': op('read', (x) => {
      meta(x);
      return wb.sheets.map(sheetRef);
    }),
    'Spreadsheet.getNumSheets': op('read', () => wb.sheets.length),
    'Spreadsheet.getSheetByName': op('read', (x, _h, name: string) => {
      meta(x);
      const sheet = findSheet(wb, String(name));
      return sheet ? sheetRef(sheet) : null;
    }),
    'Spreadsheet.getSheetById': op('read', (x, _h, id: number) => {
      meta(x);
      const sheet = wb.sheets.find((s) => s.id === id);
      return sheet ? sheetRef(sheet) : null;
    }),
    'Spreadsheet.insertSheet': op('write', (x, _h, a?: unknown, b?: unknown) => {
      meta(x);
      const name = typeof a === 'string' ? a : `Sheet${wb.nextSheetId + 1}`;
      const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
      const sheet = createSheet(wb, name, index);
      x.activeSheetId = sheet.id;
      return sheetRef(sheet);
    }),
    'Spreadsheet.deleteSheet': op('write', (x, _h, s: RemoteRef) => {
      meta(x);
      const sheet = sheetFromArg(s);
      if (wb.sheets.length === 1) fail("You can't remove all the sheets in a document.");
      checkEditable(x, sheet, {
        row: 1,
        column: 1,
        rows: sheet.maxRows,
        columns: sheet.maxColumns,
      });
      wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
      if (wb.activeSheetId === sheet.id) wb.activeSheetId = (wb.sheets[0] as Sheet).id;
    }),
    'Spreadsheet.getActiveSheet': op('read', (x) => sheetRef(activeSheet(x))),
    'Spreadsheet.setActiveSheet': op('write', (x, _h, s: RemoteRef) => {
      const sheet = sheetFromArg(s);
      x.activeSheetId = sheet.id;
      wb.activeSheetId = sheet.id;
      return sheetRef(sheet);
    }),
    'Spreadsheet.getRange': op('read', (x, _h, a1: string) => {
      meta(x);
      return rangeFrom(activeSheet(x), [a1]);
    }),

    'Sheet.getName': op('read', (_x, h: SheetHandle) => sheetOf(h).name),
    'Sheet.setName': op('write', (x, h: SheetHandle, name: string) => {
      meta(x);
      const other = findSheet(wb, String(name));
      if (other && other.id !== h.sheetId)
        fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
      sheetOf(h).name = String(name);
      return remote('Sheet', h);
    }),
    'Sheet.getSheetId': op('read', (_x, h: SheetHandle) => h.sheetId),
    'Sheet.getIndex': op('read', (_x, h: SheetHandle) => wb.sheets.indexOf(sheetOf(h)) + 1),
    'Sheet.getParent': op('read', () => spreadsheetRef),
    'Sheet.activate': op('write', (x, h: SheetHandle) => {
      x.activeSheetId = h.sheetId;
      wb.activeSheetId = h.sheetId;
      return remote('Sheet', h);
    }),
    'Sheet.getRange': op('read', (x, h: SheetHandle, ...args: unknown[]) => {
      meta(x);
      return rangeFrom(sheetOf(h), args);
    }),
    'Sheet.getDataRange': op('read', (x, h: SheetHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      return rangeRef(sheet, {
        row: 1,
        column: 1,
        rows: Math.max(1, lastRow(sheet)),
        columns: Math.max(1, lastColumn(sheet)),
      });
    }),
    'Sheet.getLastRow': op('read', (x, h: SheetHandle) => {
      meta(x);
      return lastRow(sheetOf(h));
    }),
    'Sheet.getLastColumn': op('read', (x, h: SheetHandle) => {
      meta(x);
      return lastColumn(sheetOf(h));
    }),
    'Sheet.getMaxRows': op('read', (_x, h: SheetHandle) => sheetOf(h).maxRows),
    'Sheet.getMaxColumns': op('read', (_x, h: SheetHandle) => sheetOf(h).maxColumns),
    'Sheet.insertRowBefore': op('write', (x, h: SheetHandle, row: number) => {
      meta(x);
      insertRows(wb, sheetOf(h), row, 1, row);
      return remote('Sheet', h);
    }),
    'Sheet.insertRowAfter': op('write', (x, h: SheetHandle, row: number) => {
      meta(x);
      insertRows(wb, sheetOf(h), row + 1, 1, row);
      return remote('Sheet', h);
    }),
    'Sheet.insertRows': op('write', (x, h: SheetHandle, row: number, count?: number) => {
      meta(x);
      insertRows(wb, sheetOf(h), row, count ?? 1, row);
    }),
    'Sheet.insertRowsBefore': op('write', (x, h: SheetHandle, row: number, count: number) => {
      meta(x);
      insertRows(wb, sheetOf(h), row, count, row);
      return remote('Sheet', h);
    }),
    'Sheet.insertRowsAfter': op('write', (x, h: SheetHandle, row: number, count: number) => {
      meta(x);
      insertRows(wb, sheetOf(h), row + 1, count, row);
      return remote('Sheet', h);
    }),
    'Sheet.insertColumnsAfter': op('write', (x, h: SheetHandle, column: number, count: number) => {
      meta(x);
      insertColumns(wb, sheetOf(h), column + 1, count);
      return remote('Sheet', h);
    }),
    'Sheet.insertColumnsBefore': op('write', (x, h: SheetHandle, column: number, count: number) => {
      meta(x);
      insertColumns(wb, sheetOf(h), column, count);
      return remote('Sheet', h);
    }),
    'Sheet.deleteRow': op('write', (x, h: SheetHandle, row: number) => {
      meta(x);
      const sheet = sheetOf(h);
      checkEditable(x, sheet, { row, column: 1, rows: 1, columns: sheet.maxColumns });
      deleteRows(sheet, row, 1);
      changed(x, sheet, { row, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns });
      return remote('Sheet', h);
    }),
    'Sheet.deleteRows': op('write', (x, h: SheetHandle, row: number, count: number) => {
      meta(x);
      const sheet = sheetOf(h);
      checkEditable(x, sheet, { row, column: 1, rows: count, columns: sheet.maxColumns });
      deleteRows(sheet, row, count);
      changed(x, sheet, { row, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns });
    }),
    'Sheet.deleteColumns': op('write', (x, h: SheetHandle, column: number, count: number) => {
      meta(x);
      deleteColumns(sheetOf(h), column, count);
    }),
    'Sheet.deleteColumn': op('write', (x, h: SheetHandle, column: number) => {
      meta(x);
      deleteColumns(sheetOf(h), column, 1);
      return remote('Sheet', h);
    }),
    'Sheet.moveColumns': op('write', (x, h: SheetHandle, spec: RemoteRef, destination: number) => {
      meta(x);
      const rect = spec?.handle as RangeHandle | undefined;
      if (!rect || rect.sheetId !== h.sheetId) fail('The columns to move must be on this sheet.');
      moveColumns(sheetOf(h), rect.column, rect.columns, Number(destination));
    }),
    'Sheet.appendRow': op('write', (x, h: SheetHandle, values: unknown[]) => {
      const sheet = sheetOf(h);
      const row = lastRow(sheet) + 1;
      if (row > sheet.maxRows) insertRows(wb, sheet, row, 1);
      if (values.length > sheet.maxColumns)
        insertColumns(wb, sheet, sheet.maxColumns + 1, values.length - sheet.maxColumns);
      const rect = { sheetId: sheet.id, row, column: 1, rows: 1, columns: values.length };
      writeGrid(x, rect, [values], (s, r, c, v) => writeValue(s, r, c, v, wb.timeZone));
      return remote('Sheet', h);
    }),
    'Sheet.clear': op('write', (x, h: SheetHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      const all = { row: 1, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns };
      checkEditable(x, sheet, all);
      clearCells(sheet, all, { contents: true, formats: true });
      changed(x, sheet, all);
      return remote('Sheet', h);
    }),
    'Sheet.clearContents': op('write', (x, h: SheetHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      const all = { row: 1, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns };
      checkEditable(x, sheet, all);
      clearCells(sheet, all, { contents: true });
      changed(x, sheet, all);
      return remote('Sheet', h);
    }),
    'Sheet.hideSheet': op('write', (x, h: SheetHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      if (wb.sheets.filter((s) => !s.hidden).length === 1 && !sheet.hidden)
        fail("You can't hide all the sheets in a document.");
      sheet.hidden = true;
      return remote('Sheet', h);
    }),
    'Sheet.showSheet': op('write', (x, h: SheetHandle) => {
      meta(x);
      sheetOf(h).hidden = false;
      return remote('Sheet', h);
    }),
    'Sheet.isSheetHidden': op('read', (_x, h: SheetHandle) => sheetOf(h).hidden),
    'Sheet.setFrozenRows': op('write', (x, h: SheetHandle, n: number) => {
      meta(x);
      sheetOf(h).frozenRows = n;
    }),
    'Sheet.setFrozenColumns': op('write', (x, h: SheetHandle, n: number) => {
      meta(x);
      sheetOf(h).frozenColumns = n;
    }),
    'Sheet.getFrozenRows': op('read', (_x, h: SheetHandle) => sheetOf(h).frozenRows),
    'Sheet.hideColumns': op('write', (x, h: SheetHandle, column: number, count?: number) => {
      meta(x);
      setColumnsHidden(sheetOf(h), column, count ?? 1, true);
    }),
    'Sheet.showColumns': op('write', (x, h: SheetHandle, column: number, count?: number) => {
      meta(x);
      setColumnsHidden(sheetOf(h), column, count ?? 1, false);
    }),
    'Sheet.isColumnHiddenByUser': op('read', (_x, h: SheetHandle, column: number) => {
      const sheet = sheetOf(h);
      checkColumns(sheet, column, 1);
      return Boolean(sheet.hiddenColumns?.[column - 1]);
    }),
    'Sheet.getFrozenColumns': op('read', (_x, h: SheetHandle) => sheetOf(h).frozenColumns),
    'Sheet.setTabColor': op('write', (x, h: SheetHandle, color: string | null) => {
      meta(x);
      const sheet = sheetOf(h);
      if (color) sheet.tabColor = color;
      else delete sheet.tabColor;
      return remote('Sheet', h);
    }),
    'Sheet.getTabColor': op('read', (_x, h: SheetHandle) => sheetOf(h).tabColor ?? null),
    'Sheet.sort': op('write', (x, h: SheetHandle, column: number, ascending?: boolean) => {
      meta(x);
      const sheet = sheetOf(h);
      const first = sheet.frozenRows + 1;
      const rect = {
        row: first,
        column: 1,
        rows: Math.max(0, lastRow(sheet) - first + 1),
        columns: sheet.maxColumns,
      };
      if (rect.rows > 0) {
        checkEditable(x, sheet, rect);
        sortRows(sheet, rect, [{ column, ascending: ascending !== false }]);
        changed(x, sheet, rect);
      }
      return remote('Sheet', h);
    }),
    'Sheet.protect': op('write', (x, h: SheetHandle) => {
      meta(x);
      const protection = newProtection();
      protection.editors.push(x.user);
      sheetOf(h).protections.push(protection);
      return remote('Protection', { sheetId: h.sheetId, id: protection.id });
    }),
    'Sheet.getProtections': op('read', (x, h: SheetHandle, type: string) => {
      meta(x);
      return sheetOf(h)
        .protections.filter((p) => (type === 'RANGE' ? p.range : !p.range))
        .map((p) => remote('Protection', { sheetId: h.sheetId, id: p.id }));
    }),

    'Range.getValues': op('read', (x, h: RangeHandle) => {
      countRead(x, h);
      return grid(h, (c) => readCellValue(c, wb.timeZone));
    }),
    'Range.getValue': op('read', (x, h: RangeHandle) => {
      countRead(x, { ...h, rows: 1, columns: 1 });
      return readCellValue(getCell(sheetOf(h), h.row, h.column), wb.timeZone);
    }),
    'Range.getDisplayValues': op('read', (x, h: RangeHandle) => {
      countRead(x, h);
      return grid(h, (c) => displayValue(c?.value, c?.format, wb.timeZone));
    }),
    'Range.getDisplayValue': op('read', (x, h: RangeHandle) => {
      countRead(x, { ...h, rows: 1, columns: 1 });
      const c = getCell(sheetOf(h), h.row, h.column);
      return displayValue(c?.value, c?.format, wb.timeZone);
    }),
    'Range.setValues': op('write', (x, h: RangeHandle, data: unknown[][]) => {
      writeGrid(x, h, data, (s, r, c, v) => writeValue(s, r, c, v, wb.timeZone));
      return remote('Range', h);
    }),
    'Range.setValue': op('write', (x, h: RangeHandle, value: unknown) => {
      const data = Array.from({ length: h.rows }, () => new Array<unknown>(h.columns).fill(value));
      writeGrid(x, h, data, (s, r, c, v) => writeValue(s, r, c, v, wb.timeZone));
      return remote('Range', h);
    }),
    'Range.getFormulas': getFormulas,
    'Range.getFormula': getFormula,
    'Range.setFormula': op('write', (x, h: RangeHandle, formula: string) => {
      const data = Array.from({ length: h.rows }, () =>
        new Array<unknown>(h.columns).fill(formula),
      );
      writeGrid(x, h, data, (s, r, c, v) =>
        writeValue(s, r, c, String(v).startsWith('=') ? v : `=${String(v)}`, wb.timeZone),
      );
      return remote('Range', h);
    }),
    'Range.setFormulas': op('write', (x, h: RangeHandle, data: unknown[][]) => {
      writeGrid(x, h, data, (s, r, c, v) => writeValue(s, r, c, v, wb.timeZone));
      return remote('Range', h);
    }),
    'Range.getNumberFormats': getNumberFormats,
    'Range.getNumberFormat': getNumberFormat,
    'Range.setNumberFormat': setEach('format'),
    'Range.setNumberFormats': setGrid('format'),
    'Range.getNotes': getNotes,
    'Range.getNote': getNote,
    'Range.setNote': setEach('note'),
    'Range.setNotes': setGrid('note'),
    'Range.getBackgrounds': getBackgrounds,
    'Range.getBackground': getBackground,
    'Range.setBackground': setEach('background'),
    'Range.setBackgrounds': setGrid('background'),
    'Range.getFontWeights': getFontWeights,
    'Range.getFontWeight': getFontWeight,
    'Range.setFontWeight': setEach('fontWeight'),
    'Range.setFontWeights': setGrid('fontWeight'),
    'Range.clear': op('write', (x, h: RangeHandle, options?: Record<string, boolean>) => {
      meta(x);
      const sheet = sheetOf(h);
      checkEditable(x, sheet, h);
      const all =
        !options || (!options.contentsOnly && !options.formatOnly && !options.commentsOnly);
      clearCells(sheet, h, {
        contents: all || options?.contentsOnly,
        formats: all || options?.formatOnly,
        notes: options?.commentsOnly,
      });
      changed(x, sheet, h);
      return remote('Range', h);
    }),
    'Range.clearContent': op('write', (x, h: RangeHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      checkEditable(x, sheet, h);
      clearCells(sheet, h, { contents: true });
      changed(x, sheet, h);
      return remote('Range', h);
    }),
    'Range.clearFormat': op('write', (x, h: RangeHandle) => {
      meta(x);
      clearCells(sheetOf(h), h, { formats: true });
      return remote('Range', h);
    }),
    'Range.clearNote': op('write', (x, h: RangeHandle) => {
      meta(x);
      clearCells(sheetOf(h), h, { notes: true });
      return remote('Range', h);
    }),
    'Range.isBlank': op('read', (x, h: RangeHandle) => {
      countRead(x, h);
      return grid(h, (c) => isEmptyCell(c)).every((row) => row.every(Boolean));
    }),
    'Range.getRow': op('free', (_x, h: RangeHandle) => h.row),
    'Range.getColumn': op('free', (_x, h: RangeHandle) => h.column),
    'Range.getNumRows': op('free', (_x, h: RangeHandle) => h.rows),
    'Range.getNumColumns': op('free', (_x, h: RangeHandle) => h.columns),
    'Range.getHeight': op('free', (_x, h: RangeHandle) => h.rows),
    'Range.getWidth': op('free', (_x, h: RangeHandle) => h.columns),
    'Range.getLastRow': op('free', (_x, h: RangeHandle) => h.row + h.rows - 1),
    'Range.getLastColumn': op('free', (_x, h: RangeHandle) => h.column + h.columns - 1),
    'Range.getA1Notation': op('free', (_x, h: RangeHandle) => rectA1(h)),
    'Range.getSheet': op('read', (_x, h: RangeHandle) => remote('Sheet', { sheetId: h.sheetId })),
    'Range.offset': op(
      'read',
      (
        _x,
        h: RangeHandle,
        rows: number,
        columns: number,
        numRows?: number,
        numColumns?: number,
      ) => {
        const rect = {
          row: h.row + rows,
          column: h.column + columns,
          rows: numRows ?? h.rows,
          columns: numColumns ?? h.columns,
        };
        checkInside(sheetOf(h), rect);
        return remote('Range', { sheetId: h.sheetId, ...rect });
      },
    ),
    'Range.getCell': op('read', (_x, h: RangeHandle, row: number, column: number) => {
      if (row < 1 || column < 1 || row > h.rows || column > h.columns) fail(MESSAGES.outside);
      return remote('Range', {
        sheetId: h.sheetId,
        row: h.row + row - 1,
        column: h.column + column - 1,
        rows: 1,
        columns: 1,
      });
    }),
    'Range.activate': op('write', (x, h: RangeHandle) => {
      x.activeSheetId = h.sheetId;
      return remote('Range', h);
    }),
    'Range.sort': op('write', (x, h: RangeHandle, spec: unknown) => {
      meta(x);
      const specs: SortSpec[] = (Array.isArray(spec) ? spec : [spec]).map((s) =>
        typeof s === 'number'
          ? { column: s, ascending: true }
          : {
              column: Number((s as { column: number }).column),
              ascending: (s as { ascending?: boolean }).ascending !== false,
            },
      );
      const sheet = sheetOf(h);
      checkEditable(x, sheet, h);
      sortRows(sheet, h, specs);
      changed(x, sheet, h);
      return remote('Range', h);
    }),
    'Range.protect': op('write', (x, h: RangeHandle) => {
      meta(x);
      const protection = newProtection({
        row: h.row,
        column: h.column,
        rows: h.rows,
        columns: h.columns,
      });
      protection.editors.push(x.user);
      sheetOf(h).protections.push(protection);
      return remote('Protection', { sheetId: h.sheetId, id: protection.id });
    }),

    'Protection.setDescription': op('write', (_x, h: ProtectionHandle, text: string) => {
      protectionOf(h).description = String(text);
      return remote('Protection', h);
    }),
    'Protection.getDescription': op(
      'read',
      (_x, h: ProtectionHandle) => protectionOf(h).description,
    ),
    'Protection.setWarningOnly': op('write', (_x, h: ProtectionHandle, warningOnly: boolean) => {
      protectionOf(h).warningOnly = Boolean(warningOnly);
      return remote('Protection', h);
    }),
    'Protection.isWarningOnly': op(
      'read',
      (_x, h: ProtectionHandle) => protectionOf(h).warningOnly,
    ),
    'Protection.addEditor': op('write', (_x, h: ProtectionHandle, email: string) => {
      const p = protectionOf(h);
      if (!p.editors.includes(email)) p.editors.push(email);
      return remote('Protection', h);
    }),
    'Protection.removeEditors': op('write', (_x, h: ProtectionHandle, emails: unknown[]) => {
      const p = protectionOf(h);
      const drop = emails.map((e) =>
        typeof e === 'string'
          ? e
          : String((e as RemoteRef).handle && ((e as RemoteRef).handle as { email: string }).email),
      );
      p.editors = p.editors.filter((e) => !drop.includes(e) || e === wb.owner);
      return remote('Protection', h);
    }),
    'Protection.getEditors': op('read', (_x, h: ProtectionHandle) =>
      protectionOf(h).editors.map((email) => remote('User', { email })),
    ),
    'Protection.canEdit': op(
      'read',
      (x, h: ProtectionHandle) => x.user === wb.owner || protectionOf(h).editors.includes(x.user),
    ),
    'Protection.remove': op('write', (x, h: ProtectionHandle) => {
      meta(x);
      const sheet = sheetOf(h);
      sheet.protections = sheet.protections.filter((p) => p.id !== h.id);
    }),
    'Protection.getRange': op('read', (_x, h: ProtectionHandle) => {
      const p = protectionOf(h);
      const sheet = sheetOf(h);
      return rangeRef(
        sheet,
        p.range ?? { row: 1, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns },
      );
    }),
    'Protection.getProtectionType': op('read', (_x, h: ProtectionHandle) =>
      protectionOf(h).range ? 'RANGE' : 'SHEET',
    ),

    'User.getEmail': op('free', (_x, h: { email: string }) => h.email),
  };
  return table;
}
