/**
 * The bench's scenario families, which `npm run bench -- --only a,b` selects from: quiet refresh
 * and cold formulas at 100,000, say, after an unmeasured first sync, without the other scenarios'
 * long runs (the naive baseline's among them).
 */
/**
 * The scenario families `--only` selects from, in the order they run. A family left out is not
 * measured, and the baseline does not run for it.
 */
export const SCENARIO_FAMILIES = [
  'first-sync',
  'quiet-refresh',
  'new-transactions',
  'dashboard',
  'formulas',
  'push-20',
  'push-500',
  'mixed-push',
  'approval',
] as const;
export type ScenarioFamily = (typeof SCENARIO_FAMILIES)[number];

/** Pure: the families an `--only` list names (every one without it); throws on an unknown name. */
export function selectedFamilies(only: string | undefined): ReadonlySet<ScenarioFamily> {
  if (only === undefined) return new Set(SCENARIO_FAMILIES);
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIO_FAMILIES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--only takes some of ${SCENARIO_FAMILIES.join(', ')}; not ${unknown.join(', ')}`,
    );
  }
  return new Set(names as ScenarioFamily[]);
}
