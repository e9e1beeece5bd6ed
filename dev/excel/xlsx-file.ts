/**
 * A local runtime workbook (its file form, docs/local-runtime.md) as a real `.xlsx`, and back,
 * through exceljs. Values, dates, a person's formulas (with their last result), number formats
 * (the currency's decimals per cell), bold, backgrounds, notes, frozen rows and hidden sheets go
 * both ways. The document properties (sync cursors, health) and each sheet's grid size live in
 * one very hidden sheet, so the next sync continues where this one stopped. Charts are not
 * written: exceljs cannot make them.
 */
import ExcelJS from 'exceljs';
import { cellA1 } from '../runtime/a1-notation';
import { WORKBOOK_FORMAT, type WorkbookFile } from '../runtime';

/** The sheet holding the add-on's document properties; never shown in Excel. */
export const STATE_SHEET = 'Brex Local State';

type SheetFile = WorkbookFile['sheets'][number];
type FileValue = SheetFile['values'][number][number];

const BOLD = 'bold';
const HEADER_FILL = 'FFE8EAED';
const MAX_WIDTH = 60;

/** `2026-03-15` or `2026-03-15 10:00:00` (wall time) → the Date exceljs stores as that serial. */
function wallToDate(text: string): Date {
  return new Date(Date.parse(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`));
}

function dateToWall(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')
    .replace(/ 00:00:00$/, '');
}

/** `#e8eaed` → `FFE8EAED` and back. */
const toArgb = (color: string) => `FF${color.replace('#', '').toUpperCase()}`;
const fromArgb = (argb: string) => `#${argb.slice(-6).toLowerCase()}`;

export async function writeXlsx(file: WorkbookFile, path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Brex for Google Sheets (local sync)';
  for (const sheet of file.sheets) writeSheet(book, sheet);
  const state = book.addWorksheet(STATE_SHEET, { state: 'veryHidden' });
  state.addRow(['scope', 'key', 'value']);
  for (const [key, value] of Object.entries(file.properties.document))
    state.addRow(['document', key, value]);
  for (const [key, value] of Object.entries({
    id: file.id,
    name: file.name,
    timeZone: file.timeZone,
    locale: file.locale,
    owner: file.owner,
    activeSheet: file.activeSheet,
  }))
    state.addRow(['workbook', key, value]);
  for (const sheet of file.sheets)
    state.addRow(['grid', sheet.name, `${sheet.rowCount}x${sheet.columnCount}`]);
  await book.xlsx.writeFile(path);
}

function writeSheet(book: ExcelJS.Workbook, sheet: SheetFile): void {
  const frozenRows = sheet.frozenRows ?? 0;
  const frozenColumns = sheet.frozenColumns ?? 0;
  const ws = book.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    views:
      frozenRows || frozenColumns
        ? [{ state: 'frozen', xSplit: frozenColumns, ySplit: frozenRows }]
        : [],
  });
  const formats = sheet.formats ?? {};
  const formulas = sheet.formulas ?? {};
  const widths: number[] = [];
  sheet.values.forEach((row, r) => {
    row.forEach((value, c) => {
      const a1 = cellA1(r + 1, c + 1);
      const formula = formulas[a1];
      if (value === null && !formula) return;
      const cell = ws.getCell(r + 1, c + 1);
      const plain = typeof value === 'object' && value !== null ? wallToDate(value.date) : value;
      cell.value = formula ? { formula: formula.slice(1), result: plain ?? undefined } : plain;
      const format = formats[a1];
      if (format) cell.numFmt = format;
      if (r < 200)
        widths[c] = Math.max(widths[c] ?? 8, Math.min(MAX_WIDTH, shownLength(value) + 2));
    });
  });
  for (const [a1, weight] of Object.entries(sheet.fontWeights ?? {}))
    if (weight === BOLD) ws.getCell(a1).font = { bold: true };
  for (const [a1, color] of Object.entries(sheet.backgrounds ?? {}))
    ws.getCell(a1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: toArgb(color) } };
  for (const [a1, note] of Object.entries(sheet.notes ?? {})) ws.getCell(a1).note = note;
  // A frozen header row reads as one: bold and shaded in Excel too.
  for (let r = 1; r <= frozenRows; r++) {
    ws.getRow(r).eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill ??= { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    });
  }
  widths.forEach((width, c) => (ws.getColumn(c + 1).width = width));
}

