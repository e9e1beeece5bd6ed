/** The expense, vendor and payment reads and writes a push makes, over one user's Brex client. */
import type {
  CreateVendorRequest,
  Expense,
  Transfer,
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
  /** Irreversible; a DELETE carries no idempotency key. */
  deleteVendor(id: string): { readonly traceId: string | null };
  /** Every transfer Brex lists (a vendor with payments on their way is not deleted). */
  transfers(): Transfer[];
}
