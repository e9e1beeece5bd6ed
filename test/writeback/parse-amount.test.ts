import { parseAmount } from '../../src/writeback/parse-amount';

const minor = (cell: string | number, currency: string) => {
  const parsed = parseAmount(cell, currency);
  return parsed.ok ? parsed.minorUnits : parsed.problem;
};

describe('parseAmount', () => {
  it('reads a number cell exactly in the currency\u2019s minor units', () => {
    expect(minor(2500.5, 'USD')).toBe(250050);
    expect(minor(0.29, 'USD')).toBe(29);
    expect(minor(1.005, 'KWD')).toBe(1005);
    expect(minor(2000000, 'JPY')).toBe(2000000);
    expect(minor(0, 'USD')).toBe(0);
  });

  it('refuses more decimals than the currency has, naming what it allows', () => {
    expect(minor(2500.555, 'USD')).toContain('more decimals than USD has (2 decimals)');
    expect(minor(1500.5, 'JPY')).toContain('JPY has (no decimals)');
    expect(minor(1.0005, 'KWD')).toContain('KWD has (3 decimals)');
    expect(minor(0.1 + 0.2, 'USD')).toContain('more decimals');
  });

  it('accepts text only in one unambiguous shape, with the row\u2019s own currency', () => {
    expect(minor('2,500.00', 'USD')).toBe(250000);
    expect(minor('$2,500', 'USD')).toBe(250000);
    expect(minor('USD 2500.5', 'USD')).toBe(250050);
    expect(minor('1500 jpy', 'JPY')).toBe(1500);
    expect(minor('2.500,00', 'EUR')).toContain('not an amount this add-on reads');
    expect(minor('25,00', 'EUR')).toContain('not an amount');
    expect(minor('2k', 'USD')).toContain('not an amount');
    expect(minor('$2,500', 'CAD')).toContain('this spend limit is in CAD');
    expect(minor('EUR 100', 'USD')).toContain('is in EUR');
  });

  it('refuses blank, negative and oversized amounts with the next step', () => {
    expect(minor('', 'USD')).toBe('The new limit is blank. Type an amount, or discard the change.');
    expect(minor(-5, 'USD')).toContain('negative. Type an amount of zero or more');
    expect(minor('-5', 'USD')).toContain('negative');
    expect(minor(1e21, 'USD')).toContain('too large');
    expect(minor('90071992547409.93', 'USD')).toContain('too large');
  });
});
