/**
 * What a value written by `setValues` (or typed by a person) becomes in a cell, as in Google
 * Sheets (en_US locale): `=…` a formula, numeric text a number, `TRUE`/`FALSE` a boolean,
 * recognisable dates a date; a leading apostrophe or the plain-text format `@` keeps text.
 */
import { CELL_CHARS, MESSAGES } from './limits';
import {
  DEFAULT_DATE_FORMAT,
  DEFAULT_DATE_TIME_FORMAT,
  TEXT_FORMAT,
  type CellValue,
} from './number-format';
import { epochToSerial } from './time-zones';

export interface TypedEntry {
  readonly value?: CellValue;
  readonly formula?: string;
  /** A number format Sheets applies along with the value (dates, percentages, currency). */
  readonly format?: string;
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text) || !/\d/.test(text)) return undefined;
  return Number(text.replace(/,/g, ''));
}

function parseDate(text: string): TypedEntry | undefined {
  const iso = ISO_DATE.exec(text);
  const us = iso ? undefined : US_DATE.exec(text);
  if (!iso && !us) return undefined;
  const m = (iso ?? us) as RegExpExecArray;
  const [year, month, day] = iso
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : [Number(m[3]), Number(m[1]), Number(m[2])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day || hour > 23) return undefined;
  // A typed date is wall time in the spreadsheet's zone, which is what a serial stands for.
  const serial = epochToSerial(utc.getTime(), 'Etc/UTC');
  const hasTime = m[4] !== undefined;
  return {
    value: serial,
    format: hasTime
      ? iso
        ? 'yyyy-mm-dd H:mm:ss'
        : DEFAULT_DATE_TIME_FORMAT
      : iso
        ? 'yyyy-mm-dd'
        : DEFAULT_DATE_FORMAT,
  };
}

/** Types text as Sheets does when a person enters it (or a script writes it with setValues). */
export function typeText(text: string, currentFormat: string | undefined): TypedEntry {
  if (text.length > CELL_CHARS) throw new Error(MESSAGES.cellChars);
  if (text === '') return {};
  if (currentFormat === TEXT_FORMAT) return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE' };
  const number = parseNumber(trimmed);
  if (number !== undefined) return { value: number };
  if (trimmed.endsWith('%')) {
    const percent = parseNumber(trimmed.slice(0, -1));
    if (percent !== undefined) return { value: percent / 100, format: '0.00%' };
  }
  const currency = /^(-?)\$(.+)$/.exec(trimmed);
  if (currency) {
    const amount = parseNumber(currency[2] as string);
    if (amount !== undefined) {
      return { value: currency[1] ? -amount : amount, format: '"$"#,##0.00' };
    }
  }
  return parseDate(trimmed) ?? { value: text };
}

/** Types any value a script writes: strings as a person's entry, Dates as dates in `timeZone`. */
export function typeValue(
  input: unknown,
  currentFormat: string | undefined,
  timeZone: string,
): TypedEntry {
  if (input === null || input === undefined) return {};
  if (typeof input === 'number')
    return Number.isFinite(input) ? { value: input } : { value: '#NUM!' };
  if (typeof input === 'boolean') return { value: input };
  if (input instanceof Date || Object.prototype.toString.call(input) === '[object Date]') {
    const ms = (input as Date).getTime();
    const serial = epochToSerial(ms, timeZone);
    const hasTime = Math.abs(serial - Math.round(serial)) > 1e-9;
    return { value: serial, format: hasTime ? DEFAULT_DATE_TIME_FORMAT : DEFAULT_DATE_FORMAT };
  }
  return typeText(String(input), currentFormat);
}
