/** A dashboard table as values and number formats, before the layout places it. */
import { moneyNumberFormat, minorUnitsToAmount } from '../cells/currency';
import { TEXT_FORMAT } from '../cells/columns';
import type { CellValue } from '../ports/table-port';

export interface ReportCell {
  readonly value: CellValue;
  readonly format: string;
}

export interface ReportTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** One line under the title: what the table covers, or why it is empty. */
  readonly note: string;
}

export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0%';

export const textCell = (value: string): ReportCell => ({ value, format: TEXT_FORMAT });
export const countCell = (value: number): ReportCell => ({ value, format: COUNT_FORMAT });
export const blankCell: ReportCell = { value: '', format: TEXT_FORMAT };

/** Pure: minor units shown in the currency's own decimals. */
export function moneyCell(minor: number, currency: string): ReportCell {
  return { value: minorUnitsToAmount(minor, currency), format: moneyNumberFormat(currency) };
}

/** Pure: a ratio as a percentage; blank when there is nothing to compare with. */
export function percentCell(part: number, whole: number): ReportCell {
  return whole === 0 ? blankCell : { value: part / whole, format: PERCENT_FORMAT };
}
