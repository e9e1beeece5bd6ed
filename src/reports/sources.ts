/**
 * The synced sheets the reports read, and the headers they read them by. A test checks every
 * header here against the data sets' column definitions, so a renamed column fails there first.
 */
import { accounts } from '../data-sets/accounts';
import { spendLimits } from '../data-sets/budgets';
import { expenses } from '../data-sets/expenses';
import { cardTransactions } from '../data-sets/transactions';
import { KEY_HEADER } from '../cells/header';

export const CARD_SOURCE = {
  sheetName: cardTransactions.sheetName,
  headers: {
    posted: 'Posted date',
    amount: 'Amount',
    currency: 'Currency',
    type: 'Type',
    merchant: 'Merchant',
    department: 'Department',
    expenseId: 'Expense ID',
  },
} as const;

export const EXPENSE_SOURCE = {
  sheetName: expenses.sheetName,
  headers: {
    id: KEY_HEADER,
    purchased: 'Purchased at',
    category: 'Category',
    amount: 'Billing amount',
    currency: 'Billing currency',
    user: 'User',
    receipts: 'Receipts',
  },
} as const;

export const ACCOUNT_SOURCE = {
  sheetName: accounts.sheetName,
  headers: {
    kind: 'Kind',
    name: 'Name',
    status: 'Status',
    current: 'Current balance',
    available: 'Available balance',
    currency: 'Currency',
    statementStart: 'Statement start',
    statementEnd: 'Statement end',
  },
} as const;

export const LIMIT_SOURCE = {
  sheetName: spendLimits.sheetName,
  headers: {
    name: 'Name',
    status: 'Status',
    period: 'Period',
    limit: 'Base limit',
    spent: 'Spent this period',
    currency: 'Currency',
  },
} as const;

export const REPORT_SOURCES = [CARD_SOURCE, EXPENSE_SOURCE, ACCOUNT_SOURCE, LIMIT_SOURCE];
