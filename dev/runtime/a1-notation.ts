/** A1 notation: `B3`, `A1:C10`, `'My sheet'!A:A`, `Sheet1!2:5`. Rows and columns are 1-based. */

export interface GridRect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface A1Reference {
  /** The sheet name when the reference names one. */
  readonly sheet?: string;
  readonly startRow?: number;
  readonly startColumn?: number;
  readonly endRow?: number;
  readonly endColumn?: number;
}

export function columnToLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let column = 0;
  for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column;
}

export function cellA1(row: number, column: number): string {
  return `${columnToLetters(column)}${row}`;
}

export function rectA1(rect: GridRect): string {
  const start = cellA1(rect.row, rect.column);
  if (rect.rows === 1 && rect.columns === 1) return start;
  return `${start}:${cellA1(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]*)\$?(\d*)$/;

function parseEnd(text: string): { row?: number; column?: number } | undefined {
  const match = CELL.exec(text);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  return {
    column: match[1] ? lettersToColumn(match[1]) : undefined,
    row: match[2] ? Number(match[2]) : undefined,
  };
}

/** Parses A1 notation; returns undefined when the text is not a reference. */
export function parseA1(text: string): A1Reference | undefined {
  let rest = text.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'"))
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const [first, second, extra] = rest.split(':');
  if (first === undefined || extra !== undefined) return undefined;
  const start = parseEnd(first);
  const end = second === undefined ? start : parseEnd(second);
  if (!start || !end) return undefined;
  return {
    sheet,
    startRow: start.row,
    startColumn: start.column,
    endRow: end.row,
    endColumn: end.column,
  };
}

/** Resolves a reference against a sheet's size (open-ended `A:A` or `2:5` run to its edges). */
export function referenceRect(ref: A1Reference, maxRows: number, maxColumns: number): GridRect {
  const row = ref.startRow ?? 1;
  const column = ref.startColumn ?? 1;
  const endRow = ref.endRow ?? (ref.startRow === undefined ? maxRows : ref.startRow);
  const endColumn = ref.endColumn ?? (ref.startColumn === undefined ? maxColumns : ref.startColumn);
  const top = Math.min(row, endRow);
  const left = Math.min(column, endColumn);
  return {
    row: top,
    column: left,
    rows: Math.abs(endRow - row) + 1,
    columns: Math.abs(endColumn - column) + 1,
  };
}

export function rectsIntersect(a: GridRect, b: GridRect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}
