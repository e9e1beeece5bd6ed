/**
 * What the vendor actions add to a refresh of the vendors: a pending Email, Phone or Delete stays
 * in its cell, and Brex's vendors become the last-synced values once the rows are written.
 */
import type { Vendor } from '../../brex';
import type { RefreshHooks } from '../../data-sets/data-set';
import { vendorDelete } from './vendor-delete';
import { vendorEmail, vendorEntry, vendorPhone } from './vendors';
import { SyncedRows } from './synced-rows';

export const vendorHooks: RefreshHooks = {
  vendors: {
    keepCells: (_items, sheet, store) => {
      const kept = new Map<string, string[]>();
      const deps = { store, now: () => new Date() };
      for (const action of [vendorEmail, vendorPhone, vendorDelete]) {
        for (const change of action.find(deps, { grid: sheet }, [])) {
          kept.set(change.targetId, [...(kept.get(change.targetId) ?? []), ...action.reads]);
        }
      }
      return kept;
    },
    afterWrite: (items, store) =>
      SyncedRows.record(store, 'vendors', (items as readonly Vendor[]).map(vendorEntry)),
  },
};
