/**
 * What payments add to a refresh of "Brex Transfers": a sent payment's row keeps its "Payment key"
 * and "Staged by" (Brex does not know them), while the refresh brings its status and the rest of
 * Brex's record into it, matched by the transfer id the approval wrote into "Brex ID".
 */
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import type { RefreshHooks } from '../../data-sets/data-set';
import { PAYMENT_KEY, STAGED_BY } from './payment-row';

export const paymentHooks: RefreshHooks = {
  transfers: {
    keepCells: (_items, sheet) => {
      const header = sheet[0] ?? [];
      const id = findHeader(header, KEY_HEADER);
      const key = findHeader(header, PAYMENT_KEY);
      const kept = new Map<string, string[]>();
      if (id === null || key === null) return kept;
      for (const cells of sheet.slice(1)) {
        const transfer = headerText(cells[id]);
        if (transfer && headerText(cells[key]) !== '') kept.set(transfer, [PAYMENT_KEY, STAGED_BY]);
      }
      return kept;
    },
  },
};
