/**
 * Shape checks for the server functions' arguments. `google.script.run` (and anyone calling a
 * function by name) can pass any JSON: a string where a list belongs is walked character by
 * character, a null object throws a bare TypeError. Each check answers with what the function
 * takes instead, before any work is done.
 */
import type { ConflictChoice, ReviewedChange } from '../contract/writeback';

function refuse(fn: string, what: string, example: string): never {
  throw new Error(`${fn} takes ${what}, for example ${example}. Nothing was done.`);
}

/** An optional list of non-empty strings (ids, data set ids); undefined stays undefined. */
export function optionalIds(fn: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    refuse(fn, 'a list of ids (or nothing for all)', '["id_1", "id_2"]');
  }
  return value as string[];
}

/** The reviewed changes a push takes: each id with the fingerprint its review gave. */
export function reviewedChanges(fn: string, value: unknown): ReviewedChange[] {
  const ok =
    Array.isArray(value) &&
    value.every(
      (v) =>
        v !== null &&
        typeof v === 'object' &&
        typeof (v as ReviewedChange).id === 'string' &&
        typeof (v as ReviewedChange).fingerprint === 'string',
    );
  if (!ok) {
    refuse(
      fn,
      'the reviewed changes, each with the fingerprint reviewSpendLimitChanges gave it (review first)',
      '[{ "id": "splim_1", "fingerprint": "1x2y3z" }]',
    );
  }
  return (value as ReviewedChange[]).map((v) => ({ id: v.id, fingerprint: v.fingerprint }));
}

/** A plain object (settings, a request). */
export function plainObject<T>(fn: string, value: unknown, example: string): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    refuse(fn, 'one object', example);
  }
  return value as T;
}

/** An audit row number (2 or more) or an idempotency key. */
export function auditEntry(fn: string, value: unknown): number | string {
  if (
    (Number.isInteger(value) && (value as number) >= 2) ||
    (typeof value === 'string' && value.trim() !== '')
  ) {
    return value as number | string;
  }
  return refuse(
    fn,
    'a row number of the "Brex Audit Log" sheet or a push\u2019s idempotency key',
    '5',
  );
}

/** A change's key, as `reviewChanges` gave it. */
export function conflictKey(fn: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  return refuse(
    fn,
    'a change\u2019s key as reviewChanges gave it',
    '"spend_limit.base_limit:splim_1:1x2y3z"',
  );
}

/** "keep_mine" or "take_brex". */
export function conflictChoice(fn: string, value: unknown): ConflictChoice {
  if (value === 'keep_mine' || value === 'take_brex') return value;
  return refuse(fn, '"keep_mine" or "take_brex" as its second argument', '"keep_mine"');
}

/** The value of an option the review offered (a reason code). */
export function choiceValue(fn: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  return refuse(fn, 'the value of one of the options the review offered', '"CARD_LOST"');
}
