/**
 * The spend-limit PUT, and what to check in Brex's answer. Brex does not document whether
 * `PUT /v2/spend_limits/{id}` is partial or what a null does, so the body holds the one field
 * that changes and nothing echoed back; after the push, Brex's record is compared with the one
 * read before it, and any other field that moved is named in the audit row.
 */
import type { SpendLimit, UpdateSpendLimitRequest } from '../brex';

/**
 * Pure: the PUT body: the base limit and nothing else. Brex does not document whether this PUT is
 * partial or what a null does, so no other field (and no read-only one) is echoed back.
 */
export function amountChange(amount: number, currency: string): UpdateSpendLimitRequest {
  return { authorization_settings: { base_limit: { amount, currency } } };
}

/** Fields a base-limit change is expected to move: the limit itself and what Brex derives from it. */
const EXPECTED = new Set([
  'authorization_settings.base_limit',
  'authorization_settings.limit_with_increases',
  'current_period_balance',
  'updated_at',
]);

/** Pure: the fields (dotted paths) whose value differs between Brex's record before and after. */
export function otherChanges(before: SpendLimit, after: SpendLimit): string[] {
  const changed: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (EXPECTED.has(path)) return;
    const objects = (v: unknown): v is Record<string, unknown> =>
      v !== null && typeof v === 'object' && !Array.isArray(v);
    if (objects(a) && objects(b) && path.split('.').length < 2) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk(a[key], b[key], path ? `${path}.${key}` : key);
      }
    } else if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
      changed.push(path);
    }
  };
  walk(before, after, '');
  return changed;
}
