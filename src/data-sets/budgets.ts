/** Spend limits (v2) and budgets (v2), read whole. */
import type { Budget, SpendLimit } from '../brex';
import { defineWhole, listSource, singlePageSource } from './data-set';
import { KEY_HEADER } from '../cells/header';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';

export const spendLimits = defineWhole<SpendLimit>({
  id: 'spend_limits',
  title: 'Spend limits',
  sheetName: 'Brex Spend Limits',
  columns: columns([
    ['Name', 'text', { width: 200 }],
    ['Period', 'text', { width: 100 }],
    ['Base limit', 'money'],
    ['Spent this period', 'money', { width: 120 }],
    ['Remaining', 'money'],
    ['Currency', 'text', { width: 70 }],
    ['Status', 'text', { width: 80 }],
    ['Members', 'text', { width: 200 }],
    ['Owners', 'text'],
    ['Department', 'text'],
    ['Start date', 'date'],
    ['End date', 'date'],
    ['Description', 'text', { width: 200 }],
    KEY_COLUMN,
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('spendLimits'))],
  firstReads: [{ list: 'spendLimits', query: {} }],
  idOf: (s) => s.id,
  row: (s, lookups) => {
    const base = s.authorization_settings?.base_limit;
    const spent = s.current_period_balance?.amount_spent;
    const currency = base?.currency || spent?.currency || 'USD';
    const remaining =
      base && (spent?.currency || currency) === currency
        ? { amount: base.amount - (spent?.amount ?? 0), currency }
        : null;
    return {
      [KEY_HEADER]: s.id,
      Name: s.name,
      Status: readable(s.status),
      Period: readable(s.period_recurrence_type),
      'Base limit': base,
      'Spent this period': spent ?? (base ? { amount: 0, currency } : null),
      Remaining: remaining,
      Currency: currency,
      Members: lookups.userNames(s.member_user_ids),
      Owners: lookups.userNames(s.owner_user_ids),
      Department: lookups.departmentName(s.department_id),
      'Start date': s.start_date,
      'End date': s.end_date,
      Description: s.description,
    };
  },
  // The write-back's cells to keep and last-synced values come from the composition root
  // (src/apps-script/refresh-hooks.ts), so this definition imports nothing from it.
});

export const budgets = defineWhole<Budget>({
  id: 'budgets',
  title: 'Budgets',
  sheetName: 'Brex Budgets',
  columns: columns([
    ['Name', 'text', { width: 200 }],
    ['Period', 'text', { width: 100 }],
    ['Amount', 'money'],
    ['Currency', 'text', { width: 70 }],
    ['Limit type', 'text', { width: 80 }],
    ['Status', 'text', { width: 80 }],
    ['Owners', 'text'],
    ['Start date', 'date'],
    ['End date', 'date'],
    ['Description', 'text', { width: 200 }],
    ['Parent budget ID', 'text', { width: 200 }],
    KEY_COLUMN,
  ]),
  sources: ({ reader }) => [listSource('all', (cursor) => reader.page('budgets', {}, cursor))],
  firstReads: [{ list: 'budgets', query: {} }],
  idOf: (b) => b.budget_id,
  row: (b, lookups) => ({
    [KEY_HEADER]: b.budget_id,
    Name: b.name,
    Status: readable(b.spend_budget_status),
    Period: readable(b.period_recurrence_type),
    Amount: b.amount,
    Currency: b.amount ? b.amount.currency || 'USD' : '',
    'Limit type': readable(b.limit_type),
    Owners: lookups.userNames(b.owner_user_ids),
    'Parent budget ID': b.parent_budget_id,
    'Start date': b.start_date,
    'End date': b.end_date,
    Description: b.description,
  }),
});
