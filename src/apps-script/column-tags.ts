/**
 * The add-on's column tags over SpreadsheetApp: developer metadata `brex.column` on whole columns,
 * read with a header row (HeaderRow in src/ports/table-port.ts) by the table port and the edit
 * trigger alike.
 */
import { COLUMN_TAG_KEY, withColumnTags, type CellValue } from '../ports/table-port';

/** The add-on's column tags of a sheet (developer metadata on whole columns), one call to find. */
export function columnTags(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
  return sheet
    .createDeveloperMetadataFinder()
    .withKey(COLUMN_TAG_KEY)
    .find()
    .map((metadata) => ({
      metadata,
      value: metadata.getValue() ?? '',
      column: metadata.getLocation().getColumn()?.getColumn() ?? 0,
    }));
}

/** Gives `values`' first row (sheet row 1, from 1-based `column` on) the sheet's column tags. */
export function withTags(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: CellValue[][],
  column: number,
): CellValue[][] {
  const found = columnTags(sheet).filter((t) => t.column >= column);
  const header = values[0];
  if (!header || found.length === 0) return values;
  const tags: (string | undefined)[] = [];
  for (const tag of found) tags[tag.column - column] = tag.value;
  withColumnTags(header, tags);
  return values;
}
