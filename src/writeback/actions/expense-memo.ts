/**
 * "Memo" on "Brex Expenses": an edited memo becomes `PUT /v1/expenses/card/{id}` with the memo
 * alone (a blank cell clears it). Only card expenses take one: Brex has no memo write for a
 * reimbursement or a bill. The conflict check reads the expense again and compares Brex's memo with
 * the last-synced one; the inverse stages the audited old memo.
 *
 * Expenses are read incrementally, so their last-synced entries are recorded page by page
 * (`expenseHooks.afterPage`), and a page that brings back an expense with a pending memo keeps the
 * cell as typed. The newest MAX_TRACKED expenses are tracked, which bounds what document properties
 * hold; an older expense's memo is not seen as an edit until a refresh reads it again.
 */
import type { Expense, UpdatedExpense } from '../../brex';
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import type { RefreshHooks } from '../../data-sets/data-set';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import type { WriteAction } from '../action';
import { identityOf } from '../row-identity';
import { columnAction } from './column-action';
import { SyncedRows, type SyncedRow } from './synced-rows';

export const EXPENSES_SHEET = 'Brex Expenses';
const MEMO_HEADER = 'Memo';
/** The merchant tells one expense's row from another's once a column is sorted on its own. */
const EXPENSE_IDENTITY = ['Merchant'];
const MAX_TRACKED = 1000;

type ExpenseEntry = SyncedRow<'expenses'>;

/** Pure: an expense as its row was written. */
export function expenseEntry(expense: Expense): ExpenseEntry {
  const merchant = expense.merchant?.raw_descriptor ?? '';
  return {
    id: expense.id,
    memo: expense.memo ?? '',
    type: expense.expense_type ?? '',
    name: merchant || expense.id,
    identity: identityOf([merchant]),
  };
}

export const expenseMemo: WriteAction = columnAction<'expenses', string, Expense, UpdatedExpense>({
  id: 'expense.memo',
  label: 'Change expense memo',
  sheet: EXPENSES_SHEET,
  set: 'expenses',
  header: MEMO_HEADER,
  identity: EXPENSE_IDENTITY,
  confirmation: 'none',
  reversible: true,
  synced: (entry) => entry.memo,
  // Memos are text as typed; only the surrounding blanks a paste brings are dropped.
  read: (cell: CellValue) => headerText(cell),
  shown: (value) => value,
  cell: (value) => toCell('text', value, 'Etc/UTC'),
  parse(to, entry) {
    if (entry.type !== 'CARD') {
      return {
        to: null,
        payload: null,
        problem: `Only a card expense's memo can be set from the sheet; this one is a ${entry.type.toLowerCase() || 'non-card'} expense. Put back its memo, and change it in Brex.`,
      };
    }
    return { to, payload: to, problem: null };
  },
  readCurrent(brex, ids) {
    const found = new Map<string, Expense | Error>();
    try {
      brex.expenses(ids).forEach((expense, i) => {
        const id = ids[i] as string;
        found.set(
          id,
          expense ??
            new Error(
              `Brex no longer has expense ${id}. Nothing was sent. Refresh, then edit again.`,
            ),
        );
      });
    } catch (error) {
      for (const id of ids)
        found.set(id, error instanceof Error ? error : new Error(String(error)));
    }
    return found;
  },
  current: (expense) => expense.memo ?? '',
  send: (deps, id, memo, key) => deps.brex.updateExpenseMemo(id, memo === '' ? null : memo, key),
  answerId: (answer) => answer.id,
  settle(answer, entry) {
    const memo = answer.memo ?? '';
    return { entry: { ...entry, memo }, cells: { [MEMO_HEADER]: toCell('text', memo, 'Etc/UTC') } };
  },
});

/** What the memo adds to a refresh of the expenses. */
export const expenseHooks: RefreshHooks = {
  expenses: {
    keepCells: (_items, sheet, store) => pendingMemos(sheet, store),
    afterPage: (items, store) => track(store, (items as readonly Expense[]).map(expenseEntry)),
  },
};

function pendingMemos(
  sheet: readonly (readonly CellValue[])[],
  store: KeyValuePort,
): Map<string, string[]> {
  const kept = new Map<string, string[]>();
  for (const change of expenseMemo.find({ store, now: () => new Date() }, { grid: sheet }, [])) {
    kept.set(change.targetId, [MEMO_HEADER]);
  }
  return kept;
}

/** Adds a page's expenses as the newest entries, dropping the oldest beyond MAX_TRACKED. */
function track(store: KeyValuePort, entries: readonly ExpenseEntry[]): void {
  if (entries.length === 0) return;
  const fresh = new Set(entries.map((entry) => entry.id));
  const kept = SyncedRows.read(store, 'expenses')
    .all()
    .filter((entry) => !fresh.has(entry.id));
  SyncedRows.record(store, 'expenses', [...kept, ...entries].slice(-MAX_TRACKED));
}
