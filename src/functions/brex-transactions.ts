/** =BREX_TRANSACTIONS(start_date, [end_date], [account], [columns]): settled transactions. */
import type { ColumnDefinition, FieldValue } from '../cells/columns';
import { cardTransactions, cashTransactions } from '../data-sets/transactions';
import type { ReadContext } from '../data-sets/data-set';
import {
  checkPeriod,
  describe,
  FunctionError,
  readDate,
  readRequiredDate,
  readText,
} from './arguments';
import { pickColumns, readColumns } from './columns-argument';
import { defineFunction, type ComputeContext } from './custom-function';
import { readSources } from './read-pages';
import { toGrid } from './result';

const NAME = 'BREX_TRANSACTIONS';
const KINDS = ['card', 'cash', 'all'] as const;
const ACCOUNT_ACCEPTS = '"card", "cash", "all" or a cash account id';

interface TransactionArgs {
  readonly start: string;
  readonly end: string | null;
  /** "card", "cash", "all", or a cash account id as typed. */
  readonly account: string;
  readonly columns: readonly string[];
}

type Row = Readonly<Record<string, FieldValue>>;

/** Card columns, then the cash-only ones: "all" shows both kinds side by side. */
function columnsFor(account: string): readonly ColumnDefinition[] {
  if (account === 'card') return cardTransactions.columns;
  if (account !== 'all') return cashTransactions.columns;
  const card = new Set(cardTransactions.columns.map((c) => c.header));
  return [
    ...cardTransactions.columns,
    ...cashTransactions.columns.filter((c) => !card.has(c.header)),
  ];
}

export const brexTransactions = defineFunction<TransactionArgs>({
  name: NAME,
  arity: 4,
  syncedSheet: cardTransactions.sheetName,
  parse([start, end, account, columns], { timeZone }) {
    const args = {
      start: readRequiredDate(NAME, 'start_date', start, timeZone),
      end: readDate(NAME, 'end_date', end, timeZone),
    };
    checkPeriod(NAME, args.start, args.end);
    const typed = readText(NAME, 'account', account, ACCOUNT_ACCEPTS) ?? 'card';
    const kind = KINDS.find((k) => k === typed.toLowerCase());
    const chosen = kind ?? typed;
    return {
      ...args,
      account: chosen,
      columns: readColumns(NAME, columns, columnsFor(chosen)).map((c) => c.header),
    };
  },
  compute(args, context) {
    const rows = [
      ...(args.account === 'card' || args.account === 'all' ? cardRows(args, context) : []),
      ...(args.account === 'card' ? [] : cashRows(args, context)),
    ].filter((row) => {
      const posted = String(row['Posted date'] ?? '');
      return posted >= args.start && (args.end === null || posted <= args.end);
    });
    // Brex lists each account newest first; "all" merges them the same way (the sort is stable).
    if (args.account === 'all') {
      rows.sort((a, b) => String(b['Posted date']).localeCompare(String(a['Posted date'])));
    }
    const columns = pickColumns(columnsFor(args.account), args.columns);
    return toGrid(columns, rows, context.timeZone);
  },
});

function readContext(args: TransactionArgs, context: ComputeContext): ReadContext {
  return { ...context, since: `${args.start}T00:00:00`, historyStart: args.start };
}

function tooLarge(args: TransactionArgs, sheets: string) {
  return (count: number) =>
    `${NAME}: More than ${count} transactions from ${args.start}: use the ${sheets} sheet (Extensions ▸ Brex ▸ Refresh now) or a later start date.`;
}

function cardRows(args: TransactionArgs, context: ComputeContext): Row[] {
  const sources = cardTransactions.sources(readContext(args, context));
  const items = readSources(sources, tooLarge(args, cardTransactions.sheetName));
  return items.map((t) => cardTransactions.row(t, context.lookups));
}

function cashRows(args: TransactionArgs, context: ComputeContext): Row[] {
  const { lookups } = context;
  // "all" shows card transactions alone when the company has no Brex Cash.
  const accounts =
    args.account === 'all' ? lookups.all('cashAccounts') : lookups.read('cashAccounts');
  const wanted = KINDS.some((k) => k === args.account) ? null : args.account;
  if (wanted !== null && !accounts.some((a) => a.id === wanted)) {
    const ids = accounts.map((a) => `${a.id} (${a.name})`).join(', ');
    throw new FunctionError(
      `${NAME}: account must be ${ACCOUNT_ACCEPTS}; got ${describe(wanted)}.${ids ? ` Cash accounts: ${ids}.` : ''}`,
    );
  }
  const sources = cashTransactions
    .sources(readContext(args, context))
    .filter((source) => wanted === null || source.key === wanted);
  const items = readSources(sources, tooLarge(args, cashTransactions.sheetName));
  return items.map((t) => cashTransactions.row(t, lookups));
}
