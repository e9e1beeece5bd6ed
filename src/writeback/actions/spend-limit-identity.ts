/** The digest of a spend limit's identity cells as its data set writes them (`row-identity.ts`). */
import type { SpendLimit } from '../../brex';
import { toCell } from '../../cells/columns';
import { spendLimits } from '../../data-sets/budgets';
import type { Lookups } from '../../data-sets/lookups';
import { IDENTITY_HEADERS, identityOf } from '../row-identity';

/** Names are not identity cells, so the row function gets lookups that are never consulted. */
const NO_LOOKUPS = { userNames: () => '', departmentName: () => '' } as unknown as Lookups;

export function spendLimitIdentity(limit: SpendLimit): string {
  const fields = spendLimits.row(limit, NO_LOOKUPS);
  return identityOf(
    IDENTITY_HEADERS.map((header) => {
      const column = spendLimits.columns.find((c) => c.header === header);
      return column ? toCell(column.type, fields[header], 'Etc/UTC').value : '';
    }),
  );
}
