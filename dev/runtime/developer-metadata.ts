/**
 * Developer metadata on whole columns, as Sheets keeps it: a key, a value and a visibility tied
 * to a column, which moves with the column when columns are inserted, deleted or moved, and is
 * deleted with it. Only column locations are emulated (what the add-on uses); adding metadata to
 * any other range fails as Sheets fails for an arbitrary range.
 */
import { fail, op, remote, type ServiceTable } from './host';
import type { Host } from './host';
import { sheetById, type ColumnMetadata, type Sheet } from './workbook';

interface RangeHandle {
  readonly sheetId: number;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

interface FinderHandle {
  readonly sheetId: number;
  /** Only metadata on columns inside [first, last]; the whole sheet when absent. */
  readonly first?: number;
  readonly last?: number;
  readonly key?: string;
}

interface MetadataHandle {
  readonly sheetId: number;
  readonly id: number;
}

const ARBITRARY =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

export function createDeveloperMetadataService(host: Host): ServiceTable {
  const wb = host.workbook;
  const list = (sheet: Sheet) => (sheet.columnMetadata ??= []);
  const nextId = () =>
    1 + Math.max(0, ...wb.sheets.flatMap((s) => (s.columnMetadata ?? []).map((m) => m.id)));
  const metadataRef = (sheetId: number, m: ColumnMetadata) =>
    remote('DeveloperMetadata', { sheetId, id: m.id });
  const metadataOf = (h: MetadataHandle): ColumnMetadata => {
    const found = list(sheetById(wb, h.sheetId)).find((m) => m.id === h.id);
    if (!found) fail('The developer metadata does not exist. It may have been removed.');
    return found;
  };
  // Sheets finds only metadata wholly inside the range: a column's, when the range is full height.
  const finderFor = (h: RangeHandle): FinderHandle => {
    const whole = h.row === 1 && h.rows === sheetById(wb, h.sheetId).maxRows;
    return { sheetId: h.sheetId, first: h.column, last: whole ? h.column + h.columns - 1 : 0 };
  };

  return {
    'Range.addDeveloperMetadata': op(
      'write',
      (_x, h: RangeHandle, key: string, value?: string, visibility?: string) => {
        const sheet = sheetById(wb, h.sheetId);
        if (h.row !== 1 || h.rows !== sheet.maxRows || h.columns !== 1) fail(ARBITRARY);
        if (!key) fail('Developer metadata needs a key.');
        list(sheet).push({
          id: nextId(),
          key: String(key),
          value: value === undefined || value === null ? '' : String(value),
          visibility: visibility ? String(visibility) : 'DOCUMENT',
          column: h.column,
        });
        return remote('Range', h);
      },
    ),
    'Range.getDeveloperMetadata': op('read', (_x, h: RangeHandle) => {
      const sheet = sheetById(wb, h.sheetId);
      if (h.row !== 1 || h.rows !== sheet.maxRows || h.columns !== 1) return [];
      return list(sheet)
        .filter((m) => m.column === h.column)
        .map((m) => metadataRef(h.sheetId, m));
    }),
    'Range.createDeveloperMetadataFinder': op('read', (_x, h: RangeHandle) =>
      remote('DeveloperMetadataFinder', finderFor(h)),
    ),
    'Sheet.createDeveloperMetadataFinder': op('read', (_x, h: { sheetId: number }) =>
      remote('DeveloperMetadataFinder', { sheetId: h.sheetId }),
    ),
    'DeveloperMetadataFinder.withKey': op('free', (_x, h: FinderHandle, key: string) =>
      remote('DeveloperMetadataFinder', { ...h, key: String(key) }),
    ),
    'DeveloperMetadataFinder.find': op('read', (_x, h: FinderHandle) =>
      list(sheetById(wb, h.sheetId))
        .filter((m) => h.key === undefined || m.key === h.key)
        .filter((m) => h.first === undefined || (m.column >= h.first && m.column <= (h.last ?? 0)))
        .map((m) => metadataRef(h.sheetId, m)),
    ),
    'DeveloperMetadata.getId': op('read', (_x, h: MetadataHandle) => metadataOf(h).id),
    'DeveloperMetadata.getKey': op('read', (_x, h: MetadataHandle) => metadataOf(h).key),
    'DeveloperMetadata.getValue': op('read', (_x, h: MetadataHandle) => metadataOf(h).value),
    'DeveloperMetadata.getVisibility': op(
      'read',
      (_x, h: MetadataHandle) => metadataOf(h).visibility,
    ),
    'DeveloperMetadata.getLocation': op('read', (_x, h: MetadataHandle) => {
      metadataOf(h);
      return remote('DeveloperMetadataLocation', h);
    }),
    'DeveloperMetadata.remove': op('write', (_x, h: MetadataHandle) => {
      const sheet = sheetById(wb, h.sheetId);
      metadataOf(h);
      sheet.columnMetadata = list(sheet).filter((m) => m.id !== h.id);
    }),
    'DeveloperMetadataLocation.getLocationType': op('read', () => 'COLUMN'),
    'DeveloperMetadataLocation.getColumn': op('read', (_x, h: MetadataHandle) => {
      const sheet = sheetById(wb, h.sheetId);
      const m = metadataOf(h);
      return remote('Range', {
        sheetId: h.sheetId,
        row: 1,
        column: m.column,
        rows: sheet.maxRows,
        columns: 1,
      });
    }),
    'DeveloperMetadataLocation.getSheet': op('read', (_x, h: MetadataHandle) =>
      remote('Sheet', { sheetId: h.sheetId }),
    ),
  };
}
