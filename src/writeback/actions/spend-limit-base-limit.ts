/**
 * "Base limit" on "Brex Spend Limits": an edited amount becomes `PUT /v2/spend_limits/{id}` with
 * the base limit alone. Its conflict check compares Brex's amount and currency with the last sync;
 * its inverse stages the audit row's old amount; Brex's answer refreshes the row and becomes the
 * new last-synced value.
 */
import type { SpendLimit } from '../../brex';
import { defineAction, targetKey, type WriteAction } from '../action';
import { amountView, plainAmount } from '../amount-text';
import { closedProblem } from '../check-change';
import { limitColumns } from '../edited-cells';
import { InFlightPushes } from '../in-flight';
import {
  findPendingChanges,
  SPEND_LIMITS_SHEET,
  type LimitChange,
  type LimitEdit,
} from '../pending-changes';
import { getWriteBackSettings } from '../settings';
import { amountChange, otherChanges } from '../spend-limit-body';
import { restoreLimits, stageLimitInverse } from '../spend-limit-cells';
import { refreshLimitRows } from '../spend-limit-rows';
import { SyncedValues } from '../synced-values';
import { utcDay } from '../write-back-deps';
import { followBorrowedLimits } from './cards';
import { spendLimitIdentity } from './spend-limit-identity';

const DEFAULT_CURRENCY = 'USD';

export const baseLimit: WriteAction = defineAction<LimitEdit, SpendLimit, SpendLimit>({
  id: 'spend_limit.base_limit',
  label: 'Change base limit',
  sheet: SPEND_LIMITS_SHEET,
  reads: ['Base limit', 'Currency'],
  confirmation: 'none',
  reversible: true,

  find(deps, sheet, formats): LimitChange[] {
    const columns = limitColumns(sheet.grid[0] ?? []);
    const synced = SyncedValues.read(deps.store);
    const inFlight = new InFlightPushes(deps.store);
    const unanswered = columns
      ? sheet.grid
          .slice(1)
          .map((cells) => String(cells[columns.id] ?? '').trim())
          .filter((id) => id && inFlight.get(targetKey({ action: baseLimit, targetId: id })))
      : [];
    return findPendingChanges(baseLimit, {
      grid: sheet.grid,
      firstRow: sheet.firstRow,
      formats,
      synced,
      brexAmounts: unanswered.length > 0 ? deps.brexAmounts?.(unanswered) : undefined,
      inFlight,
      settings: getWriteBackSettings(deps.store),
      today: utcDay(deps.now()),
    });
  },

  cellColumn(header) {
    const columns = limitColumns(header);
    return columns ? columns.amount + 1 : null;
  },

  readCurrent: (brex, ids) => currentLimits(brex.spendLimits, ids),

  check(deps, change, brex) {
    const { view, newMinorUnits } = change.detail;
    const target = newMinorUnits as number;
    const base = brex.authorization_settings?.base_limit;
    const brexAmount = base?.amount ?? null;
    const brexCurrency = base?.currency || DEFAULT_CURRENCY;
    const closed = closedProblem(brex.status, brex.end_date ?? null, utcDay(deps.now()));
    if (closed) return { kind: 'refused', message: closed };
    const inFlight = new InFlightPushes(deps.store);
    const key = targetKey(change);
    const ours = inFlight.matching(key, change.from, String(target)) !== null;
    const last = Number(change.from);
    if (
      brexCurrency === view.currency &&
      (brexAmount === last || (ours && brexAmount === target))
    ) {
      return { kind: 'send' };
    }
    const shown = brexAmount === null ? null : amountView(brexAmount, brexCurrency);
    const earlier = inFlight.get(key);
    const now = `Brex now has ${shown ? `${shown.text} ${brexCurrency}` : 'no base limit'} for this spend limit, not the ${view.old.text} ${view.currency} of the last sync`;
    const typed = view.new ? `; you typed ${view.new.text} ${view.currency}` : '';
    const message =
      earlier && earlier.from === change.from && earlier.to === String(brexAmount)
        ? `${now}: an earlier push by ${earlier.user} (${view.old.text} → ${shown?.text ?? ''} ${view.currency}), whose answer was lost, was applied. Nothing was sent. Discard your edit to keep Brex's value, or refresh and edit again.`
        : `${now}${typed}: it was changed in Brex since. Nothing was sent. Refresh to see Brex's value, then edit again if needed.`;
    return { kind: 'conflict', message };
  },

  send(deps, change, brex, key) {
    const target = change.detail.newMinorUnits as number;
    const currency = brex.authorization_settings?.base_limit?.currency || DEFAULT_CURRENCY;
    const result = deps.brex.updateSpendLimit(change.targetId, amountChange(target, currency), key);
    const also = otherChanges(brex, result.value);
    const { view } = change.detail;
    return {
      result,
      brexId: change.targetId,
      message: `Changed from ${view.old.text} to ${amountView(target, view.currency).text} ${view.currency}.${also.length > 0 ? ` Brex also changed: ${also.join(', ')}.` : ''}`,
    };
  },

  settle(deps, answers) {
    SyncedValues.read(deps.store).update(answers, deps.now(), spendLimitIdentity);
    refreshLimitRows(deps, answers);
    const limits = new Set(answers.map((limit) => limit.id));
    followBorrowedLimits(deps, (card) => limits.has(card.budgetId));
  },

  rebase(deps, current) {
    SyncedValues.read(deps.store).update(current, deps.now(), spendLimitIdentity);
  },

  audited(change) {
    const { view } = change.detail;
    return {
      old: plainAmount(view.old.minorUnits, view.currency),
      new: view.new ? plainAmount(view.new.minorUnits, view.currency) : view.typed,
      currency: view.currency,
    };
  },

  discard: (deps, changes) => restoreLimits(deps, changes),
  revert: (deps, record) => stageLimitInverse(deps, record),
});

/** The limits Brex has now, from one list read; an error for each id it no longer lists. */
export function currentLimits(
  list: () => SpendLimit[],
  ids: readonly string[],
): Map<string, SpendLimit | Error> {
  const found = new Map<string, SpendLimit | Error>();
  try {
    const all = new Map(list().map((limit) => [limit.id, limit]));
    for (const id of ids) {
      found.set(
        id,
        all.get(id) ??
          new Error(
            `Brex no longer lists spend limit ${id}. Nothing was sent. Refresh the spend limits, then edit again.`,
          ),
      );
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const id of ids) found.set(id, failure);
  }
  return found;
}
