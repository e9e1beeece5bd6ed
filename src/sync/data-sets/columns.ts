import type { ColumnDefinition, ColumnType } from '../columns';

/** Pure: `[header, type]` pairs → column definitions, for compact data-set tables. */
export function columns(pairs: readonly (readonly [string, ColumnType])[]): ColumnDefinition[] {
  return pairs.map(([header, type]) => ({ header, type }));
}
