/**
 * Values stored as JSON across numbered document properties, each under the 9 KB a property value
 * holds: the last-synced values of spend limits and of the other synced rows.
 */

/**
 * Pure: entries in consecutive chunks whose JSON stays under `maxChars` each. An entry too long for
 * any chunk (a memo of many kilobytes) is left out: its row is then not tracked, so an edit of it
 * is never sent, which is safe, where a chunk over 9 KB would fail the whole refresh.
 */
export function jsonChunks<T>(entries: readonly T[], maxChars: number): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let size = 2;
  for (const entry of entries) {
    const length = JSON.stringify(entry).length + 1;
    if (length + 2 > maxChars) continue;
    if (part.length > 0 && size + length > maxChars) {
      parts.push(part);
      part = [];
      size = 2;
    }
    part.push(entry);
    size += length;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
