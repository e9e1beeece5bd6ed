/**
 * The workbook file: JSON a person can read. Sheets with their values and formulas kept apart,
 * notes, number formats, backgrounds, protections; document, script and user properties;
 * triggers; caches with their expiry and each user's UrlFetch count of the day, so that two runs
 * on one file behave like two executions in Sheets; the spreadsheet's time zone. Format described
 * in docs/local-runtime.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  cellA1,
  columnToLetters,
  lettersToColumn,
  parseA1,
  rectA1,
  referenceRect,
} from './a1-notation';
import type { CacheStores } from './cache-service';
import type { CriteriaSpec } from './filter-range';
import { chartsFromFile, chartsToFile, type ChartFile } from './chart-file';
import type { PropertyStores } from './properties-service';
import type { TriggerRecord } from './script-app-service';
import { isDateFormat, type CellValue } from './number-format';
import type { UrlFetchUsage } from './url-fetch-service';
import {
  cellFor,
  createWorkbook,
  lastColumn,
  lastRow,
  type Cell,
  type Sheet,
  type Workbook,
} from './workbook';

export const WORKBOOK_FORMAT = 'brex-sheets-local-workbook/1';

type FileValue = CellValue | null | { date: string };

interface SheetFile {
  name: string;
  id: number;
  hidden?: boolean;
  frozenRows?: number;
  frozenColumns?: number;
  tabColor?: string;
  /** 1-based hidden columns. */
  hiddenColumns?: number[];
  rowCount: number;
  columnCount: number;
  values: FileValue[][];
  formulas?: Record<string, string>;
  notes?: Record<string, string>;
  formats?: Record<string, string>;
  backgrounds?: Record<string, string>;
  fontWeights?: Record<string, string>;
  errors?: Record<string, string>;
  spills?: Record<string, string>;
  protections?: Array<{
    range?: string;
    description: string;
    warningOnly: boolean;
    editors: string[];
  }>;
  charts?: ChartFile[];
  /** Pixel widths of sized columns, by letter. */
  columnWidths?: Record<string, number>;
  /** Developer metadata on whole columns, the column by letter. */
  columnMetadata?: Array<{
    id: number;
    key: string;
    value: string;
    visibility: string;
    column: string;
  }>;
  /** The basic filter: its range in A1 and its criteria by column letter. */
  filter?: { range: string; criteria: Record<string, CriteriaSpec> };
}

export interface WorkbookFile {
  format: typeof WORKBOOK_FORMAT;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  activeSheet: string;
  sheets: SheetFile[];
  properties: {
    document: Record<string, string>;
    script: Record<string, string>;
    user: Record<string, Record<string, string>>;
  };
  triggers: Array<Omit<TriggerRecord, 'nextRunAt'> & { nextRunAt?: string }>;
  /** By scope (`document`, `script`, `user:<email>`), then key; `expiresAt` an ISO instant. */
  caches?: Record<string, Record<string, { value: string; expiresAt: string }>>;
  /** By user: the start of their UrlFetch quota day (ISO) and the requests sent since. */
  urlFetchUsage?: Record<string, { since: string; count: number }>;
}

export interface RuntimeState {
  workbook: Workbook;
  properties: PropertyStores;
  triggers: TriggerRecord[];
  caches?: CacheStores;
  urlFetchUsage?: UrlFetchUsage;
}

const iso = (ms: number) => new Date(ms).toISOString();

function cachesToFile(caches: CacheStores): NonNullable<WorkbookFile['caches']> {
  const out: NonNullable<WorkbookFile['caches']> = {};
  for (const [scope, cache] of caches) {
    if (cache.size === 0) continue;
    const entries: Record<string, { value: string; expiresAt: string }> = (out[scope] = {});
    for (const [key, entry] of cache)
      entries[key] = { value: entry.value, expiresAt: iso(entry.expiresAt) };
  }
  return out;
}

function cachesFromFile(file: WorkbookFile['caches']): CacheStores {
  const caches: CacheStores = new Map();
  for (const [scope, entries] of Object.entries(file ?? {})) {
    caches.set(
      scope,
      new Map(
        Object.entries(entries).map(([key, e]) => [
          key,
          { value: e.value, expiresAt: Date.parse(e.expiresAt) },
        ]),
      ),
    );
  }
  return caches;
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A date serial as the wall time it stands for: `2024-01-05 10:00:00`. */
function serialToText(serial: number): string {
  return new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS))
    .toISOString()
    .replace('T', ' ')
    .replace(/Z$/, '')
    .replace(/\.000$/, '')
    .replace(/ 00:00:00$/, '');
}

