/**
 * The staged payments of "Brex Transfers", as they stand: every row with a blank "Brex ID" and
 * something typed in a payment column. The review stages the rows it finds unstaged (their key and
 * who staged them go into the row and into StagedPayments); an approval finds them again, and a
 * payment is the one reviewed only while its fingerprint holds: the row's cells, its key, who
 * staged it, and the vendor, instrument and account its names resolved to. Who typed the row
 * (payment-typists.ts, noted by `onEdit`) goes into its record at each review, and the payment
 * carries them with the stager for the two-person rule.
 */
import { toBlocks } from '../../cells/blocks';
import type { Cell } from '../../cells/columns';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import { PAYMENT_ACTION } from '../../contract/writeback';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue, TablePort } from '../../ports/table-port';
import { readerOf } from '../actions/new-row-action';
import { cellsAt } from '../actions/row-cells';
import { InFlightPushes } from '../in-flight';
import { digest } from '../row-identity';
import {
  PAYMENT_INPUTS,
  PAYMENT_KEY,
  STAGED_BY,
  TRANSFERS_SHEET,
  readPaymentRow,
  type PaymentDraft,
} from './payment-row';
import type { PaymentWorld } from './payment-world';
import { PaymentTypists } from './payment-typists';
import { sentCells } from './sent-row';
import { StagedPayments, type StagedPayment } from './staging';

/** A staged payment row, read and judged. */
export interface Payment {
  /** 1-based sheet row. */
  readonly row: number;
  readonly draft: PaymentDraft;
  /** Its staging record; null when the row cannot be staged (its problem says why). */
  readonly record: StagedPayment | null;
  /** The row's own problem, or the draft's; null when it may be approved. */
  readonly problem: string | null;
  readonly fingerprint: string;
  /** A send of it was started and its answer is not known yet (write-ahead record). */
  readonly inFlight: boolean;
  /** Who typed its cells, lower case, when Sheets said (its record's and any noted since). */
  readonly typists: readonly string[];
}

export interface StagingDeps {
  readonly table: TablePort;
  readonly store: KeyValuePort;
  readonly now: () => Date;
  /** Who is acting (Session's active user); '' when Apps Script does not say. */
  readonly user: string;
  readonly newUuid: () => string;
}

/** Pure: the write-ahead record's target of a payment key. */
export function paymentTarget(key: string): string {
  return `${PAYMENT_ACTION}:${key}`;
}

/** Pure: the key `reviewChanges()` gives a payment. */
export function paymentKey(payment: Payment): string {
  return `${PAYMENT_ACTION}:${payment.record?.key ?? `row${payment.row}`}:${payment.fingerprint}`;
}

/**
 * The staged payments in sheet order. With `stage`, rows not staged yet get their key and the
 * acting user as stager (cells and records); without, they come back unstaged, with a problem.
 */
