/**
 * The Payments and Expenses writes, as data (see operations.ts): vendors created, updated and
 * deleted, vendor payments (transfers) created, and a card expense's memo set. Kept apart from the
 * operation table's other entries, which it joins, so that each area's writes read as one block.
 */
import { op } from './operation';

export const paymentOperations = {
  createVendor: op({
    id: 'createVendor',
    method: 'post',
    path: '/v1/vendors',
    scope: 'vendors',
    subject: 'vendor',
    feature: 'cash',
  }),
  updateVendor: op({
    id: 'updateVendor',
    method: 'put',
    path: '/v1/vendors/{id}',
    scope: 'vendors',
    subject: 'vendor',
    feature: 'cash',
  }),
  /** Brex's spec declares no body for the 200. Idempotency keys have no effect on a DELETE. */
  deleteVendor: op({
    id: 'deleteVendor',
    method: 'delete',
    path: '/v1/vendors/{id}',
    scope: 'vendors',
    subject: 'vendor',
    feature: 'cash',
    ignoresBody: true,
  }),
  createTransfer: op({
    id: 'createTransfer',
    method: 'post',
    path: '/v1/transfers',
    scope: 'transfers',
    subject: 'vendor payment',
    feature: 'cash',
  }),
  updateExpenseMemo: op({
    id: 'updateExpense',
    method: 'put',
    path: '/v1/expenses/card/{id}',
    scope: 'expenses.card',
    subject: 'expense memo',
  }),
} as const;