function textToSerial(text: string): number {
  const ms = Date.parse(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);
  return (ms - SERIAL_EPOCH) / DAY_MS;
}

function sheetToFile(sheet: Sheet): SheetFile {
  const rows = lastRow(sheet);
  const columns = lastColumn(sheet);
  const maps: Record<string, Record<string, string>> = {
    formulas: {},
    notes: {},
    formats: {},
    backgrounds: {},
    fontWeights: {},
    errors: {},
    spills: {},
  };
  const put = (map: string, a1: string, value: string | undefined) => {
    if (value !== undefined) (maps[map] as Record<string, string>)[a1] = value;
  };
  sheet.rows.forEach((cells, r) =>
    cells?.forEach((cell, c) => {
      if (!cell) return;
      const a1 = cellA1(r + 1, c + 1);
      put('formulas', a1, cell.formula);
      put('notes', a1, cell.note);
      put('formats', a1, cell.format);
      put('backgrounds', a1, cell.background);
      put('fontWeights', a1, cell.fontWeight);
      put('errors', a1, cell.error);
      put('spills', a1, cell.spilledFrom);
    }),
  );
  const values: FileValue[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: FileValue[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.rows[r - 1]?.[c - 1];
      const v = cell?.value;
      row.push(
        v === undefined
          ? null
          : typeof v === 'number' && isDateFormat(cell?.format)
            ? { date: serialToText(v) }
            : v,
      );
    }
    values.push(row);
  }
  const file: SheetFile = {
    name: sheet.name,
    id: sheet.id,
    rowCount: sheet.maxRows,
    columnCount: sheet.maxColumns,
    values,
  };
  if (sheet.hidden) file.hidden = true;
  if (sheet.frozenRows) file.frozenRows = sheet.frozenRows;
  if (sheet.frozenColumns) file.frozenColumns = sheet.frozenColumns;
  if (sheet.tabColor) file.tabColor = sheet.tabColor;
  const hidden = (sheet.hiddenColumns ?? []).flatMap((h, c) => (h ? [c + 1] : []));
  if (hidden.length) file.hiddenColumns = hidden;
  for (const [key, map] of Object.entries(maps))
    if (Object.keys(map).length) (file as unknown as Record<string, unknown>)[key] = map;
  if (sheet.protections.length) {
    file.protections = sheet.protections.map((p) => ({
      ...(p.range ? { range: rectA1(p.range) } : {}),
      description: p.description,
      warningOnly: p.warningOnly,
      editors: p.editors,
    }));
  }
  return file;
}

export function stateToFile(state: RuntimeState): WorkbookFile {
  const wb = state.workbook;
  return {
    format: WORKBOOK_FORMAT,
    id: wb.id,
    name: wb.name,
    timeZone: wb.timeZone,
    locale: wb.locale,
    owner: wb.owner,
    activeSheet: wb.sheets.find((s) => s.id === wb.activeSheetId)?.name ?? '',
    sheets: wb.sheets.map((sheet) => {
      const file = sheetToFile(sheet);
      const charts = chartsToFile(sheet, wb);
      const widths = Object.entries(sheet.columnWidths ?? {}).map(
        ([column, width]) => [columnToLetters(Number(column)), width] as const,
      );
      return {
        ...file,
        ...(charts ? { charts } : {}),
        ...(widths.length ? { columnWidths: Object.fromEntries(widths) } : {}),
        ...(sheet.filter
          ? {
              filter: {
                range: rectA1(sheet.filter.range),
                criteria: Object.fromEntries(
                  Object.entries(sheet.filter.criteria).map(([c, spec]) => [
                    columnToLetters(Number(c)),
                    spec,
                  ]),
                ),
              },
            }
          : {}),
        ...(sheet.columnMetadata?.length
          ? {
              columnMetadata: sheet.columnMetadata.map((m) => ({
                ...m,
                column: columnToLetters(m.column),
              })),
            }
          : {}),
      };
    }),
    properties: state.properties,
    triggers: state.triggers.map((t) => ({
      ...t,
      nextRunAt: t.nextRunAt === undefined ? undefined : new Date(t.nextRunAt).toISOString(),
    })),
    caches: cachesToFile(state.caches ?? new Map()),
    urlFetchUsage: Object.fromEntries(
      Object.entries(state.urlFetchUsage ?? {}).map(([user, u]) => [
        user,
        { since: iso(u.since), count: u.count },
      ]),
    ),
  };
}

