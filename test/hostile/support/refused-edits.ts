/**
 * The hostile-value tests' cases: cells a person types, and the message their change must be
 * refused with. Each case's message must match exactly one refused change of the review.
 */
import type { Runtime } from '../../../dev/runtime';
import type { ChangeView } from '../../../src/contract/writeback';
import { type } from '../../support/team-world';

export type Edit = readonly [
  sheet: string,
  target: string | number,
  header: string,
  value: unknown,
];
/** The cells typed for one bad value, and the refusal it must get. */
export type RefusedCase = readonly [Edit[], RegExp];

/** Types every case's cells, in order, as a person would. */
export async function typeCases(runtime: Runtime, cases: readonly RefusedCase[]): Promise<void> {
  for (const [steps] of cases) {
    for (const [sheet, target, header, value] of steps) {
      await type(runtime, sheet, target, header, value);
    }
  }
}

/**
 * The cases' messages that not exactly one change is refused with, and then every change's
 * action and problem to tell why; both empty when each case got its own refusal.
 */
export function unmatched(
  cases: readonly RefusedCase[],
  changes: readonly ChangeView[],
): { unmatched: RegExp[]; problems: (string | null)[][] } {
  const missed = cases
    .map(([, message]) => message)
    .filter((message) => changes.filter((ch) => message.test(ch.problem ?? '')).length !== 1);
  return {
    unmatched: missed,
    problems: missed.length ? changes.map((ch) => [ch.action, ch.problem]) : [],
  };
}
