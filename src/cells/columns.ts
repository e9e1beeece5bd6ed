/**
 * Typed columns: how one field of a Brex object becomes one cell (value and number format).
 */
import { DEFAULT_CURRENCY, minorUnitsToAmount, moneyNumberFormat } from './currency';
import type { CellValue } from '../ports/table-port';
import { calendarDateToDate, timestampToDate } from './time-zone';

export type ColumnType = 'text' | 'money' | 'number' | 'date' | 'datetime';

export interface ColumnDefinition {
  readonly header: string;
  readonly type: ColumnType;
  /** Pixels, when the type's default does not fit (a long text, a short code). */
  readonly width?: number;
  /** A key only the add-on needs: its column is made hidden. */
  readonly hidden?: boolean;
}

/** Widths in pixels a new column gets by type, so values show whole on the first screen. */
const TYPE_WIDTHS: Readonly<Record<ColumnType, number>> = {
  text: 150,
  money: 110,
  number: 90,
  date: 95,
  datetime: 150,
};

/** Pure: the width a new column is made with. */
export function columnWidth(column: ColumnDefinition): number {
  return column.width ?? TYPE_WIDTHS[column.type];
}

/** Brex's Money: integer minor units plus an ISO 4217 code (null means USD). */
export interface Money {
  readonly amount?: number;
  readonly currency?: string | null;
}

/** A field as a data set hands it over, before it becomes a cell. */
export type FieldValue = string | number | boolean | Money | null | undefined;

export interface Cell {
  readonly value: CellValue;
  readonly numberFormat: string;
}

export const TEXT_FORMAT = '@';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const NUMBER_FORMAT = '0.########';
/** Sheets refuses a whole write holding a cell of more characters than this. */
export const CELL_CHARACTERS = 50_000;

/**
 * Pure: the number format a column of this type is made with, once, for all its rows (a cell of
 * another format, an amount in another currency, is written with its own).
 */
export function columnFormat(type: ColumnType): string {
  switch (type) {
    case 'text':
      return TEXT_FORMAT;
    case 'number':
      return NUMBER_FORMAT;
    case 'money':
      return moneyNumberFormat(DEFAULT_CURRENCY);
    case 'date':
      return DATE_FORMAT;
    case 'datetime':
      return DATETIME_FORMAT;
  }
}

function isMoney(value: FieldValue): value is Money & { readonly amount: number } {
  return typeof value === 'object' && value !== null && typeof value.amount === 'number';
}

/**
 * Pure: one field → one cell. Text keeps the `@` format so that Sheets never reads a string from
 * Brex (a merchant named `=IMPORTXML(…)`) as a formula; money becomes a number shown with the
 * currency's decimals; dates become dates in the spreadsheet's zone.
 */
export function toCell(type: ColumnType, value: FieldValue, timeZone: string): Cell {
  switch (type) {
    case 'text':
      return {
        value: value === null || value === undefined ? '' : fitCell(String(value)),
        numberFormat: TEXT_FORMAT,
      };
    case 'number':
      return { value: typeof value === 'number' ? value : '', numberFormat: NUMBER_FORMAT };
    case 'money': {
      if (!isMoney(value)) return { value: '', numberFormat: moneyNumberFormat(DEFAULT_CURRENCY) };
      const currency = value.currency || DEFAULT_CURRENCY;
      return {
        value: minorUnitsToAmount(value.amount, currency),
        numberFormat: moneyNumberFormat(currency),
      };
    }
    case 'date': {
      const date = typeof value === 'string' ? calendarDateToDate(value, timeZone) : null;
      return { value: date ?? '', numberFormat: DATE_FORMAT };
    }
    case 'datetime': {
      const date = typeof value === 'string' ? timestampToDate(value) : null;
      return { value: date ?? '', numberFormat: DATETIME_FORMAT };
    }
  }
}

/** Text cut to what one cell holds, its end saying how long Brex's text was. */
function fitCell(text: string): string {
  if (text.length <= CELL_CHARACTERS) return text;
  const note = `… (cut: ${text.length} characters in Brex)`;
  return text.slice(0, CELL_CHARACTERS - note.length) + note;
}

/**
 * Pure: a comparable form of a cell value, so that a value read back from the sheet equals the
 * value the add-on would write when nothing changed (a Date compares by instant).
 */
export function cellKey(value: CellValue | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  // Not `instanceof`: a Date made by another realm (the runtime's emulated Sheets) must match too.
  if (isDate(value)) return `d${value.getTime()}`;
  if (typeof value === 'number') return `n${value}`;
  if (typeof value === 'boolean') return `b${value}`;
  return `s${value}`;
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
