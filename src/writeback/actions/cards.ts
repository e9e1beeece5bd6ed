/**
 * The "Brex Cards" sheet's column edits. "Status": Active → Locked locks the card, Locked → Active
 * unlocks it, → Terminated terminates it (irreversible, with a reason from Brex's list). "Limit":
 * the card's own spend limit, for cards whose limit type is Card only (another card's limit comes
 * from its spend limit or its holder's monthly limit, and is changed there).
 */
import type { Card, CardChangeReason, Money } from '../../brex';
import type { ReviewChoice } from '../../contract/writeback';
import { toCell, type Cell } from '../../cells/columns';
import { readable } from '../../cells/readable-values';
import { headerText } from '../../cells/header';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { parseAmount } from '../parse-amount';
import { SyncedValues } from '../synced-values';
import type { PushDeps } from '../write-back-deps';
import { columnAction, type Parsed, type RowReader } from './column-action';
import { moneyColumn, plainLimit } from './money-column';
import { writeRowCells } from './row-cells';
import { SyncedRows, type SyncedRow } from './synced-rows';
import { byIds } from './team-writes';

export const CARDS_SHEET = 'Brex Cards';
export const REASON_HEADER = 'Reason';
const CARD_IDENTITY = ['Card name', 'Last four'];

/** Brex's reasons for locking and terminating a card (ChangeCardReason). */
export const CARD_REASONS: readonly CardChangeReason[] = [
  'CARD_DAMAGED',
  'CARD_LOST',
  'CARD_NOT_RECEIVED',
  'DO_NOT_NEED_PHYSICAL_CARD',
  'DO_NOT_NEED_VIRTUAL_CARD',
  'FRAUD',
  'OTHER',
];

