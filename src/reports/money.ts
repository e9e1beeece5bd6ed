/**
 * Amounts as the reports add them: integer minor units per currency, never a float sum, and never
 * two currencies in one total.
 */
import { currencyExponent } from '../cells/currency';
import type { CellValue } from '../ports/table-port';

/**
 * Pure: a synced money cell (a number in major units, written from minor units) → its minor
 * units; null for a blank or non-number cell. Rounding undoes the decimal's binary form exactly,
 * since the sync wrote the double nearest the exact decimal.
 */
export function toMinorUnits(value: CellValue | undefined, currency: string): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.round(value * 10 ** currencyExponent(currency));
}

/** Totals in minor units of one currency, keyed by a label. */
export class Totals {
  private readonly sums = new Map<string, { minor: number; count: number }>();

  add(key: string, minor: number): void {
    const entry = this.sums.get(key);
    if (entry) {
      entry.minor += minor;
      entry.count += 1;
    } else this.sums.set(key, { minor, count: 1 });
  }

  get(key: string): { readonly minor: number; readonly count: number } {
    return this.sums.get(key) ?? { minor: 0, count: 0 };
  }

  /** Largest first; ties by label, so the order is stable between refreshes. */
  ranked(): { readonly key: string; readonly minor: number; readonly count: number }[] {
    return [...this.sums.entries()]
      .map(([key, v]) => ({ key, ...v }))
      .sort((a, b) => b.minor - a.minor || a.key.localeCompare(b.key));
  }
}
