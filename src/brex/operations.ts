/**
 * The Brex operations the client calls, as data: method, path, the scope each one needs (from the
 * specs' `security`; the budgets v2 pages name none, so the v1 `budgets` scopes stand in), the
 * account feature that gates it, and the page size of list operations. One table for every
 * operation, so that a scope or a path is checked against the specs in one place.
 */
import type { HttpMethod } from './http-port';

/** A Brex feature an account may not have; Brex answers 401 (cash) or 403 (budgets) without it. */
export type Feature = 'cash' | 'budgets';

export interface Operation {
  /** Brex's operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template; `{id}` is replaced by the (encoded) path parameter. */
  readonly path: string;
  /** The least scope that allows the call. */
  readonly scope: string;
  /** What the call reads or changes, for messages: "card transactions", "spend limit". */
  readonly subject: string;
  readonly feature?: Feature;
  /** Items per page (the endpoint's maximum); absent when the endpoint takes no `limit`. */
  readonly pageLimit?: number;
  /** The success body carries nothing the client returns (archive answers 200, maybe empty). */
  readonly ignoresBody?: boolean;
}

const MAX_PAGE = 1000;
/**
 * Brex's changelog (developer.brex.com/changelog, February 2026) cut the largest page of
 * `/v1/expenses` from 1000, which the 2025-03 spec still says, to 100.
 */
const MAX_EXPENSE_PAGE = 100;

function op(operation: Operation): Operation {
  return operation;
}

