/**
 * What the write-back adds to a refresh of the spend limits (handed to the refresh by the
 * composition root): an edit waiting to be pushed stays in its cell, and stays pending, for every
 * action on the sheet. A row
 * whose identity cells no longer match its id (one column sorted) keeps them too, so the refresh
 * does not make it look whole again: its edit stays refused until undone or discarded. Once the
 * rows are written, Brex's values become the last-synced ones, pending rows included: the review
 * then compares an edit with what Brex has now, and a review made before the refresh no longer
 * pushes (its fingerprint named the old value).
 */
import type { SpendLimit } from '../brex';
import type { RefreshHooks } from '../data-sets/data-set';
import { WRITE_ACTIONS } from './actions';
import { baseLimit } from './actions/spend-limit-base-limit';
import { recordLimits } from './actions/spend-limit-entries';
import { spendLimitIdentity } from './actions/spend-limit-identity';
import { AMOUNT_HEADER, CURRENCY_HEADER, editedLimits } from './edited-cells';
import { SPEND_LIMITS_SHEET } from './pending-changes';
import { IDENTITY_HEADERS } from './row-identity';
import { SyncedValues } from './synced-values';
import { teamHooks } from './actions/team-hooks';
import { expenseHooks } from './actions/expense-memo';
import { vendorHooks } from './actions/vendors';

export const writeBackHooks: RefreshHooks = {
  ...teamHooks,
  ...expenseHooks,
  ...vendorHooks,
  spend_limits: {
    keepCells: (_items, sheet, store) => {
      const edited = editedLimits(sheet, SyncedValues.read(store));
      const keep = new Map<string, string[]>(
        [...edited].map(([id, whole]) => [
          id,
          whole
            ? [AMOUNT_HEADER, CURRENCY_HEADER]
            : [AMOUNT_HEADER, CURRENCY_HEADER, ...IDENTITY_HEADERS],
        ]),
      );
      // Every other action on the sheet keeps the cells it reads in its changes' rows.
      const deps = { store, now: () => new Date() };
      for (const action of WRITE_ACTIONS) {
        if (action.sheet !== SPEND_LIMITS_SHEET || action === baseLimit) continue;
        if (action.reads === 'new row') continue;
        for (const change of action.find(deps, { grid: sheet }, [])) {
          keep.set(change.targetId, [...(keep.get(change.targetId) ?? []), ...action.reads]);
        }
      }
      return keep;
    },
    afterWrite: (items, store, now, _kept, lookups) => {
      SyncedValues.record(store, items as readonly SpendLimit[], now, spendLimitIdentity);
      recordLimits(store, items as readonly SpendLimit[], lookups);
    },
  },
};
