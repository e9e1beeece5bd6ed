import type { ColumnDefinition, ColumnType } from '../cells/columns';
import { KEY_HEADER } from '../cells/header';

type ColumnOptions = Pick<ColumnDefinition, 'width' | 'hidden'>;

/** Pure: `[header, type, options?]` tuples → column definitions, for compact data-set tables. */
export function columns(
  pairs: readonly (readonly [string, ColumnType, ColumnOptions?])[],
): ColumnDefinition[] {
  return pairs.map(([header, type, options]) => ({ header, type, ...options }));
}

/** The key column, last in a new sheet: it matches rows, people rarely read it. */
export const KEY_COLUMN = [KEY_HEADER, 'text', { width: 200 }] as const;
