import { DEFAULT_SETTINGS } from '../../src/writeback/settings';
import { checkChange } from '../../src/writeback/check-change';
import type { SyncedLimit } from '../../src/writeback/synced-values';

const limit: SyncedLimit = {
  id: 'splim_1',
  amount: 250000,
  currency: 'USD',
  status: 'ACTIVE',
  period: 'PER_MONTH',
  spent: 120000,
  endDate: null,
  name: 'Travel',
  identity: 'x',
};
const TODAY = '2026-03-15';

describe('checkChange', () => {
  it('accepts a valid amount with no consequence worth a warning', () => {
    expect(checkChange(limit, 3000, 'USD', DEFAULT_SETTINGS, TODAY)).toEqual({
      minorUnits: 300000,
      problem: null,
      consequences: [],
    });
  });

  it('warns when the new limit is below what was already spent this period', () => {
    const check = checkChange(limit, 1000, 'USD', DEFAULT_SETTINGS, TODAY);
    expect(check.problem).toBeNull();
    expect(check.consequences).toEqual([
      expect.stringContaining('below the 1,200.00 USD already spent this period'),
    ]);
  });

  it('warns about a limit of zero and a tenfold jump', () => {
    expect(checkChange(limit, 0, '', DEFAULT_SETTINGS, TODAY).consequences).toContainEqual(
      'A limit of zero blocks all new spend against it.',
    );
    expect(checkChange(limit, 25000, '', DEFAULT_SETTINGS, TODAY).consequences).toContainEqual(
      expect.stringContaining('extra zero'),
    );
  });

  it('refuses an amount above the currency\u2019s ceiling', () => {
    const settings = { ceilings: { USD: 500000 }, defaultCeiling: 1_000_000 };
    expect(checkChange(limit, 5000.01, 'USD', settings, TODAY).problem).toContain(
      'above the ceiling of 5,000.00 USD',
    );
    expect(checkChange(limit, 5000, 'USD', settings, TODAY).problem).toBeNull();
  });

  it('refuses a changed currency, an archived limit and one past its end date', () => {
    expect(checkChange(limit, 3000, 'EUR', DEFAULT_SETTINGS, TODAY).problem).toContain(
      'currency was changed to "EUR"',
    );
    expect(
      checkChange({ ...limit, status: 'ARCHIVED' }, 3000, '', DEFAULT_SETTINGS, TODAY).problem,
    ).toContain('archived in Brex');
    expect(
      checkChange({ ...limit, endDate: '2026-03-14' }, 3000, '', DEFAULT_SETTINGS, TODAY).problem,
    ).toContain('expired on 2026-03-14');
  });
});
