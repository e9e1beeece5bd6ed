/** The `columns` argument: which columns to show, in which order, by header name. */
import type { ColumnDefinition } from '../cells/columns';
import { describe, FunctionError, isBlank } from './arguments';

/**
 * Pure: header names from one cell ("Posted date, Amount") or a range of cells, matched without
 * regard to case or surrounding spaces; blank → every column. An unknown name is refused, with
 * the names it could have been.
 */
export function readColumns(
  fn: string,
  raw: unknown,
  available: readonly ColumnDefinition[],
): ColumnDefinition[] {
  const names = (Array.isArray(raw) ? raw.flat() : [raw])
    .filter((value) => !isBlank(value))
    .flatMap((value) => {
      if (typeof value !== 'string') {
        throw new FunctionError(
          `${fn}: columns must be header names, in one cell separated by commas or in a range; got ${describe(value)}.`,
        );
      }
      return value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
    });
  if (names.length === 0) return [...available];
  return names.map((name) => {
    const column = available.find((c) => c.header.toLowerCase() === name.toLowerCase());
    if (column) return column;
    throw new FunctionError(
      `${fn}: columns names an unknown column ${JSON.stringify(name)}. Choose among: ${available.map((c) => c.header).join(', ')}.`,
    );
  });
}

/** Pure: the columns of `available` with these headers, in this order. */
export function pickColumns(
  available: readonly ColumnDefinition[],
  headers: readonly string[],
): ColumnDefinition[] {
  return headers.map((header) => {
    const column = available.find((c) => c.header === header);
    if (!column)
      throw new Error(`No column "${header}" to pick. Report this to the add-on's maintainers.`);
    return column;
  });
}