export const operations = {
  listCardAccounts: op({
    id: 'listCardAccounts',
    method: 'get',
    path: '/v2/accounts/card',
    scope: 'accounts.card.readonly',
    subject: 'card accounts',
  }),
  listCashAccounts: op({
    id: 'listAccounts',
    method: 'get',
    path: '/v2/accounts/cash',
    scope: 'accounts.cash.readonly',
    subject: 'cash accounts',
    feature: 'cash',
  }),
  getPrimaryCashAccount: op({
    id: 'getPrimaryAccount',
    method: 'get',
    path: '/v2/accounts/cash/primary',
    scope: 'accounts.cash.readonly',
    subject: 'primary cash account',
    feature: 'cash',
  }),
  getCashAccount: op({
    id: 'getAccount',
    method: 'get',
    path: '/v2/accounts/cash/{id}',
    scope: 'accounts.cash.readonly',
    subject: 'cash account',
    feature: 'cash',
  }),
  listCardTransactions: op({
    id: 'listPrimaryCardTransactions',
    method: 'get',
    path: '/v2/transactions/card/primary',
    scope: 'transactions.card.readonly',
    subject: 'card transactions',
    pageLimit: MAX_PAGE,
  }),
  listCashTransactions: op({
    id: 'listCashTransactions',
    method: 'get',
    path: '/v2/transactions/cash/{id}',
    scope: 'transactions.cash.readonly',
    subject: 'cash transactions',
    feature: 'cash',
    pageLimit: MAX_PAGE,
  }),
  listCardStatements: op({
    id: 'listPrimaryCardStatements',
    method: 'get',
    path: '/v2/accounts/card/primary/statements',
    scope: 'statements.card.readonly',
    subject: 'card statements',
    pageLimit: MAX_PAGE,
  }),
  listCashStatements: op({
    id: 'listCashStatements',
    method: 'get',
    path: '/v2/accounts/cash/{id}/statements',
    scope: 'statements.cash.readonly',
    subject: 'cash statements',
    feature: 'cash',
    pageLimit: MAX_PAGE,
  }),
  listExpenses: op({
    id: 'listExpenses',
    method: 'get',
    path: '/v1/expenses',
    scope: 'expenses.card.readonly',
    subject: 'expenses',
    pageLimit: MAX_EXPENSE_PAGE,
  }),
  getExpense: op({
    id: 'getExpense',
    method: 'get',
    path: '/v1/expenses/{id}',
    scope: 'expenses.card.readonly',
    subject: 'expense',
  }),
  listSpendLimits: op({
    id: 'listSpendLimits',
    method: 'get',
    path: '/v2/spend_limits',
    scope: 'budgets.readonly',
    subject: 'spend limits',
    feature: 'budgets',
    pageLimit: MAX_PAGE,
  }),
  getSpendLimit: op({
    id: 'getSpendLimitById',
    method: 'get',
    path: '/v2/spend_limits/{id}',
    scope: 'budgets.readonly',
    subject: 'spend limit',
    feature: 'budgets',
  }),
  updateSpendLimit: op({
    id: 'updateSpendLimit',
    method: 'put',
    path: '/v2/spend_limits/{id}',
    scope: 'budgets',
    subject: 'spend limit',
    feature: 'budgets',
  }),
  createSpendLimit: op({
    id: 'createSpendLimit',
    method: 'post',
    path: '/v2/spend_limits',
    scope: 'budgets',
    subject: 'spend limit',
    feature: 'budgets',
  }),
  archiveSpendLimit: op({
    id: 'archiveSpendLimit',
    method: 'post',
    path: '/v2/spend_limits/{id}/archive',
    scope: 'budgets',
    subject: 'spend limit',
    feature: 'budgets',
    ignoresBody: true,
  }),
  listBudgets: op({
    id: 'listSpendBudgets',
    method: 'get',
    path: '/v2/budgets',
    scope: 'budgets.readonly',
    subject: 'budgets',
    feature: 'budgets',
    pageLimit: MAX_PAGE,
  }),
  getBudget: op({
    id: 'getSpendBudgetById',
    method: 'get',
    path: '/v2/budgets/{id}',
    scope: 'budgets.readonly',
    subject: 'budget',
    feature: 'budgets',
  }),
  listUsers: op({
    id: 'listUsers',
    method: 'get',
    path: '/v2/users',
    scope: 'users.readonly',
    subject: 'users',
    pageLimit: MAX_PAGE,
  }),
  getMe: op({
    id: 'getMe',
    method: 'get',
    path: '/v2/users/me',
    scope: 'users.readonly',
    subject: 'current user',
  }),
  getUser: op({
    id: 'getUserById',
    method: 'get',
    path: '/v2/users/{id}',
    scope: 'users.readonly',
    subject: 'user',
  }),
  inviteUser: op({
    id: 'createUser',
    method: 'post',
    path: '/v2/users',
    scope: 'users',
    subject: 'user',
  }),
  updateUser: op({
    id: 'updateUser',
    method: 'put',
    path: '/v2/users/{id}',
    scope: 'users',
    subject: 'user',
  }),
  getCompany: op({
    id: 'getCompany',
    method: 'get',
    path: '/v2/company',
    scope: 'companies.readonly',
    subject: 'company',
  }),
  getUserLimit: op({
    id: 'getUserLimit',
    method: 'get',
    path: '/v2/users/{id}/limit',
    scope: 'users.readonly',
    subject: 'user monthly limit',
  }),
  setUserLimit: op({
    id: 'setUserLimit',
    method: 'post',
    path: '/v2/users/{id}/limit',
    scope: 'users',
    subject: 'user monthly limit',
  }),
  listDepartments: op({
    id: 'listDepartments',
    method: 'get',
    path: '/v2/departments',
    scope: 'departments.readonly',
    subject: 'departments',
    pageLimit: MAX_PAGE,
  }),
  getDepartment: op({
    id: 'getDepartmentById',
    method: 'get',
    path: '/v2/departments/{id}',
    scope: 'departments.readonly',
    subject: 'department',
  }),
  createDepartment: op({
    id: 'createDepartment',
    method: 'post',
    path: '/v2/departments',
    scope: 'departments',
    subject: 'department',
  }),
  listLocations: op({
    id: 'listLocations',
    method: 'get',
    path: '/v2/locations',
    scope: 'locations.readonly',
    subject: 'locations',
    pageLimit: MAX_PAGE,
  }),
  getLocation: op({
    id: 'getLocationById',
    method: 'get',
    path: '/v2/locations/{id}',
    scope: 'locations.readonly',
    subject: 'location',
  }),
  createLocation: op({
    id: 'createLocation',
    method: 'post',
    path: '/v2/locations',
    scope: 'locations',
    subject: 'location',
  }),
  listTitles: op({
    id: 'listTitles',
    method: 'get',
    path: '/v2/titles',
    scope: 'titles.readonly',
    subject: 'titles',
    pageLimit: MAX_PAGE,
  }),
  getTitle: op({
    id: 'getTitleById',
    method: 'get',
    path: '/v2/titles/{id}',
    scope: 'titles.readonly',
    subject: 'title',
  }),
  listCards: op({
    id: 'listCardsByUserId',
    method: 'get',
    path: '/v2/cards',
    scope: 'cards.readonly',
    subject: 'cards',
    pageLimit: MAX_PAGE,
  }),
  getCard: op({
    id: 'getCardById',
    method: 'get',
    path: '/v2/cards/{id}',
    scope: 'cards.readonly',
    subject: 'card',
  }),
  createCard: op({
    id: 'createCard',
    method: 'post',
    path: '/v2/cards',
    scope: 'cards',
    subject: 'card',
  }),
  updateCard: op({
    id: 'updateCard',
    method: 'put',
    path: '/v2/cards/{id}',
    scope: 'cards',
    subject: 'card',
  }),
  lockCard: op({
    id: 'lockCard',
    method: 'post',
    path: '/v2/cards/{id}/lock',
    scope: 'cards',
    subject: 'card',
  }),
  unlockCard: op({
    id: 'unlockCard',
    method: 'post',
    path: '/v2/cards/{id}/unlock',
    scope: 'cards',
    subject: 'card',
  }),
  terminateCard: op({
    id: 'terminateCard',
    method: 'post',
    path: '/v2/cards/{id}/terminate',
    scope: 'cards',
    subject: 'card',
  }),
  listVendors: op({
    id: 'listVendors',
    method: 'get',
    path: '/v1/vendors',
    scope: 'vendors.readonly',
    subject: 'vendors',
    feature: 'cash',
    pageLimit: MAX_PAGE,
  }),
  getVendor: op({
    id: 'getVendorById',
    method: 'get',
    path: '/v1/vendors/{id}',
    scope: 'vendors.readonly',
    subject: 'vendor',
    feature: 'cash',
  }),
  listTransfers: op({
    id: 'listTransfers',
    method: 'get',
    path: '/v1/transfers',
    scope: 'transfers.readonly',
    subject: 'transfers',
    feature: 'cash',
    pageLimit: MAX_PAGE,
  }),
  getTransfer: op({
    id: 'getTransfersById',
    method: 'get',
    path: '/v1/transfers/{id}',
    scope: 'transfers.readonly',
    subject: 'transfer',
    feature: 'cash',
  }),
} as const;

export type OperationName = keyof typeof operations;
