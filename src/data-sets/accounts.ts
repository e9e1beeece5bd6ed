/** Card and cash accounts with their balances, and their statements. */
import type { Money, Statement } from '../brex';
import { defineWhole, listSource, singlePageSource, type Source } from './data-set';
import { KEY_HEADER } from '../cells/header';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';

interface AccountRow {
  readonly id: string;
  readonly kind: 'Card' | 'Cash';
  readonly name: string;
  readonly status: string;
  readonly current?: Money | null;
  readonly available?: Money | null;
  readonly limit?: Money | null;
  readonly statementStart?: string;
  readonly statementEnd?: string;
  readonly primary?: boolean;
}

export const accounts = defineWhole<AccountRow>({
  id: 'accounts',
  title: 'Accounts and balances',
  sheetName: 'Brex Accounts',
  columns: columns([
    ['Name', 'text', { width: 180 }],
    ['Kind', 'text', { width: 60 }],
    ['Current balance', 'money', { width: 130 }],
    ['Available balance', 'money', { width: 130 }],
    ['Limit', 'money', { width: 130 }],
    ['Currency', 'text', { width: 70 }],
    ['Status', 'text', { width: 80 }],
    ['Statement start', 'date', { width: 110 }],
    ['Statement end', 'date', { width: 110 }],
    ['Primary', 'text', { width: 70 }],
    KEY_COLUMN,
  ]),
  sources: ({ reader, lookups }) => [
    singlePageSource('card', () =>
      reader.cardAccounts().map((a): AccountRow => ({
        id: a.id,
        kind: 'Card',
        name: 'Card account',
        status: String(a.status ?? ''),
        current: a.current_balance,
        available: a.available_balance,
        limit: a.account_limit,
        statementStart: a.current_statement_period.start_date,
        statementEnd: a.current_statement_period.end_date,
      })),
    ),
    // Without Brex Cash the list is empty: the card accounts still show.
    singlePageSource('cash', () =>
      lookups.all('cashAccounts').map((a): AccountRow => ({
        id: a.id,
        kind: 'Cash',
        name: a.name,
        status: String(a.status ?? ''),
        current: a.current_balance,
        available: a.available_balance,
        primary: a.primary,
      })),
    ),
  ],
  firstReads: [{ list: 'cardAccounts' }, { list: 'cashAccounts', query: {} }],
  idOf: (a) => a.id,
  row: (a) => ({
    [KEY_HEADER]: a.id,
    Kind: a.kind,
    Name: a.name,
    Status: readable(a.status),
    'Current balance': a.current,
    'Available balance': a.available,
    Limit: a.limit,
    Currency: (a.current ?? a.available ?? a.limit)?.currency || 'USD',
    'Statement start': a.statementStart,
    'Statement end': a.statementEnd,
    Primary: a.primary === undefined ? '' : a.primary ? 'Yes' : 'No',
  }),
});

type AccountStatement = Statement & { readonly kind: 'Card' | 'Cash'; readonly account_id: string };

export const statements = defineWhole<AccountStatement>({
  id: 'statements',
  title: 'Statements',
  sheetName: 'Brex Statements',
  columns: columns([
    ['Account', 'text', { width: 180 }],
    ['Period start', 'date'],
    ['Period end', 'date'],
    ['Start balance', 'money', { width: 130 }],
    ['End balance', 'money', { width: 130 }],
    ['Currency', 'text', { width: 70 }],
    ['Kind', 'text', { width: 60 }],
    ['Account ID', 'text', { width: 200 }],
    KEY_COLUMN,
  ]),
  sources: ({ reader, lookups }) => {
    const card: Source<AccountStatement> = listSource('card', (cursor) => {
      const page = reader.page('cardStatements', {}, cursor);
      return { ...page, items: page.items.map((s) => ({ ...s, kind: 'Card', account_id: '' })) };
    });
    const cash = lookups.all('cashAccounts').map((account) =>
      listSource<AccountStatement>(account.id, (cursor) => {
        const page = reader.page('cashStatements', { accountId: account.id }, cursor);
        return {
          ...page,
          items: page.items.map((s) => ({ ...s, kind: 'Cash', account_id: account.id })),
        };
      }),
    );
    return [card, ...cash];
  },
  idOf: (s) => s.id,
  row: (s, lookups) => ({
    [KEY_HEADER]: s.id,
    Kind: s.kind,
    Account: s.kind === 'Card' ? 'Card account' : lookups.cashAccountName(s.account_id),
    'Period start': s.period.start_date,
    'Period end': s.period.end_date,
    'Start balance': s.start_balance,
    'End balance': s.end_balance,
    Currency: (s.end_balance ?? s.start_balance)?.currency || 'USD',
    'Account ID': s.account_id,
  }),
});
