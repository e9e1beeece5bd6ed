/**
 * What the write-back adds to a refresh of the spend limits (handed to the refresh by the
 * composition root): an edit waiting to be pushed stays in its cell, and stays pending. A row
 * whose identity cells no longer match its id (one column sorted) keeps them too, so the refresh
 * does not make it look whole again: its edit stays refused until undone or discarded. Once the
 * rows are written, Brex's values become the last-synced ones, pending rows included: the review
 * then compares an edit with what Brex has now, and a review made before the refresh no longer
 * pushes (its fingerprint named the old value).
 */
import type { SpendLimit } from '../brex';
import type { RefreshHooks } from '../data-sets/data-set';
import { spendLimitIdentity } from './actions/spend-limit-identity';
import { AMOUNT_HEADER, CURRENCY_HEADER, editedLimits } from './edited-cells';
import { IDENTITY_HEADERS } from './row-identity';
import { SyncedValues } from './synced-values';
import { teamHooks } from './actions/team-hooks';

export const writeBackHooks: RefreshHooks = {
  ...teamHooks,
  spend_limits: {
    keepCells: (_items, sheet, store) => {
      const edited = editedLimits(sheet, SyncedValues.read(store));
      return new Map(
        [...edited].map(([id, whole]) => [
          id,
          whole
            ? [AMOUNT_HEADER, CURRENCY_HEADER]
            : [AMOUNT_HEADER, CURRENCY_HEADER, ...IDENTITY_HEADERS],
        ]),
      );
    },
    afterWrite: (items, store, now) =>
      SyncedValues.record(store, items as readonly SpendLimit[], now, spendLimitIdentity),
  },
};
