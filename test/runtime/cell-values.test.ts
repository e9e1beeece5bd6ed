import { typeText, typeValue } from '../../dev/runtime/cell-typing';
import { displayValue } from '../../dev/runtime/number-format';
import { epochToSerial } from '../../dev/runtime/time-zones';

describe('cell-typing', () => {
  it('turns text starting with = into a formula', () => {
    expect(typeText('=IMPORTXML("http://x")', undefined)).toEqual({
      formula: '=IMPORTXML("http://x")',
    });
  });

  it('keeps text when the cell is formatted as plain text (@)', () => {
    expect(typeText('=1+1', '@')).toEqual({ value: '=1+1' });
    expect(typeText('00123', '@')).toEqual({ value: '00123' });
  });

  it('keeps text after a leading apostrophe, without the apostrophe', () => {
    expect(typeText("'=1+1", undefined)).toEqual({ value: '=1+1' });
    expect(typeText("'42", undefined)).toEqual({ value: '42' });
  });

  it('types numbers, booleans, percentages and currency like a person’s entry', () => {
    expect(typeText('1,234.50', undefined)).toEqual({ value: 1234.5 });
    expect(typeText('00123', undefined)).toEqual({ value: 123 });
    expect(typeText('true', undefined)).toEqual({ value: true });
    expect(typeText('12%', undefined)).toEqual({ value: 0.12, format: '0.00%' });
    expect(typeText('$5.00', undefined)).toEqual({ value: 5, format: '"$"#,##0.00' });
  });

  it('types recognisable dates as date serials with a date format', () => {
    expect(typeText('2024-01-05', undefined)).toEqual({ value: 45296, format: 'yyyy-mm-dd' });
    expect(typeText('1/5/2024', undefined)).toEqual({ value: 45296, format: 'M/d/yyyy' });
    expect(typeText('2024-02-30', undefined)).toEqual({ value: '2024-02-30' });
  });

  it('refuses a cell of more than 50,000 characters', () => {
    expect(() => typeText('x'.repeat(50_001), undefined)).toThrow(/50000 characters/);
  });

  it('stores a Date as the serial of its wall time in the spreadsheet’s zone', () => {
    const instant = new Date(Date.UTC(2024, 0, 5, 15));
    expect(typeValue(instant, undefined, 'America/New_York')).toEqual({
      value: epochToSerial(instant.getTime(), 'America/New_York'),
      format: 'M/d/yyyy H:mm:ss',
    });
    expect(epochToSerial(instant.getTime(), 'America/New_York')).toBeCloseTo(45296 + 10 / 24, 9);
  });
});

describe('number-format', () => {
  it.each([
    [1234.5, '0', '1235'],
    [1234.5, '0.00', '1234.50'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [1.5, '0.000', '1.500'],
    [0.125, '0.0%', '12.5%'],
    [12, '"$"#,##0.00', '$12.00'],
    [-12, '#,##0.00;(#,##0.00)', '(12.00)'],
    [7, '[$EUR] 0.00', 'EUR 7.00'],
    [1234.5, undefined, '1234.5'],
  ])('shows %p under %p as %p', (value, format, shown) => {
    expect(displayValue(value, format, 'Etc/UTC')).toBe(shown);
  });

  it('shows dates and times under date formats', () => {
    const serial = 45296 + (13 * 3600 + 5 * 60 + 9) / 86400;
    expect(displayValue(serial, 'yyyy-mm-dd', 'Etc/UTC')).toBe('2024-01-05');
    expect(displayValue(serial, 'yyyy-mm-dd hh:mm:ss', 'Etc/UTC')).toBe('2024-01-05 13:05:09');
    expect(displayValue(serial, 'M/d/yyyy H:mm:ss', 'Etc/UTC')).toBe('1/5/2024 13:05:09');
    expect(displayValue(serial, 'mmm d, yyyy h:mm AM/PM', 'Etc/UTC')).toBe('Jan 5, 2024 1:05 PM');
  });

  it('shows text as it is, and booleans as TRUE/FALSE', () => {
    expect(displayValue('=1+1', '@', 'Etc/UTC')).toBe('=1+1');
    expect(displayValue(true, undefined, 'Etc/UTC')).toBe('TRUE');
  });
});