function shownLength(value: FileValue): number {
  if (value === null) return 0;
  if (typeof value === 'object') return value.date.length;
  return String(value).length;
}

/** Reads an `.xlsx` this command wrote (or Excel saved after a person's edits). */
export async function readXlsx(path: string): Promise<WorkbookFile> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const state = book.getWorksheet(STATE_SHEET);
  const document: Record<string, string> = {};
  const meta: Record<string, string> = {};
  const grids: Record<string, string> = {};
  state?.eachRow((row, index) => {
    if (index === 1) return;
    const [scope, key, value] = [1, 2, 3].map((c) => cellText(row.getCell(c).value));
    if (!key) return;
    if (scope === 'document') document[key] = value ?? '';
    else if (scope === 'workbook') meta[key] = value ?? '';
    else if (scope === 'grid') grids[key] = value ?? '';
  });
  const sheets = book.worksheets
    .filter((ws) => ws.name !== STATE_SHEET)
    .map((ws, index) => readSheet(ws, index, grids[ws.name]));
  return {
    format: WORKBOOK_FORMAT,
    id: meta.id || `xlsx-${Date.now().toString(36)}`,
    name: meta.name || 'Brex workbook',
    timeZone: meta.timeZone || 'Etc/UTC',
    locale: meta.locale || 'en_US',
    owner: meta.owner || 'owner@example.com',
    activeSheet: meta.activeSheet || sheets[0]?.name || '',
    sheets,
    properties: { document, script: {}, user: {} },
    triggers: [],
  };
}

function cellText(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((t) => t.text).join('');
  return String(value);
}

function readSheet(ws: ExcelJS.Worksheet, index: number, grid: string | undefined): SheetFile {
  const values: FileValue[][] = [];
  const maps = {
    formulas: {} as Record<string, string>,
    formats: {} as Record<string, string>,
    fontWeights: {} as Record<string, string>,
    backgrounds: {} as Record<string, string>,
    notes: {} as Record<string, string>,
  };
  let lastColumn = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const a1 = cellA1(r, c);
      const value = readValue(cell, a1, maps.formulas);
      if (value !== null) {
        const cells = (values[r - 1] ??= []);
        cells[c - 1] = value;
        lastColumn = Math.max(lastColumn, c);
      }
      if (cell.numFmt) maps.formats[a1] = cell.numFmt;
      if (cell.font?.bold) maps.fontWeights[a1] = BOLD;
      const fill = cell.fill;
      if (fill?.type === 'pattern' && fill.pattern === 'solid' && fill.fgColor?.argb)
        maps.backgrounds[a1] = fromArgb(fill.fgColor.argb);
      const note = cell.note;
      if (note)
        maps.notes[a1] =
          typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
    });
  });
  for (let r = 0; r < values.length; r++) {
    const row = (values[r] ??= []);
    for (let c = 0; c < lastColumn; c++) row[c] ??= null;
  }
  const [rows, columns] = (grid ?? '').split('x').map(Number);
  const view = (ws.views ?? [])[0] as
    { state?: string; xSplit?: number; ySplit?: number } | undefined;
  const frozen = view?.state === 'frozen';
  const sheet: SheetFile = {
    name: ws.name,
    id: index,
    rowCount: Math.max(rows || 1000, values.length),
    columnCount: Math.max(columns || 26, lastColumn),
    values,
    ...(ws.state !== 'visible' ? { hidden: true } : {}),
    ...(frozen && view?.ySplit ? { frozenRows: view.ySplit } : {}),
    ...(frozen && view?.xSplit ? { frozenColumns: view.xSplit } : {}),
  };
  for (const [key, map] of Object.entries(maps))
    if (Object.keys(map).length) (sheet as unknown as Record<string, unknown>)[key] = map;
  return sheet;
}

function readValue(cell: ExcelJS.Cell, a1: string, formulas: Record<string, string>): FileValue {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { date: dateToWall(value) };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if ('formula' in value || 'sharedFormula' in value) {
    formulas[a1] = `=${cell.formula}`;
    const result = (value as { result?: unknown }).result;
    if (result instanceof Date) return { date: dateToWall(result) };
    return typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean'
      ? result
      : null;
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}
