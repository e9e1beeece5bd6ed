import { minorUnitsToAmount, moneyNumberFormat } from '../../src/cells/currency';

describe('currency', () => {
  describe('minorUnitsToAmount', () => {
    it('returns yen unchanged, since JPY has no minor unit', () => {
      expect(minorUnitsToAmount(123456789, 'JPY')).toBe(123456789);
    });

    it('returns dollars with two decimals, exactly as typed', () => {
      expect(minorUnitsToAmount(1999, 'USD')).toBe(19.99);
      expect(minorUnitsToAmount(-5, 'usd')).toBe(-0.05);
      expect(minorUnitsToAmount(900719925474099, 'USD')).toBe(9007199254740.99);
    });

    it('returns dinars with three decimals', () => {
      expect(minorUnitsToAmount(1234567, 'KWD')).toBe(1234.567);
      expect(minorUnitsToAmount(1, 'KWD')).toBe(0.001);
    });

    it('refuses an amount that is not a whole number of minor units', () => {
      expect(() => minorUnitsToAmount(1.5, 'USD')).toThrow(/not a whole number/);
    });
  });

  describe('moneyNumberFormat', () => {
    it('shows each currency with its own decimals', () => {
      expect(moneyNumberFormat('JPY')).toBe('#,##0');
      expect(moneyNumberFormat('USD')).toBe('#,##0.00');
      expect(moneyNumberFormat('KWD')).toBe('#,##0.000');
    });
  });
});