/** Pure: "Locked", "locked", "LOCKED" → LOCKED; what any typed code or its words mean. */
export function codeText(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/** Pure: CARD_NOT_RECEIVED → "Card not received" (Brex's reasons are not among the sheets' codes). */
export function reasonText(reason: CardChangeReason): string {
  const words = reason.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const reasonWords = (): string => CARD_REASONS.map(reasonText).join(', ');

/** Brex's list, offered at review to a termination without a valid reason (written as typed). */
const REASON_CHOICE: ReviewChoice = {
  header: REASON_HEADER,
  options: CARD_REASONS.map((reason) => ({ value: reason, label: reasonText(reason) })),
};

/** Pure: the Reason cell → Brex's reason; null when blank; an Error naming the list when not one. */
export function reasonOf(cell: CellText): CardChangeReason | null | Error {
  const text = headerText(cell);
  if (text === '') return null;
  const code = codeText(text) as CardChangeReason;
  if (CARD_REASONS.includes(code)) return code;
  return new Error(
    `The reason "${text}" is not one of Brex's: type one of ${reasonWords()} in the "${REASON_HEADER}" cell.`,
  );
}
type CellText = Parameters<typeof headerText>[0];

type CardEntry = SyncedRow<'cards'>;

type StatusPayload =
  | { readonly op: 'lock'; readonly reason: CardChangeReason | null }
  | { readonly op: 'unlock' }
  | { readonly op: 'terminate'; readonly reason: CardChangeReason };

const refused = (problem: string): Parsed<never> => ({ to: null, payload: null, problem });

const terminated = (card: Card): string | null =>
  card.status === 'TERMINATED'
    ? `This card is terminated in Brex: it can no longer change. Discard the edit.`
    : null;

const statusCommon = {
  sheet: CARDS_SHEET,
  set: 'cards' as const,
  header: 'Status',
  also: [REASON_HEADER],
  identity: CARD_IDENTITY,
  synced: (entry: CardEntry) => entry.status,
  read: (cell: CellText) => codeText(headerText(cell)),
  shown: (value: string) => readable(value),
  cell: (value: string) => toCell('text', readable(value), 'Etc/UTC'),
  readCurrent: (brex: Parameters<WriteAction['readCurrent']>[0], ids: readonly string[]) =>
    byIds(() => brex.cards(), ids, 'card'),
  current: (card: Card) => card.status ?? '',
  closed: terminated,
  answerId: (card: Card) => card.id,
  settle: (card: Card, entry: CardEntry) => ({
    entry: { ...entry, status: card.status ?? '' },
    cells: { Status: toCell('text', readable(card.status), 'Etc/UTC') },
  }),
};

export const cardStatus: WriteAction = columnAction<'cards', StatusPayload, Card, Card>({
  ...statusCommon,
  id: 'card.status',
  label: 'Lock or unlock card',
  labelOf: (typed) =>
    typed === 'LOCKED' ? 'Lock card' : typed === 'ACTIVE' ? 'Unlock card' : 'Lock or unlock card',
  confirmation: 'none',
  reversible: true,
  parse(to, entry, row) {
    if (to === 'TERMINATED') return null;
    if (to === 'LOCKED' && entry.status === 'ACTIVE') {
      const reason = reasonOf(row(REASON_HEADER) as CellText);
      if (reason instanceof Error) return refused(reason.message);
      const told = reason
        ? reasonText(reason)
        : 'Other, "Locked from Google Sheets by" and your email';
      return {
        to,
        payload: { op: 'lock', reason },
        problem: null,
        consequences: [`Brex is given the reason: ${told}. The holder is told the card is locked.`],
      };
    }
    if (to === 'ACTIVE' && entry.status === 'LOCKED') {
      return { to, payload: { op: 'unlock' }, problem: null };
    }
    if (to === 'ACTIVE' || to === 'LOCKED') {
      return refused(
        `A ${readable(entry.status).toLowerCase()} card cannot become ${readable(to).toLowerCase()} from the sheet: only Active ↔ Locked, or → Terminated. Put "${readable(entry.status)}" back.`,
      );
    }
    return refused(
      `"${headerText(row('Status'))}" is not a card status the sheet can set. Type Active, Locked or Terminated.`,
    );
  },
  send(deps, id, payload, key) {
    if (payload.op === 'unlock') return deps.brex.unlockCard(id, key);
    const reason = payload.reason ?? 'OTHER';
    const description =
      payload.op === 'lock' && payload.reason === null
        ? `Locked from Google Sheets by ${deps.user}`
        : null;
    return payload.op === 'lock'
      ? deps.brex.lockCard(id, { reason, description }, key)
      : deps.brex.terminateCard(id, { reason: payload.reason }, key);
  },
});

export const cardTerminate: WriteAction = columnAction<'cards', StatusPayload, Card, Card>({
  ...statusCommon,
  id: 'card.terminate',
  label: 'Terminate card',
  confirmation: 'irreversible',
  reversible: false,
  parse(to, _entry, row: RowReader) {
    if (to !== 'TERMINATED') return null;
    const reason = reasonOf(row(REASON_HEADER) as CellText);
    if (reason instanceof Error) return { ...refused(reason.message), choice: REASON_CHOICE };
    if (reason === null) {
      return {
        ...refused(
          `Terminating a card needs a reason from Brex's list. Type one of ${reasonWords()} in the row's "${REASON_HEADER}" cell, or choose it here.`,
        ),
        choice: REASON_CHOICE,
      };
    }
    return {
      to,
      payload: { op: 'terminate', reason },
      problem: null,
      consequences: [
        `Terminating is permanent: the card stops working for good and cannot be unlocked (reason: ${reasonText(reason)}).`,
      ],
    };
  },
  send: (deps, id, payload, key) =>
    deps.brex.terminateCard(id, { reason: (payload as { reason: CardChangeReason }).reason }, key),
});

/**
 * What the "Limit" cell of a card without its own limit shows: its spend limit's base limit, or
 * its holder's monthly limit; null when the last syncs do not say.
 */
function borrowedLimit(entry: CardEntry, store: KeyValuePort): string | null {
  if (entry.budgetId) {
    const limit = SyncedValues.read(store).get(entry.budgetId);
    return limit ? plainLimit(limit.amount, limit.currency) : null;
  }
  if (entry.limitType !== 'USER') return '';
  return SyncedRows.read(store, 'users').get(entry.holderId)?.limit ?? null;
}

export const cardLimit: WriteAction = columnAction<'cards', number, Card, Card>({
  ...moneyColumn<'cards'>(),
  id: 'card.limit',
  label: 'Change card limit',
  sheet: CARDS_SHEET,
  set: 'cards',
  header: 'Limit',
  identity: CARD_IDENTITY,
  confirmation: 'none',
  reversible: true,
  read(cell, entry, deps) {
    const typed = moneyColumn<'cards'>().read(cell, entry, deps);
    if (entry.limitType === 'CARD') return typed;
    // A limit borrowed from elsewhere: an edit only when the cell no longer shows it.
    const shows = borrowedLimit(entry, deps.store);
    return shows === null || typed === shows ? entry.limit : typed;
  },
  parse(to, entry, row, deps) {
    if (entry.limitType !== 'CARD') {
      const from = entry.budgetId
        ? 'the spend limit it belongs to (change that spend limit\'s "Base limit")'
        : entry.limitType === 'USER'
          ? `its holder's monthly limit (change "Monthly limit" in the Brex Users sheet)`
          : 'elsewhere in Brex';
      return refused(
        `This card has no limit of its own (limit type ${readable(entry.limitType) || 'not set'}): its limit comes from ${from}. Put the old value back.`,
      );
    }
    return moneyColumn<'cards'>().parse(to, entry, row, deps);
  },
  readCurrent: (brex, ids) => byIds(() => brex.cards(), ids, 'card'),
  current: (card) => {
    const limit = card.spend_controls?.spend_limit;
    return limit ? plainLimit(limit.amount, limit.currency || 'USD') : '';
  },
  closed: terminated,
  send: (deps, id, amount, key) => {
    const entry = SyncedRows.read(deps.store, 'cards').get(id);
    const currency = entry?.currency || 'USD';
    return deps.brex.updateCard(id, { spend_controls: { spend_limit: { amount, currency } } }, key);
  },
  answerId: (card) => card.id,
  settle: (card, entry, timeZone) => {
    const controls = card.spend_controls;
    const currency = controls?.spend_limit.currency || entry.currency || 'USD';
    return {
      entry: {
        ...entry,
        limit: controls ? plainLimit(controls.spend_limit.amount, currency) : entry.limit,
      },
      cells: {
        Limit: toCell('money', controls?.spend_limit, timeZone),
        Available: toCell('money', controls?.spend_available, timeZone),
      },
    };
  },
});

export const CARD_ACTIONS: readonly WriteAction[] = [cardStatus, cardTerminate, cardLimit];

/**
 * After a push changed a limit that cards borrow (a holder's monthly limit, a spend limit's base
 * limit), the "Limit" cells of those cards show the new amount, as the next refresh would. Left
 * stale, the cell would no longer show the borrowed limit and would read as an edit of a limit
 * the card does not have, refused in every later review.
 */
export function followBorrowedLimits(deps: PushDeps, borrows: (entry: CardEntry) => boolean): void {
  const timeZone = deps.table.timeZone();
  const users = SyncedRows.read(deps.store, 'users');
  const limits = SyncedValues.read(deps.store);
  const cells = new Map<string, Record<string, Cell>>();
  for (const entry of SyncedRows.read(deps.store, 'cards').all()) {
    if (entry.limitType === 'CARD' || !borrows(entry)) continue;
    const money = borrowedMoney(entry, users, limits);
    if (money) cells.set(entry.id, { Limit: toCell('money', money, timeZone) });
  }
  writeRowCells(deps.table, CARDS_SHEET, cells);
}

/** What a card without its own limit borrows, by the last syncs and pushes; null when unknown. */
function borrowedMoney(
  entry: CardEntry,
  users: SyncedRows<'users'>,
  limits: SyncedValues,
): Money | null {
  if (entry.budgetId) {
    const limit = limits.get(entry.budgetId);
    return limit ? { amount: limit.amount, currency: limit.currency } : null;
  }
  const holder = entry.limitType === 'USER' ? users.get(entry.holderId) : undefined;
  const currency = holder?.currency || 'USD';
  const parsed = holder?.limit ? parseAmount(holder.limit, currency) : null;
  return parsed?.ok ? { amount: parsed.minorUnits, currency } : null;
}