export function stateFromFile(file: WorkbookFile): RuntimeState {
  if (file.format !== WORKBOOK_FORMAT) {
    throw new Error(
      `This is not a workbook file (format "${String(file.format)}"). Point --workbook at a file this runtime wrote, or at a new path.`,
    );
  }
  const wb = createWorkbook({ name: file.name, timeZone: file.timeZone, owner: file.owner });
  (wb as { id: string }).id = file.id;
  wb.locale = file.locale;
  wb.sheets = [];
  for (const s of file.sheets) {
    const sheet: Sheet = {
      id: s.id,
      name: s.name,
      hidden: Boolean(s.hidden),
      frozenRows: s.frozenRows ?? 0,
      frozenColumns: s.frozenColumns ?? 0,
      maxRows: s.rowCount,
      maxColumns: s.columnCount,
      tabColor: s.tabColor,
      ...(s.hiddenColumns
        ? { hiddenColumns: s.hiddenColumns.reduce<boolean[]>((a, c) => ((a[c - 1] = true), a), []) }
        : {}),
      rows: [],
      protections: (s.protections ?? []).map((p, i) => {
        const ref = p.range ? parseA1(p.range) : undefined;
        return {
          id: `protection-${s.id}-${i}`,
          range: ref ? referenceRect(ref, s.rowCount, s.columnCount) : undefined,
          description: p.description,
          warningOnly: p.warningOnly,
          editors: p.editors,
        };
      }),
    };
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        cellFor(sheet, r + 1, c + 1).value = typeof v === 'object' ? textToSerial(v.date) : v;
      }),
    );
    const apply = (map: Record<string, string> | undefined, key: keyof Cell) => {
      for (const [a1, value] of Object.entries(map ?? {})) {
        const ref = parseA1(a1);
        if (ref?.startRow && ref.startColumn)
          (cellFor(sheet, ref.startRow, ref.startColumn) as Record<string, unknown>)[key] = value;
      }
    };
    apply(s.formulas, 'formula');
    apply(s.notes, 'note');
    apply(s.formats, 'format');
    apply(s.backgrounds, 'background');
    apply(s.fontWeights, 'fontWeight');
    apply(s.errors, 'error');
    apply(s.spills, 'spilledFrom');
    wb.sheets.push(sheet);
  }
  file.sheets.forEach((s, i) => {
    const sheet = wb.sheets[i] as Sheet;
    if (s.charts?.length) sheet.charts = chartsFromFile(s.charts, wb);
    for (const [letters, width] of Object.entries(s.columnWidths ?? {}))
      (sheet.columnWidths ??= {})[lettersToColumn(letters)] = width;
    if (s.columnMetadata?.length)
      sheet.columnMetadata = s.columnMetadata.map((m) => ({
        ...m,
        column: lettersToColumn(m.column),
      }));
    const range = s.filter && parseA1(s.filter.range);
    if (s.filter && range)
      sheet.filter = {
        range: referenceRect(range, sheet.maxRows, sheet.maxColumns),
        criteria: Object.fromEntries(
          Object.entries(s.filter.criteria).map(([letters, spec]) => [
            lettersToColumn(letters),
            spec,
          ]),
        ),
      };
  });
  wb.nextSheetId = Math.max(0, ...wb.sheets.map((s) => s.id + 1));
  wb.activeSheetId = (wb.sheets.find((s) => s.name === file.activeSheet) ?? wb.sheets[0])?.id ?? 0;
  return {
    workbook: wb,
    properties: {
      document: { ...file.properties.document },
      script: { ...file.properties.script },
      user: { ...file.properties.user },
    },
    triggers: file.triggers.map((t) => ({
      ...t,
      nextRunAt: t.nextRunAt === undefined ? undefined : Date.parse(t.nextRunAt),
    })),
    caches: cachesFromFile(file.caches),
    urlFetchUsage: Object.fromEntries(
      Object.entries(file.urlFetchUsage ?? {}).map(([user, u]) => [
        user,
        { since: Date.parse(u.since), count: u.count },
      ]),
    ),
  };
}

export function readStateFile(path: string): RuntimeState | undefined {
  if (!existsSync(path)) return undefined;
  return stateFromFile(JSON.parse(readFileSync(path, 'utf8')) as WorkbookFile);
}

export function writeStateFile(path: string, state: RuntimeState): void {
  writeFileSync(path, `${JSON.stringify(stateToFile(state), null, 2)}\n`);
}
