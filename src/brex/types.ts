/**
 * The Brex objects the client returns and the request bodies it sends, taken from the generated
 * OpenAPI types. Response types are widened: Brex treats new enum constants as non-breaking, so a
 * field typed `'ACTIVE' | 'EXPIRED'` may carry a value the specs do not list yet, and a caller must
 * handle it. Unknown fields are kept as parsed (the client never strips a response).
 */
import type { components as budgets } from './generated/budgets';
import type { components as expenses } from './generated/expenses';
import type { components as payments } from './generated/payments';
import type { components as team } from './generated/team';
import type { components as transactions } from './generated/transactions';

/** Every string-literal union inside T also accepts any other string. */
export type Widened<T> = T extends string
  ? string extends T
    ? T
    : T | (string & Record<never, never>)
  : T extends readonly (infer U)[]
    ? Widened<U>[]
    : T extends object
      ? { [K in keyof T]: Widened<T[K]> }
      : T;

type Transactions = transactions['schemas'];
type Expenses = expenses['schemas'];
type Budgets = budgets['schemas'];
type Team = team['schemas'];
type Payments = payments['schemas'];

/** Money in minor units (cents for USD), as Brex sends it. */
export type Money = Transactions['Money'];

export type CardAccount = Widened<Transactions['CardAccount']>;
export type CashAccount = Widened<Transactions['CashAccount']>;
export type CardTransaction = Widened<Transactions['CardTransaction']>;
export type CashTransaction = Widened<Transactions['CashTransaction']>;
export type Statement = Widened<Transactions['Statement']>;
export type Expense = Widened<Expenses['ExpandableExpense']>;
export type SpendLimit = Widened<Budgets['SpendLimit']>;
export type Budget = Widened<Budgets['Budget']>;
export type User = Widened<Team['UserResponse']>;
export type UserLimit = Widened<Team['UserLimitResponse']>;
export type Company = Widened<Team['CompanyResponse']>;
export type Department = Widened<Team['DepartmentResponse']>;
export type Location = Widened<Team['LocationResponse']>;
export type Title = Widened<Team['TitleResponse']>;
export type Card = Widened<Team['Card']>;
export type Vendor = Widened<Payments['VendorResponse']>;
export type Transfer = Widened<Payments['Transfer']>;

// Payments and expense writes: what the client sends, and the expense an update returns.
export type CreateVendorRequest = Payments['CreateVendorRequest'];
export type UpdateVendorRequest = Payments['UpdateVendorRequest'];
export type CreateTransferRequest = Payments['CreateTransferRequest'];
export type UpdatedExpense = Widened<Expenses['Expense']>;

export type UpdateSpendLimitRequest = Budgets['UpdateSpendLimitRequest'];
export type CreateSpendLimitRequest = Budgets['CreateSpendLimitRequest'];
export type LockCardRequest = Team['LockCardRequest'];
export type TerminateCardRequest = Team['TerminateCardRequest'];
/** Lock and terminate reasons (the spec's ChangeCardReason). */
export type CardChangeReason = Team['ChangeCardReason'];
export type CreateCardRequest = Team['CreateCardRequest'];
export type UpdateCardRequest = Team['UpdateCardRequest'];
export type SpendControlUpdateRequest = Team['SpendControlUpdateRequest'];
export type CreateUserRequest = Team['CreateUserRequest'];
export type UpdateUserRequest = Team['UpdateUserRequest'];
export type CreateDepartmentRequest = Team['CreateDepartmentRequest'];
export type CreateLocationRequest = Team['CreateLocationRequest'];

export type ExpenseStatus = Expenses['ExpenseStatus'];
export type ExpensePaymentStatus = Expenses['ExpensePaymentStatus'];
export type ExpenseType = Expenses['ExpenseType'];
