/**
 * A limit column (a card's "Limit", a user's "Monthly limit"): read as today's amount parser reads
 * it, in the row's currency, kept as plain decimal text ("2500.00") so that what is stored, sent,
 * audited and reverted reads back exactly. An amount above the spreadsheet's ceiling is refused.
 */
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import { groupedAmount, plainAmount } from '../amount-text';
import { parseAmount } from '../parse-amount';
import { ceilingFor, getWriteBackSettings } from '../settings';
import type { Parsed } from './column-action';
import type { SyncedRow, SyncedSet } from './synced-rows';

type LimitEntry = { readonly limit: string; readonly currency: string };

/** Pure: minor units → the stored text ('' when Brex sent no amount). */
export function plainLimit(minorUnits: number | undefined, currency: string): string {
  return minorUnits === undefined ? '' : plainAmount(minorUnits, currency || 'USD');
}

const currencyOf = (entry: LimitEntry): string => entry.currency || 'USD';

/** The parts of a column action every limit column shares. */
export function moneyColumn<S extends SyncedSet>() {
  return {
    synced: (entry: SyncedRow<S>) => (entry as unknown as LimitEntry).limit,
    read(cell: CellValue, entry: SyncedRow<S>, _deps?: { store: KeyValuePort }): string {
      if (headerText(cell) === '') return '';
      const currency = currencyOf(entry as unknown as LimitEntry);
      const parsed = parseAmount(cell, currency);
      return parsed.ok ? plainLimit(parsed.minorUnits, currency) : headerText(cell);
    },
    parse(
      to: string,
      entry: SyncedRow<S>,
      _row?: unknown,
      deps?: { store: KeyValuePort },
    ): Parsed<number> {
      const currency = currencyOf(entry as unknown as LimitEntry);
      const parsed = parseAmount(to, currency);
      if (!parsed.ok) return { to: null, payload: null, problem: parsed.problem };
      const amount = parsed.minorUnits;
      const ceiling = deps ? ceilingFor(getWriteBackSettings(deps.store), currency) : Infinity;
      if (amount > ceiling) {
        return {
          to: null,
          payload: null,
          problem: `The new limit ${groupedAmount(amount, currency)} ${currency} is above the ceiling of ${groupedAmount(ceiling, currency)} ${currency} set for this spreadsheet. Type a smaller amount, or raise the ceiling in the write-back settings.`,
        };
      }
      const before = parseAmount((entry as unknown as LimitEntry).limit || '0', currency);
      const old = before.ok ? before.minorUnits : 0;
      const consequences = [
        ...(amount === 0 ? ['A limit of zero blocks all new spend against it.'] : []),
        ...(old > 0 && amount >= old * 10
          ? ['The new limit is ten times the old one or more: check for an extra zero.']
          : []),
      ];
      return { to: plainLimit(amount, currency), payload: amount, problem: null, consequences };
    },
    /** Amounts are audited as plain decimal text, in the row's currency. */
    audited: (value: string) => value,
    shown: (value: string, entry: SyncedRow<S>) => {
      const currency = currencyOf(entry as unknown as LimitEntry);
      const parsed = parseAmount(value, currency);
      return parsed.ok ? `${groupedAmount(parsed.minorUnits, currency)} ${currency}` : value;
    },
    cell(value: string, entry: SyncedRow<S>, timeZone: string) {
      const currency = currencyOf(entry as unknown as LimitEntry);
      const parsed = parseAmount(value, currency);
      return toCell('money', parsed.ok ? { amount: parsed.minorUnits, currency } : null, timeZone);
    },
  };
}