export function stagedPayments(
  deps: StagingDeps,
  world: PaymentWorld,
  options: { readonly stage: boolean },
): Payment[] {
  const grid = deps.table.readAll(TRANSFERS_SHEET);
  if (!grid || grid.length < 2) return [];
  const header = grid[0] ?? [];
  const id = findHeader(header, KEY_HEADER);
  if (id === null) return [];
  if (findHeader(header, PAYMENT_KEY) === null || findHeader(header, STAGED_BY) === null) {
    return unstageable(grid, id, world);
  }
  const ids = new Set(grid.slice(1).map((cells) => headerText(cells[id])));
  const records = new StagedPayments(deps.store);
  const inFlight = new InFlightPushes(deps.store);
  const noted = new PaymentTypists(deps.store);
  const movedIntoRecords: number[] = [];
  const keysSeen = new Map<string, number>();
  const twins = new Map<string, number>();
  const writes = new Map<number, Map<number, Cell>>();
  const payments: Payment[] = [];
  grid.slice(1).forEach((cells, index) => {
    const row = readerOf(header, cells);
    if (headerText(cells[id]) !== '') return;
    if (PAYMENT_INPUTS.every((name) => headerText(row(name)).trim() === '')) return;
    const sheetRow = index + 2;
    const draft = readPaymentRow(row, world);
    const typedKey = headerText(row(PAYMENT_KEY)).trim();
    let record = records.get(typedKey);
    if (record?.transferId) {
      // Sent, and its row was not updated (a kill after Brex answered): it is now.
      if (!ids.has(record.transferId)) {
        writes.set(index + 1, sentCells(header, cells, record, deps.table.timeZone()));
      }
      return;
    }
    let problem: string | null = null;
    if (typedKey === '' && options.stage && deps.user !== '') {
      record = {
        key: deps.newUuid(),
        stagedBy: deps.user,
        stagedAt: deps.now().toISOString(),
        typedBy: noted.of(sheetRow),
      };
      records.stage(record);
      movedIntoRecords.push(sheetRow);
      writes.set(index + 1, stagingCells(header, record));
    } else if (typedKey === '') {
      problem = `This payment is not staged yet: it is staged, with who staged it, when a signed-in person reviews it. Open the review (Extensions ▸ Brex), then approve.`;
    } else if (!record) {
      problem = `"${PAYMENT_KEY}" holds "${typedKey}", a key this add-on did not give (typed or pasted?). Clear "${PAYMENT_KEY}" and "${STAGED_BY}" in row ${sheetRow}: the next review stages it afresh.`;
    } else if (keysSeen.has(record.key)) {
      problem = `Row ${keysSeen.get(record.key)} has the same "${PAYMENT_KEY}" (a copied row?). Clear "${PAYMENT_KEY}" and "${STAGED_BY}" in row ${sheetRow}: the next review stages it as a payment of its own.`;
    }
    const typists = [...new Set([...(record?.typedBy ?? []), ...noted.of(sheetRow)])];
    if (
      record &&
      problem === null &&
      options.stage &&
      typists.length > (record.typedBy ?? []).length
    ) {
      // Typed again since it was staged: the record keeps the new typists too.
      record = { ...record, typedBy: typists };
      records.stage(record);
      movedIntoRecords.push(sheetRow);
    }
    if (record && !keysSeen.has(record.key)) keysSeen.set(record.key, sheetRow);
    const twinKey = JSON.stringify([
      draft.vendor?.id,
      draft.method,
      draft.amount,
      draft.account?.id,
      draft.description,
      draft.memo,
    ]);
    const twin = draft.problem === null ? twins.get(twinKey) : undefined;
    if (draft.problem === null && twin === undefined) twins.set(twinKey, sheetRow);
    problem ??=
      draft.problem ??
      (twin === undefined
        ? null
        : `Row ${twin} is the same payment (vendor, method, amount, account, description and memo): a row pasted twice? Clear one of them, or change its memo if both are meant.`);
    const fingerprint = digest(
      [
        PAYMENT_ACTION,
        record?.key ?? '',
        record?.stagedBy ?? '',
        draft.vendor?.id ?? '',
        draft.instrumentId,
        String(draft.amount),
        draft.account?.id ?? '',
        ...PAYMENT_INPUTS.map((name) => headerText(row(name))),
      ].join('\u0000'),
    );
    payments.push({
      row: sheetRow,
      draft,
      record: record ?? null,
      problem,
      fingerprint,
      inFlight: record ? inFlight.get(paymentTarget(record.key)) !== null : false,
      typists,
    });
  });
  noted.forget(movedIntoRecords);
  for (const block of toBlocks(writes)) deps.table.writeBlock(TRANSFERS_SHEET, block);
  return payments;
}

/** Rows of a sheet made before payments: they cannot be staged until a refresh adds the columns. */
function unstageable(
  grid: readonly (readonly CellValue[])[],
  id: number,
  world: PaymentWorld,
): Payment[] {
  const header = grid[0] ?? [];
  const payments: Payment[] = [];
  grid.slice(1).forEach((cells, index) => {
    const row = readerOf(header, cells);
    if (headerText(cells[id]) !== '') return;
    if (PAYMENT_INPUTS.every((name) => headerText(row(name)).trim() === '')) return;
    payments.push({
      row: index + 2,
      draft: readPaymentRow(row, world),
      record: null,
      problem: `"${TRANSFERS_SHEET}" has no "${PAYMENT_KEY}" and "${STAGED_BY}" columns yet. Refresh (Extensions ▸ Brex ▸ Refresh now) to add them, then review again.`,
      fingerprint: '',
      inFlight: false,
      typists: [],
    });
  });
  return payments;
}

function stagingCells(header: readonly CellValue[], record: StagedPayment): Map<number, Cell> {
  return cellsAt(header, {
    [PAYMENT_KEY]: { value: record.key, numberFormat: '@' },
    [STAGED_BY]: { value: record.stagedBy, numberFormat: '@' },
  });
}
