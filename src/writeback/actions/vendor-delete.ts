/**
 * "Sync status" on "Brex Vendors": typing Delete (any case) deletes the vendor,
 * `DELETE /v1/vendors/{id}`. Deleting cannot be undone, so the action has no inverse and needs
 * explicit confirmation: a push without keys leaves it, and a push sends it only when its key is
 * named. Once Brex answers, the row's "Sync status" reads "Removed in Brex", as a refresh writes
 * for any vendor Brex no longer lists, and its last-synced entry goes.
 *
 * Brex's spec states no rule for a vendor with payments on their way; the sandbox refuses that
 * delete, and so does the push, before sending, after one read of Brex's transfers: a payment
 * still PROCESSING, SCHEDULED or PENDING_APPROVAL would be left pointing at no vendor.
 *
 * A DELETE carries no idempotency key (a second one answers 404), so never twice rests on the
 * write-ahead record: when a push finds its own unfinished record and Brex no longer lists the
 * vendor, the earlier DELETE was applied, and the push settles it without sending again.
 */
import { BrexError, type Transfer, type Vendor } from '../../brex';
import { AmbiguousHeaderError, KEY_HEADER, findHeader, headerText } from '../../cells/header';
import { REMOVED_IN_BREX, STATUS_HEADER } from '../../data-sets/data-set';
import type { Cell } from '../../cells/columns';
import type { CellValue } from '../../ports/table-port';
import { defineAction, targetKey, type Change, type WriteAction } from '../action';
import { InFlightPushes } from '../in-flight';
import { digest, identityOf } from '../row-identity';
import { writeRowCells } from './row-cells';
import { SyncedRows, type SyncedRow } from './synced-rows';
import { VENDORS_SHEET, vendorEntry } from './vendors';

const NAME = 'Company name';
const IN_BREX = 'In Brex';
const DELETE = 'DELETE';
/** Transfer statuses of a payment still on its way. */
export const UNDER_WAY: readonly string[] = ['PROCESSING', 'SCHEDULED', 'PENDING_APPROVAL'];

type Entry = SyncedRow<'vendors'>;

/** Brex's vendor now (null when Brex no longer lists it) and its payments still on their way. */
export interface VendorNow {
  readonly id: string;
  readonly vendor: Vendor | null;
  readonly underWay: readonly Transfer[];
}

/** Pure: what a typed "Sync status" asks: DELETE for "Delete", "deleted", "DELETE" alike. */
export function askedStatus(cell: CellValue | undefined): string {
  const text = headerText(cell).toUpperCase();
  return text === 'DELETED' ? DELETE : text;
}

/** Pure: our "Sync status" column; null without one, or when a person's column has that header too. */
function statusColumn(header: readonly CellValue[]): number | null {
  try {
    return findHeader(header, STATUS_HEADER);
  } catch (error) {
    if (error instanceof AmbiguousHeaderError) return null;
    throw error;
  }
}

function problemOf(typed: string, entry: Entry, nameCell: CellValue | undefined): string | null {
  if (identityOf([nameCell ?? '']) !== entry.identity) {
    return `This row no longer matches Brex ID ${entry.id} ("${entry.name}"): its ${NAME} cell differs from the last sync (was one column sorted on its own?). Undo the sort, or put back "${IN_BREX}" and refresh.`;
  }
  if (askedStatus(typed) !== DELETE) {
    return `Only "Delete" can be typed in "${STATUS_HEADER}", not "${typed}". Type Delete to delete this vendor in Brex, or put back "${IN_BREX}".`;
  }
  return null;
}

