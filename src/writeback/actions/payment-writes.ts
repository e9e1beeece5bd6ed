/** The expense, vendor and payment reads and writes a push makes, over one user's Brex client. */
import type {
  CreateVendorRequest,
  Expense,
  UpdatedExpense,
  UpdateVendorRequest,
  Vendor,
  WriteResult,
} from '../../brex';

export interface PaymentWrites {
  /** Each expense as Brex has it now, in the order asked; null where Brex has none. */
  expenses(ids: readonly string[]): (Expense | null)[];
  updateExpenseMemo(
    id: string,
    memo: string | null,
    idempotencyKey: string,
  ): WriteResult<UpdatedExpense>;
  vendors(): Vendor[];
  createVendor(request: CreateVendorRequest, idempotencyKey: string): WriteResult<Vendor>;
  updateVendor(
    id: string,
    changes: UpdateVendorRequest,
    idempotencyKey: string,
  ): WriteResult<Vendor>;
}
