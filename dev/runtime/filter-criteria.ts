/**
 * `SpreadsheetApp.newFilterCriteria()` inside the worker: FilterCriteriaBuilder and FilterCriteria
 * are local objects, as Apps Script's are, until a filter receives one. The main thread sees only
 * the plain spec (filter-range.ts); `specOf` recovers it from the bundle's FilterCriteria.
 */
import { CONDITIONS, type Condition, type CriteriaSpec } from './filter-range';
import { intoRealm, type Realm } from './worker-realm';

export const BOOLEAN_CRITERIA = Object.fromEntries(CONDITIONS.map((c) => [c, c])) as Record<
  Condition,
  Condition
>;

const specs = new WeakMap<object, CriteriaSpec>();

/** The spec behind a FilterCriteria the bundle built; undefined for anything else. */
export function specOf(criteria: unknown): CriteriaSpec | undefined {
  return typeof criteria === 'object' && criteria !== null ? specs.get(criteria) : undefined;
}

export function filterCriteria(realm: Realm, spec: CriteriaSpec): object {
  const toRealm = (value: unknown) => intoRealm(realm, value, () => undefined);
  const criteria = {
    copy: () => filterCriteriaBuilder(realm, spec),
    getHiddenValues: () => toRealm(spec.hiddenValues ?? []),
    getCriteriaType: () => spec.condition?.type ?? null,
    getCriteriaValues: () => toRealm(spec.condition?.values ?? []),
  };
  specs.set(criteria, spec);
  return criteria;
}

export function filterCriteriaBuilder(realm: Realm, from: CriteriaSpec = {}) {
  let spec: CriteriaSpec = from;
  const when = (type: Condition, ...values: unknown[]) => {
    spec = { ...spec, condition: { type, values } };
    return builder;
  };
  const builder = {
    setHiddenValues: (values: unknown[]) => {
      spec = { ...spec, hiddenValues: Array.from(values, String) };
      return builder;
    },
    whenCellEmpty: () => when('CELL_EMPTY'),
    whenCellNotEmpty: () => when('CELL_NOT_EMPTY'),
    whenTextEqualTo: (text: string) => when('TEXT_EQ', String(text)),
    whenTextContains: (text: string) => when('TEXT_CONTAINS', String(text)),
    whenNumberEqualTo: (n: number) => when('NUMBER_EQ', Number(n)),
    whenNumberGreaterThan: (n: number) => when('NUMBER_GREATER_THAN', Number(n)),
    whenNumberLessThan: (n: number) => when('NUMBER_LESS_THAN', Number(n)),
    getHiddenValues: () => intoRealm(realm, spec.hiddenValues ?? [], () => undefined),
    getCriteriaType: () => spec.condition?.type ?? null,
    build: () => filterCriteria(realm, spec),
  };
  return builder;
}