export const vendorDelete: WriteAction = defineAction<Entry, VendorNow, VendorNow>({
  id: 'vendor.delete',
  label: 'Delete vendor',
  sheet: VENDORS_SHEET,
  reads: [STATUS_HEADER],
  confirmation: 'irreversible',
  reversible: false,

  find(deps, sheet): Change<Entry>[] {
    const header = sheet.grid[0] ?? [];
    const key = findHeader(header, KEY_HEADER);
    const status = statusColumn(header);
    const name = findHeader(header, NAME);
    if (key === null || status === null || name === null) return [];
    const synced = SyncedRows.read(deps.store, 'vendors');
    const inFlight = new InFlightPushes(deps.store);
    const firstRow = sheet.firstRow ?? 2;
    const seen = new Set<string>();
    const changes: Change<Entry>[] = [];
    sheet.grid.slice(1).forEach((cells, index) => {
      const id = headerText(cells[key]);
      const entry = id ? synced.get(id) : undefined;
      if (!entry || seen.has(id)) return;
      seen.add(id);
      const typed = headerText(cells[status]);
      if (typed === '' || typed === IN_BREX || typed === REMOVED_IN_BREX) return;
      const problem = problemOf(typed, entry, cells[name]);
      const target = targetKey({ action: vendorDelete, targetId: id });
      changes.push({
        action: vendorDelete,
        targetId: id,
        targetName: entry.name,
        row: firstRow + index,
        column: status + 1,
        from: IN_BREX,
        to: problem === null ? DELETE : null,
        brexNow: IN_BREX,
        toSend: problem === null ? `Delete "${entry.name}"` : null,
        typed,
        problem,
        consequences:
          problem === null
            ? [
                `Deleting cannot be undone: Brex removes "${entry.name}" and its payment details. Paying it again means creating it again, bank details included.`,
              ]
            : [],
        inFlight: inFlight.matching(target, IN_BREX, DELETE) !== null,
        fingerprint: digest([id, typed, entry.identity].join('\u0000')),
        detail: entry,
      });
    });
    return changes;
  },

  cellColumn(header) {
    const status = statusColumn(header);
    return status === null ? null : status + 1;
  },

  readCurrent(brex, ids) {
    const current = new Map<string, VendorNow | Error>();
    try {
      const vendors = new Map(brex.vendors().map((v) => [v.id, v]));
      const transfers = brex.transfers();
      for (const id of ids) {
        const underWay = transfers.filter(
          (t) => counterpartyOf(t) === id && UNDER_WAY.includes(String(t.status)),
        );
        current.set(id, { id, vendor: vendors.get(id) ?? null, underWay });
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const id of ids) current.set(id, failure);
    }
    return current;
  },

  check(deps, change, now) {
    const ours =
      new InFlightPushes(deps.store).matching(targetKey(change), IN_BREX, DELETE) !== null;
    if (now.vendor === null) {
      return ours
        ? { kind: 'send' }
        : {
            kind: 'refused',
            message: `Brex no longer lists "${change.targetName}" (${change.targetId}): it was deleted in Brex since the last refresh. Nothing was sent. Refresh to see it marked "${REMOVED_IN_BREX}".`,
          };
    }
    if ((now.vendor.company_name ?? '') !== change.detail.name) {
      return {
        kind: 'conflict',
        message: `Brex now calls this vendor "${now.vendor.company_name ?? ''}", not "${change.targetName}" as at the last sync. Nothing was sent. Refresh, then type Delete again if it should still go.`,
      };
    }
    if (now.underWay.length > 0) {
      const list = now.underWay.map((t) => `${t.id} (${String(t.status)})`).join(', ');
      return {
        kind: 'refused',
        message: `"${change.targetName}" has ${now.underWay.length} payment${now.underWay.length === 1 ? '' : 's'} on the way in Brex: ${list}. A vendor is deleted only once its payments have processed or failed. Nothing was sent. Type Delete again then.`,
      };
    }
    return { kind: 'send' };
  },

  send(deps, change, now, key) {
    // Brex no longer lists it and our own record is unfinished: the earlier DELETE was applied.
    if (now.vendor === null) {
      return {
        result: { value: now, traceId: null, idempotencyKey: key },
        brexId: change.targetId,
        message: `Deleted vendor "${change.targetName}" (Brex ID ${change.targetId}): an earlier push had deleted it and its answer was lost; nothing was sent again.`,
      };
    }
    let traceId: string | null;
    try {
      traceId = deps.brex.deleteVendor(change.targetId).traceId;
    } catch (error) {
      // Brex listed the vendor a moment ago: a 404 answers a retry of a DELETE already applied.
      if (!(error instanceof BrexError && error.kind === 'not_found')) throw error;
      traceId = error.traceId;
    }
    return {
      result: { value: { ...now, vendor: null }, traceId, idempotencyKey: key },
      brexId: change.targetId,
      message: `Deleted vendor "${change.targetName}" (Brex ID ${change.targetId}).`,
    };
  },

  /** A deleted vendor's row reads "Removed in Brex"; one Brex still has ("take Brex's") is back. */
  settle(deps, answers) {
    const synced = SyncedRows.read(deps.store, 'vendors');
    const kept = answers.flatMap((now) => (now.vendor ? [vendorEntry(now.vendor)] : []));
    synced.update(kept);
    synced.remove(answers.filter((now) => now.vendor === null).map((now) => now.id));
    const text = (value: string): Cell => ({ value, numberFormat: '@' });
    const cells = answers.map((now): [string, Record<string, Cell>] => [
      now.id,
      now.vendor
        ? { [STATUS_HEADER]: text(IN_BREX), [NAME]: text(now.vendor.company_name ?? '') }
        : { [STATUS_HEADER]: text(REMOVED_IN_BREX) },
    ]);
    writeRowCells(deps.table, VENDORS_SHEET, new Map(cells));
  },

  rebase(deps, current) {
    const vendors = current.flatMap((now) => (now.vendor ? [vendorEntry(now.vendor)] : []));
    SyncedRows.read(deps.store, 'vendors').update(vendors);
  },

  audited: (change) => ({
    old: IN_BREX,
    new: change.to === null ? change.typed : 'Deleted',
    currency: '',
  }),

  discard(deps, changes) {
    for (const change of changes) {
      deps.table.writeBlock(VENDORS_SHEET, {
        row: change.row,
        column: change.column,
        values: [[IN_BREX]],
        numberFormats: [['@']],
      });
    }
  },
});

/** Pure: the vendor a transfer pays; '' for a book transfer. */
function counterpartyOf(transfer: Transfer): string {
  const counterparty = transfer.counterparty as { type?: string; id?: string } | undefined;
  return counterparty?.type === 'VENDOR' ? (counterparty.id ?? '') : '';
}
