/**
 * What payments add to a refresh of "Brex Transfers": a sent payment's row keeps its "Payment key"
 * and "Staged by" (Brex does not know them), while the refresh brings its status and the rest of
 * Brex's record into it, matched by the transfer id the approval wrote into "Brex ID".
 *
 * An approval stopped after Brex made the transfer and before the row got its id leaves a staged
 * row and, in Brex, its transfer. The refresh writes that transfer into the staged row rather than
 * adding a row of its own: the one its record names, or, when only the write-ahead record is left
 * (the answer was lost), the transfer made from exactly what was sent (sent-transfer.ts), which
 * the record then names. The next review or approval completes the audit row; nothing is sent.
 */
import type { Transfer } from '../../brex';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import type { RefreshHooks } from '../../data-sets/data-set';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import { InFlightPushes } from '../in-flight';
import { PAYMENT_KEY, STAGED_BY } from './payment-row';
import { answerOf } from './sent-row';
import { transferOf } from './sent-transfer';
import { paymentTarget } from './staged-rows';
import { StagedPayments } from './staging';

export const paymentHooks: RefreshHooks = {
  transfers: {
    keepCells: (_items, sheet) => {
      const header = sheet[0] ?? [];
      const id = findHeader(header, KEY_HEADER);
      const key = findHeader(header, PAYMENT_KEY);
      const kept = new Map<string, string[]>();
      if (id === null || key === null) return kept;
      for (const cells of sheet.slice(1)) {
        const transfer = headerText(cells[id]);
        if (transfer && headerText(cells[key]) !== '') kept.set(transfer, [PAYMENT_KEY, STAGED_BY]);
      }
      return kept;
    },
    claimRows: (items, sheet, store, now) =>
      claimSent(items as readonly Transfer[], sheet, store, now),
  },
};

/** The staged rows whose transfer Brex already made, by transfer id. */
function claimSent(
  items: readonly Transfer[],
  sheet: readonly (readonly CellValue[])[],
  store: KeyValuePort,
  now: Date,
): Map<string, number> {
  const header = sheet[0] ?? [];
  const id = findHeader(header, KEY_HEADER);
  const keyColumn = findHeader(header, PAYMENT_KEY);
  const claimed = new Map<string, number>();
  if (id === null || keyColumn === null) return claimed;
  const records = new StagedPayments(store);
  const shown = new Set(sheet.slice(1).map((cells) => headerText(cells[id])));
  const byId = new Map(items.map((t) => [t.id, t]));
  sheet.forEach((cells, row) => {
    const key = headerText(cells[keyColumn]);
    if (row === 0 || key === '' || headerText(cells[id]) !== '') return;
    const record = records.get(key);
    if (record?.transferId) {
      const made = record.transferId;
      if (byId.has(made) && !shown.has(made) && !claimed.has(made)) claimed.set(made, row);
      return;
    }
    const started = record && new InFlightPushes(store).get(paymentTarget(key));
    const request = started && records.unfinished().find((u) => u.key === key)?.request;
    if (!started || !request) return;
    const free = items.filter((t) => !shown.has(t.id) && !claimed.has(t.id));
    const made = transferOf(request, started.startedAt, free);
    if (!made) return;
    const answer = answerOf(made);
    const sent = { accountId: request.accountId, amount: request.amount };
    records.sent(key, { id: made.id, status: String(made.status), answer }, now, sent);
    claimed.set(made.id, row);
  });
  return claimed;
}
