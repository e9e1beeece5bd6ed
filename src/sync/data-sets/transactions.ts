/** Card and cash transactions: settled only, read incrementally by posted date. */
import type { CardTransaction, CashTransaction } from '../../brex';
import { defineDataSet, KEY_HEADER, listSource } from '../data-set';
import type { Lookups } from '../lookups';
import { columns } from './columns';

const LOOKBACK_DAYS = 3;

/** The columns card and cash transactions share, in the order both sheets show them. */
const SETTLED_COLUMNS = [
  [KEY_HEADER, 'text'],
  ['Posted date', 'date'],
  ['Initiated date', 'date'],
  ['Description', 'text'],
  ['Amount', 'money'],
  ['Currency', 'text'],
  ['Type', 'text'],
] as const;

export const cardTransactions = defineDataSet<CardTransaction>({
  id: 'card_transactions',
  title: 'Card transactions',
  sheetName: 'Brex Card Transactions',
  columns: columns([
    ...SETTLED_COLUMNS,
    ['Merchant', 'text'],
    ['MCC', 'text'],
    ['Merchant country', 'text'],
    ['Card', 'text'],
    ['Card holder', 'text'],
    ['Department', 'text'],
    ['Spend limit', 'text'],
    ['Card ID', 'text'],
    ['Expense ID', 'text'],
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
    return {
      [KEY_HEADER]: t.id,
      'Posted date': t.posted_at_date,
      'Initiated date': t.initiated_at_date,
      Description: t.description,
      Amount: t.amount,
      Currency: t.amount ? t.amount.currency || 'USD' : '',
      Type: t.type,
      Merchant: t.merchant?.raw_descriptor,
      MCC: t.merchant?.mcc,
      'Merchant country': t.merchant?.country,
      Card: card ? `${card.card_name} •${card.last_four}` : '',
      'Card holder': lookups.userName(holderId),
      Department: lookups.departmentName(lookups.user(holderId)?.department_id),
      'Spend limit': lookups.spendLimitName(card?.budget_id),
      'Card ID': t.card_id,
      'Expense ID': t.expense_id,
    };
  },
});

export function cardHolderId(card: ReturnType<Lookups['card']>): string | undefined {
  return (card?.owner as { user_id?: string } | undefined)?.user_id;
}

type AccountCashTransaction = CashTransaction & { readonly account_id: string };

export const cashTransactions = defineDataSet<AccountCashTransaction>({
  id: 'cash_transactions',
  title: 'Cash transactions',
  sheetName: 'Brex Cash Transactions',
  columns: columns([
    ...SETTLED_COLUMNS,
    ['Account', 'text'],
    ['Account ID', 'text'],
    ['Transfer ID', 'text'],
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
    [KEY_HEADER]: t.id,
    'Posted date': t.posted_at_date,
    'Initiated date': t.initiated_at_date,
    Description: t.description,
    Amount: t.amount,
    Currency: t.amount ? t.amount.currency || 'USD' : '',
    Type: t.type,
    Account: lookups.cashAccountName(t.account_id),
    'Account ID': t.account_id,
    'Transfer ID': t.transfer_id,
  }),
});
