/**
 * Which rows (or columns) of a sheet to read together. A read call costs about as much as reading
 * `READ_CALL_CELLS` cells (50 ms against 2 µs a cell in dev/bench/cost-model.ts, from the Apps
 * Script measurements it cites), so wanted places close enough are read in one call along with
 * the cells between them, and far ones in calls of their own.
 */
export const READ_CALL_CELLS = 25_000;

/** One read: the places `first`..`last`, both wanted, and those between them. */
export interface ReadRun {
  readonly first: number;
  readonly last: number;
}

/**
 * Pure: the runs that read the wanted places (any order, repeats allowed), where each place
 * between two wanted ones is `cellsPerPlace` cells (a row's width, a column's height): a gap is
 * read along when its cells cost less than a call of its own.
 */
export function readRuns(wanted: Iterable<number>, cellsPerPlace: number): ReadRun[] {
  const places = [...new Set(wanted)].sort((a, b) => a - b);
  const runs: ReadRun[] = [];
  for (const place of places) {
    const last = runs[runs.length - 1];
    if (last && (place - last.last - 1) * cellsPerPlace < READ_CALL_CELLS) {
      runs[runs.length - 1] = { first: last.first, last: place };
    } else {
      runs.push({ first: place, last: place });
    }
  }
  return runs;
}
