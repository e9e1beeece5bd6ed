import { Totals, toMinorUnits } from '../../src/reports/money';
import { minorUnitsToAmount } from '../../src/cells/currency';

describe('toMinorUnits', () => {
  it.each([
    [0.1, 'USD', 10],
    [1234.56, 'USD', 123456],
    [-19.99, 'USD', -1999],
    [1500, 'JPY', 1500],
    [12.345, 'KWD', 12345],
  ])('reads %p %s as %p minor units', (value, currency, minor) => {
    expect(toMinorUnits(value, currency)).toBe(minor);
  });

  it('gives null for blank and text cells', () => {
    expect([
      toMinorUnits('', 'USD'),
      toMinorUnits('12', 'USD'),
      toMinorUnits(undefined, 'USD'),
    ]).toEqual([null, null, null]);
  });

  it('adds 100,000 cents exactly where a float sum drifts', () => {
    const totals = new Totals();
    let float = 0;
    for (let i = 0; i < 100_000; i++) {
      const cell = minorUnitsToAmount(10 + (i % 7), 'USD');
      float += cell;
      totals.add('all', toMinorUnits(cell, 'USD') as number);
    }
    const exact = Array.from({ length: 100_000 }, (_, i) => 10 + (i % 7)).reduce((a, b) => a + b);

    expect(totals.get('all')).toEqual({ minor: exact, count: 100_000 });
    expect(Math.round(float * 100)).toBe(exact);
    expect(float * 100).not.toBe(exact);
  });
});
