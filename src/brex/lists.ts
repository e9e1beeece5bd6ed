/**
 * The paged lists the client reads, each with its filters in TypeScript names and how they map
 * to Brex's query parameters. `ListName` picks one; `Lists[name]` gives its query and item types.
 */
import { operations, type Operation } from './operations';
import { dateTime, repeated, single, type DateInput, type QueryParams } from './query-string';
import type {
  Budget,
  Card,
  CardTransaction,
  CashAccount,
  CashTransaction,
  Department,
  Expense,
  ExpensePaymentStatus,
  ExpenseStatus,
  ExpenseType,
  Location,
  SpendLimit,
  Statement,
  Title,
  Transfer,
  User,
  Vendor,
} from './types';

type NoFilters = Record<string, never>;

export interface Lists {
  cardTransactions: {
    query: { postedAtStart?: DateInput; userIds?: string[]; expand?: string[] };
    item: CardTransaction;
  };
  cashTransactions: {
    query: { accountId: string; postedAtStart?: DateInput };
    item: CashTransaction;
  };
  cashAccounts: { query: NoFilters; item: CashAccount };
  cardStatements: { query: NoFilters; item: Statement };
  cashStatements: { query: { accountId: string }; item: Statement };
  expenses: {
    query: {
      expand?: string[];
      userIds?: string[];
      budgetIds?: string[];
      expenseTypes?: ExpenseType[];
      statuses?: ExpenseStatus[];
      paymentStatuses?: ExpensePaymentStatus[];
      purchasedAtStart?: DateInput;
      purchasedAtEnd?: DateInput;
      updatedAtStart?: DateInput;
      updatedAtEnd?: DateInput;
      loadCustomFields?: boolean;
    };
    item: Expense;
  };
  spendLimits: { query: { memberUserIds?: string[] }; item: SpendLimit };
  budgets: { query: NoFilters; item: Budget };
  users: { query: { email?: string; expand?: string[] }; item: User };
  departments: { query: { name?: string }; item: Department };
  locations: { query: { name?: string }; item: Location };
  titles: { query: { name?: string }; item: Title };
  cards: { query: { userId?: string }; item: Card };
  vendors: { query: { name?: string }; item: Vendor };
  transfers: { query: NoFilters; item: Transfer };
}

export type ListName = keyof Lists;
export type ListQuery<K extends ListName> = Lists[K]['query'];
export type ListItem<K extends ListName> = Lists[K]['item'];

interface ListDefinition<Q> {
  readonly operation: Operation;
  readonly pathId?: (query: Q) => string;
  readonly params?: (query: Q, operation: string) => QueryParams;
}

type Definitions = { readonly [K in ListName]: ListDefinition<ListQuery<K>> };

export const lists: Definitions = {
  cardTransactions: {
    operation: operations.listCardTransactions,
    params: (q, op) => [
      ...dateTime('posted_at_start', q.postedAtStart, op),
      ...repeated('user_ids', q.userIds),
      ...repeated('expand[]', q.expand),
    ],
  },
  cashTransactions: {
    operation: operations.listCashTransactions,
    pathId: (q) => q.accountId,
    params: (q, op) => dateTime('posted_at_start', q.postedAtStart, op),
  },
  cashAccounts: { operation: operations.listCashAccounts },
  cardStatements: { operation: operations.listCardStatements },
  cashStatements: { operation: operations.listCashStatements, pathId: (q) => q.accountId },
  expenses: {
    operation: operations.listExpenses,
    params: (q, op) => [
      ...repeated('expand[]', q.expand),
      ...repeated('user_id[]', q.userIds),
      ...repeated('budget_id[]', q.budgetIds),
      ...repeated('expense_type[]', q.expenseTypes),
      ...repeated('status[]', q.statuses),
      ...repeated('payment_status[]', q.paymentStatuses),
      ...dateTime('purchased_at_start', q.purchasedAtStart, op),
      ...dateTime('purchased_at_end', q.purchasedAtEnd, op),
      ...dateTime('updated_at_start', q.updatedAtStart, op),
      ...dateTime('updated_at_end', q.updatedAtEnd, op),
      ...single('load_custom_fields', q.loadCustomFields),
    ],
  },
  spendLimits: {
    operation: operations.listSpendLimits,
    params: (q) => repeated('member_user_id[]', q.memberUserIds),
  },
  budgets: { operation: operations.listBudgets },
  users: {
    operation: operations.listUsers,
    params: (q) => [...single('email', q.email), ...repeated('expand[]', q.expand)],
  },
  departments: { operation: operations.listDepartments, params: (q) => single('name', q.name) },
  locations: { operation: operations.listLocations, params: (q) => single('name', q.name) },
  titles: { operation: operations.listTitles, params: (q) => single('name', q.name) },
  cards: { operation: operations.listCards, params: (q) => single('user_id', q.userId) },
  vendors: { operation: operations.listVendors, params: (q) => single('name', q.name) },
  transfers: { operation: operations.listTransfers },
};
