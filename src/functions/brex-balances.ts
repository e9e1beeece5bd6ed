/** =BREX_BALANCES(): a row per card and cash account. =BREX_BALANCE([account], [kind]): one number. */
import { toCell, type FieldValue } from '../cells/columns';
import { accounts } from '../data-sets/accounts';
import { KEY_HEADER } from '../cells/header';
import { describe, FunctionError, readChoice, readText } from './arguments';
import { defineFunction, type ComputeContext } from './custom-function';
import { answeredTooSlowly, readSources } from './read-pages';
import { toGrid } from './result';

type Row = Readonly<Record<string, FieldValue>>;

function accountRows(name: string, context: ComputeContext): Row[] {
  const sources = accounts.sources({ ...context, since: '', historyStart: '' });
  const items = readSources(sources, answeredTooSlowly(name, accounts.sheetName));
  return items.map((a) => accounts.row(a, context.lookups));
}

export const brexBalances = defineFunction<Record<string, never>>({
  name: 'BREX_BALANCES',
  arity: 0,
  parse: () => ({}),
  compute: (_args, context) =>
    toGrid(accounts.columns, accountRows('BREX_BALANCES', context), context.timeZone),
});

const BALANCE = 'BREX_BALANCE';
const KINDS = ['current', 'available'] as const;
const ACCOUNT_ACCEPTS = '"card", "cash" (the primary cash account) or a cash account id';

interface BalanceArgs {
  /** "card", "cash", or a cash account id. */
  readonly account: string;
  readonly kind: (typeof KINDS)[number];
}

export const brexBalance = defineFunction<BalanceArgs>({
  name: BALANCE,
  arity: 2,
  parse([account, kind]) {
    const typed = readText(BALANCE, 'account', account, ACCOUNT_ACCEPTS) ?? 'card';
    const keyword = ['card', 'cash'].find((k) => k === typed.toLowerCase());
    return {
      account: keyword ?? typed,
      kind: readChoice(BALANCE, 'kind', kind, KINDS, 'current'),
    };
  },
  compute(args, context) {
    const rows = accountRows(BALANCE, context);
    const row = rows.find((r) =>
      args.account === 'card'
        ? r.Kind === 'Card'
        : args.account === 'cash'
          ? r.Kind === 'Cash' && r.Primary === 'Yes'
          : r.Kind === 'Cash' && r[KEY_HEADER] === args.account,
    );
    if (!row) {
      const cash = rows.filter((r) => r.Kind === 'Cash').map((r) => `${r[KEY_HEADER]} (${r.Name})`);
      throw new FunctionError(
        args.account === 'card' || args.account === 'cash'
          ? `${BALANCE}: this Brex account has no ${args.account} account. Use account "${args.account === 'card' ? 'cash' : 'card'}".`
          : `${BALANCE}: account must be ${ACCOUNT_ACCEPTS}; got ${describe(args.account)}.${cash.length ? ` Cash accounts: ${cash.join(', ')}.` : ''}`,
      );
    }
    const header = args.kind === 'current' ? 'Current balance' : 'Available balance';
    const value = toCell('money', row[header], context.timeZone).value;
    if (typeof value !== 'number') {
      throw new FunctionError(
        `${BALANCE}: Brex sent no ${args.kind} balance for this account. Use kind "${args.kind === 'current' ? 'available' : 'current'}".`,
      );
    }
    return value;
  },
});
