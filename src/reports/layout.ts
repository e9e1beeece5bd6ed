/**
 * Where the dashboard's tables and charts sit on the "Brex Dashboard" sheet. Every table has a
 * fixed place and a fixed number of rows (blank when it has fewer), so a refresh rewrites exactly
 * the same cells and the charts' ranges never move: a person's own cells outside the tables and
 * their own charts stay as they are, and the add-on's charts are made once.
 */
import { TEXT_FORMAT } from '../cells/columns';
import type { CellBlock, CellValue } from '../ports/table-port';
import { blankCell, type ReportCell, type ReportTable } from './report-table';

export const DASHBOARD_SHEET = 'Brex Dashboard';

/** Tables span columns A to F; charts are anchored from column H. */
export const TABLE_COLUMNS = 6;
const CHART_COLUMN = 8;
/** Rows a chart covers (its height at Sheets' default 21-px rows), so sections leave room for it. */
const CHART_ROWS = 15;
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = CHART_ROWS * 21;

/** The cells a person fills: the period (B3) and, below it, the currency (B4) of the spend tables. */
export const PERIOD_CELL = { row: 3, column: 2 } as const;

export type SectionId =
  | 'balances'
  | 'comparison'
  | 'months'
  | 'categories'
  | 'departments'
  | 'merchants'
  | 'limits'
  | 'receipts';

export type ChartKind = 'COLUMN' | 'BAR' | 'PIE' | 'LINE';

export interface ChartSpec {
  readonly kind: ChartKind;
  readonly title: string;
  /** 0-based table columns charted: the first gives the labels, the others the series. */
  readonly columns: readonly number[];
  /** A number format for the values' axis (percentages). */
  readonly axisFormat?: string;
}

export interface Section {
  readonly id: SectionId;
  readonly title: string;
  /** Its title row; the note, the header row and `capacity` data rows follow. */
  readonly row: number;
  readonly capacity: number;
  readonly chart?: ChartSpec;
}

type SectionPlan = Omit<Section, 'row'>;

const PLAN: readonly SectionPlan[] = [
  { id: 'balances', title: 'Balances', capacity: 6 },
  { id: 'comparison', title: 'Spend this month', capacity: 3 },
  {
    id: 'months',
    title: 'Spend by month',
    capacity: 12,
    chart: { kind: 'COLUMN', title: 'Spend by month', columns: [0, 1] },
  },
  {
    id: 'categories',
    title: 'Spend by category',
    capacity: 10,
    chart: { kind: 'PIE', title: 'Spend by category', columns: [0, 1] },
  },
  {
    id: 'departments',
    title: 'Spend by department',
    capacity: 10,
    chart: { kind: 'BAR', title: 'Spend by department', columns: [0, 1] },
  },
  {
    id: 'merchants',
    title: 'Top merchants',
    capacity: 10,
    chart: { kind: 'BAR', title: 'Top merchants', columns: [0, 1] },
  },
  {
    id: 'limits',
    title: 'Spend-limit use',
    capacity: 15,
    chart: {
      kind: 'BAR',
      title: 'Spend-limit use (share of limit spent)',
      columns: [0, 3],
      axisFormat: '0%',
    },
  },
  {
    id: 'receipts',
    title: 'Receipts missing',
    capacity: 10,
    chart: { kind: 'BAR', title: 'Expenses without receipt', columns: [0, 1] },
  },
];

const FIRST_SECTION_ROW = 7;

/** The sections in order, each placed below the last with room for its chart and one blank row. */
export const SECTIONS: readonly Section[] = (() => {
  let row = FIRST_SECTION_ROW;
  return PLAN.map((plan) => {
    const section = { ...plan, row };
    row += Math.max(3 + plan.capacity, plan.chart ? CHART_ROWS + 1 : 0) + 1;
    return section;
  });
})();

/** Rows of the title, the note and the header above a section's data. */
export const headerRowOf = (section: Section): number => section.row + 2;

/** Pure: a section's cells, title to last reserved row, blank where the table has no more rows. */
export function sectionBlock(section: Section, table: ReportTable): CellBlock {
  const line = (cells: readonly ReportCell[]): ReportCell[] =>
    Array.from({ length: TABLE_COLUMNS }, (_, i) => cells[i] ?? blankCell);
  const text = (value: string): ReportCell => ({ value, format: TEXT_FORMAT });
  const rows: ReportCell[][] = [
    line([text(section.title)]),
    line([text(table.note)]),
    line(table.headers.map(text)),
    ...Array.from({ length: section.capacity }, (_, i) => line(table.rows[i] ?? [])),
  ];
  return toBlock(section.row, 1, rows);
}

/** Pure: report cells → the table port's block (values and formats). */
export function toBlock(
  row: number,
  column: number,
  cells: readonly (readonly ReportCell[])[],
): CellBlock {
  return {
    row,
    column,
    values: cells.map((r) => r.map((c): CellValue => c.value)),
    numberFormats: cells.map((r) => r.map((c) => c.format)),
  };
}

export interface ChartPlacement extends ChartSpec {
  readonly section: SectionId;
  /** 1-based sheet rows of the header and the last data row, and the charted columns. */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly anchorRow: number;
  readonly anchorColumn: number;
}

/** Pure: where each chart reads and sits. */
export function chartPlacements(): ChartPlacement[] {
  return SECTIONS.flatMap((section) =>
    section.chart
      ? [
          {
            ...section.chart,
            section: section.id,
            firstRow: headerRowOf(section),
            lastRow: headerRowOf(section) + section.capacity,
            anchorRow: section.row,
            anchorColumn: CHART_COLUMN,
          },
        ]
      : [],
  );
}

/** Pure: `A24:A36` for a placement's table column (0-based). */
export function columnRangeA1(placement: ChartPlacement, column: number): string {
  const letter = String.fromCharCode(65 + column);
  return `${letter}${placement.firstRow}:${letter}${placement.lastRow}`;
}
