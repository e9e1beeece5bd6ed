/**
 * The sandbox's state: Brex objects exactly as the API returns them (types generated from the
 * specs), each wrapped with what the sandbox needs to order, filter and expand it.
 */
import type { components as Budgets } from '../../src/brex/generated/budgets';
import type { components as Expenses } from '../../src/brex/generated/expenses';
import type { components as Payments } from '../../src/brex/generated/payments';
import type { components as Team } from '../../src/brex/generated/team';
import type { components as Transactions } from '../../src/brex/generated/transactions';
import { OrderedList } from './ordered-list';

export type Money = { amount: number; currency: string };
export type Category = Expenses['schemas']['Category'];
export type CardAccount = Transactions['schemas']['CardAccount'];
export type CashAccount = Transactions['schemas']['CashAccount'];
export type CardTransaction = Transactions['schemas']['CardTransaction'];
export type CashTransaction = Transactions['schemas']['CashTransaction'];
export type Statement = Transactions['schemas']['Statement'];
export type Expense = Expenses['schemas']['ExpandableExpense'];
export type User = Team['schemas']['UserResponse'];
export type UserLimit = Team['schemas']['UserLimitResponse'];
export type Department = Team['schemas']['DepartmentResponse'];
export type Location = Team['schemas']['LocationResponse'];
export type Title = Team['schemas']['TitleResponse'];
export type Card = Team['schemas']['Card'];
export type Vendor = Payments['schemas']['VendorResponse'];
export type Transfer = Payments['schemas']['Transfer'];
export type SpendLimit = Budgets['schemas']['SpendLimit'];
export type Budget = Budgets['schemas']['Budget'];

/** One stored object: its API body plus ordering keys (see OrderedList). */
export interface Row<T> {
  readonly sortKey: string;
  readonly seq: number;
  readonly data: T;
}

export interface CardTransactionRow extends Row<CardTransaction> {
  /** Card owner; null for collections and rewards. Used by the `user_ids` filter. */
  readonly userId: string | null;
  /** The expense behind a purchase or refund; returned only with `expand[]=expense_id`. */
  readonly expenseId: string | null;
}

export interface ExpenseRow extends Row<Expense> {
  /** Expandable objects, kept apart so a plain list returns ids only. */
  readonly merchant: NonNullable<Expense['merchant']> | null;
  /** The card that paid, for `expand[]=payment`; null for reimbursements. */
  readonly cardId: string | null;
}

export interface CashAccountState {
  readonly account: CashAccount;
  readonly transactions: OrderedList<Row<CashTransaction>>;
  readonly statements: OrderedList<Row<Statement>>;
}

export interface SandboxState {
  /** The demo company's today (UTC `YYYY-MM-DD`). */
  readonly today: string;
  readonly accountId: string;
  readonly cardAccounts: CardAccount[];
  readonly cashAccounts: CashAccountState[];
  readonly cardTransactions: OrderedList<CardTransactionRow>;
  readonly cardStatements: OrderedList<Row<Statement>>;
  readonly expenses: OrderedList<ExpenseRow>;
  readonly expensesById: Map<string, ExpenseRow>;
  readonly users: OrderedList<Row<User>>;
  readonly userLimits: Map<string, UserLimit>;
  readonly departments: OrderedList<Row<Department>>;
  readonly locations: OrderedList<Row<Location>>;
  readonly titles: OrderedList<Row<Title>>;
  readonly cards: OrderedList<Row<Card>>;
  readonly vendors: OrderedList<Row<Vendor>>;
  readonly transfers: OrderedList<Row<Transfer>>;
  readonly spendLimits: OrderedList<Row<SpendLimit>>;
  readonly budgets: OrderedList<Row<Budget>>;
  /** Next sequence number and id source for objects created after start. */
  nextSeq: number;
}

export function creationOrder<T>(seq: number, data: T): Row<T> {
  return { sortKey: '', seq, data };
}
