/** The expense, vendor and payment reads and writes a push makes, over one user's Brex client. */
import type { Expense, UpdatedExpense, WriteResult } from '../../brex';

export interface PaymentWrites {
  /** Each expense as Brex has it now, in the order asked; null where Brex has none. */
  expenses(ids: readonly string[]): (Expense | null)[];
  updateExpenseMemo(
    id: string,
    memo: string | null,
    idempotencyKey: string,
  ): WriteResult<UpdatedExpense>;
}
