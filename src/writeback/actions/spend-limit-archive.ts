/**
 * "Status" on "Brex Spend Limits": typing Archived (any case, or ARCHIVED) archives the limit,
 * `POST /v2/spend_limits/{id}/archive`, which has no body. Archiving cannot be undone (Brex
 * refuses to change an archived limit), so the action has no inverse and needs explicit
 * confirmation: a push without keys leaves it, and a push sends it only when its key is named.
 * Any other status is refused: only Brex's dashboard sets them.
 */
import type { SpendLimit } from '../../brex';
import { AmbiguousHeaderError, findHeader } from '../../cells/header';
import { codeOf, readable } from '../../cells/readable-values';
import type { CellValue } from '../../ports/table-port';
import { defineAction, targetKey, type Change, type WriteAction } from '../action';
import { identityHolds, limitColumns } from '../edited-cells';
import { InFlightPushes } from '../in-flight';
import { SPEND_LIMITS_SHEET } from '../pending-changes';
import { digest } from '../row-identity';
import { refreshLimitRows } from '../spend-limit-rows';
import { SyncedValues } from '../synced-values';
import { spendLimitIdentity } from './spend-limit-identity';
import { currentLimits } from './spend-limit-base-limit';

export const STATUS_HEADER = 'Status';
const ARCHIVED = 'ARCHIVED';

/**
 * Pure: the 0-based column of our "Status" (by its tag, or by header text on a sheet made before
 * tags); null when there is none, or when an untagged sheet has a person's "Status" beside ours.
 */
function statusColumn(header: readonly CellValue[]): number | null {
  try {
    return findHeader(header, STATUS_HEADER);
  } catch (error) {
    if (error instanceof AmbiguousHeaderError) return null;
    throw error;
  }
}

/** Pure: the Brex status a Status cell means ("Archived", "archived" and "ARCHIVED" alike). */
export function statusOf(cell: CellValue | undefined): string {
  return codeOf(String(cell ?? ''))
    .toUpperCase()
    .replace(/\s+/g, '_');
}

export const archiveLimit: WriteAction = defineAction<null, SpendLimit, SpendLimit>({
  id: 'spend_limit.archive',
  label: 'Archive spend limit',
  sheet: SPEND_LIMITS_SHEET,
  reads: [STATUS_HEADER],
  confirmation: 'irreversible',
  reversible: false,

  find(deps, sheet): Change<null>[] {
    const header = sheet.grid[0] ?? [];
    const columns = limitColumns(header);
    const status = statusColumn(header);
    if (!columns || status === null) return [];
    const synced = SyncedValues.read(deps.store);
    const inFlight = new InFlightPushes(deps.store);
    const firstRow = sheet.firstRow ?? 2;
    const seen = new Set<string>();
    const changes: Change<null>[] = [];
    sheet.grid.forEach((cells, index) => {
      const id = index > 0 ? String(cells[columns.id] ?? '').trim() : '';
      const last = id ? synced.get(id) : undefined;
      if (!last || seen.has(id)) return;
      seen.add(id);
      const typed = String(cells[status] ?? '');
      if (statusOf(typed) === last.status.toUpperCase()) return;
      const problem = !identityHolds(cells, columns, last)
        ? `This row no longer matches Brex ID ${id} ("${last.name}"): its Name or Period cell differs from the last sync (was one column sorted on its own?). Undo the sort, or discard the change and refresh.`
        : statusOf(typed) !== ARCHIVED
          ? `Only "Archived" can be set from the sheet, not "${typed}". Type Archived to archive this limit, or put back "${readable(last.status)}".`
          : last.status !== 'ACTIVE'
            ? `This spend limit is ${readable(last.status).toLowerCase()} in Brex, so it cannot be archived. Discard the edit.`
            : null;
      const target = targetKey({ action: archiveLimit, targetId: id });
      changes.push({
        action: archiveLimit,
        targetId: id,
        targetName: last.name,
        row: index + firstRow - 1,
        column: status + 1,
        from: last.status,
        to: problem === null ? ARCHIVED : null,
        brexNow: readable(last.status),
        toSend: problem === null ? readable(ARCHIVED) : null,
        typed,
        problem,
        consequences:
          problem === null
            ? [
                'Archiving cannot be undone: the limit stops all new spend against it, and Brex lets no one make it active again.',
              ]
            : [],
        inFlight: inFlight.matching(target, last.status, ARCHIVED) !== null,
        fingerprint: digest([id, typed, last.status, last.identity].join('\u0000')),
        detail: null,
      });
    });
    return changes;
  },

  cellColumn(header) {
    const status = statusColumn(header);
    return status === null ? null : status + 1;
  },

  readCurrent: (brex, ids) => currentLimits(brex.spendLimits, ids),

  check(deps, change, brex) {
    if (brex.status === change.from) return { kind: 'send' };
    const ours =
      brex.status === ARCHIVED &&
      new InFlightPushes(deps.store).matching(targetKey(change), change.from, ARCHIVED) !== null;
    if (ours) return { kind: 'send' };
    return {
      kind: 'conflict',
      message: `Brex now has this spend limit ${readable(brex.status).toLowerCase()}, not ${readable(change.from).toLowerCase()} as at the last sync. Nothing was sent. Refresh to see Brex's status.`,
    };
  },

  send(deps, change, brex, key) {
    const result = deps.brex.archiveSpendLimit(change.targetId, key);
    return {
      result: { ...result, value: { ...brex, status: ARCHIVED } },
      brexId: change.targetId,
      message: `Archived "${change.targetName}".`,
    };
  },

  settle(deps, answers) {
    SyncedValues.read(deps.store).update(answers, deps.now(), spendLimitIdentity);
    refreshLimitRows(deps, answers);
  },

  rebase(deps, current) {
    SyncedValues.read(deps.store).update(current, deps.now(), spendLimitIdentity);
  },

  audited: (change) => ({ old: change.from, new: change.to ?? change.typed, currency: '' }),

  discard(deps, changes) {
    const synced = SyncedValues.read(deps.store);
    for (const change of changes) {
      const last = synced.get(change.targetId);
      if (!last) continue;
      deps.table.writeBlock(SPEND_LIMITS_SHEET, {
        row: change.row,
        column: change.column,
        values: [[readable(last.status)]],
        numberFormats: [['@']],
      });
    }
  },
});
