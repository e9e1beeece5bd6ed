/** Card and cash transactions: settled only, read incrementally by posted date. */
import type { CardTransaction, CashTransaction } from '../brex';
import { defineIncremental, listSource } from './data-set';
import { KEY_HEADER } from '../cells/header';
import type { Lookups } from './lookups';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';
import { expenses } from './expenses';

/** What a card transaction shows of its expense, from the Brex Expenses sheet (read first). */
const EXPENSE_LABELS = ['Category', 'Spend limit'];

const LOOKBACK_DAYS = 3;

/** The columns card and cash transactions both begin with: when, what, how much. */
const SETTLED_COLUMNS = [
  ['Posted date', 'date'],
  ['Description', 'text', { width: 240 }],
  ['Amount', 'money'],
  ['Currency', 'text', { width: 70 }],
] as const;

/** The fields behind SETTLED_COLUMNS, plus the id, type and initiated date both kinds share. */
function settledFields(t: CardTransaction | CashTransaction) {
  return {
    [KEY_HEADER]: t.id,
    'Posted date': t.posted_at_date,
    'Initiated date': t.initiated_at_date,
    Description: t.description,
    Amount: t.amount,
    Currency: t.amount ? t.amount.currency || 'USD' : '',
    Type: readable(t.type),
  };
}

export const cardTransactions = defineIncremental<CardTransaction>({
  id: 'card_transactions',
  title: 'Card transactions',
  sheetName: 'Brex Card Transactions',
  columns: columns([
    ...SETTLED_COLUMNS,
    ['Card holder', 'text'],
    ['Category', 'text', { width: 210 }],
    ['Spend limit', 'text'],
    ['Department', 'text'],
    ['Card', 'text', { width: 190 }],
    ['Type', 'text', { width: 90 }],
    ['Merchant', 'text', { width: 200 }],
    ['MCC', 'text', { width: 60 }],
    ['Merchant country', 'text', { width: 80 }],
    ['Initiated date', 'date'],
    ['Card ID', 'text', { width: 200 }],
    ['Expense ID', 'text', { width: 200 }],
    KEY_COLUMN,
  ]),
  incremental: { cursorValue: (t) => t.posted_at_date, lookbackDays: LOOKBACK_DAYS },
  sources: ({ reader, since }) => [
    listSource('card', (cursor) =>
      reader.page('cardTransactions', { postedAtStart: since, expand: ['expense_id'] }, cursor),
    ),
  ],
  idOf: (t) => t.id,
  row: (t, lookups) => {
    const card = lookups.card(t.card_id);
    const holderId = cardHolderId(card);
    // The category and spend limit are the expense's: a card carries a spend limit only when
    // the whole card is tied to one.
    const expense = lookups.joined(expenses.sheetName, EXPENSE_LABELS, t.expense_id);
    return {
      ...settledFields(t),
      Category: String(expense?.Category ?? ''),
      Merchant: t.merchant?.raw_descriptor,
      MCC: t.merchant?.mcc,
      'Merchant country': t.merchant?.country,
      Card: card ? `${card.card_name} •${card.last_four}` : '',
      'Card holder': lookups.userName(holderId),
      Department: lookups.departmentName(lookups.user(holderId)?.department_id),
      'Spend limit': String(expense?.['Spend limit'] || lookups.spendLimitName(card?.budget_id)),
      'Card ID': t.card_id,
      'Expense ID': t.expense_id,
    };
  },
});

export function cardHolderId(card: ReturnType<Lookups['card']>): string | undefined {
  return (card?.owner as { user_id?: string } | undefined)?.user_id;
}

type AccountCashTransaction = CashTransaction & { readonly account_id: string };

export const cashTransactions = defineIncremental<AccountCashTransaction>({
  id: 'cash_transactions',
  title: 'Cash transactions',
  sheetName: 'Brex Cash Transactions',
  columns: columns([
    ...SETTLED_COLUMNS,
    ['Type', 'text', { width: 170 }],
    ['Account', 'text'],
    ['Initiated date', 'date'],
    ['Account ID', 'text', { width: 200 }],
    ['Transfer ID', 'text', { width: 200 }],
    KEY_COLUMN,
  ]),
  incremental: { cursorValue: (t) => t.posted_at_date, lookbackDays: LOOKBACK_DAYS },
  // Every cash account's transactions; reading the accounts is what tells whether Brex Cash is on.
  sources: ({ reader, lookups, since }) =>
    lookups.read('cashAccounts').map((account) =>
      listSource(account.id, (cursor) => {
        const page = reader.page(
          'cashTransactions',
          { accountId: account.id, postedAtStart: since },
          cursor,
        );
        return { ...page, items: page.items.map((t) => ({ ...t, account_id: account.id })) };
      }),
    ),
  idOf: (t) => t.id,
  row: (t, lookups) => ({
    ...settledFields(t),
    Account: lookups.cashAccountName(t.account_id),
    'Account ID': t.account_id,
    'Transfer ID': t.transfer_id,
  }),
});
