import { formatProblem, readFormat } from '../../src/writeback/amount-format';

describe('what an amount cell’s number format says', () => {
  it.each([
    ['#,##0.00', 'plain'],
    ['0.########', 'plain'],
    ['#,##0', 'plain'],
    ['General', 'plain'],
    ['[Red]#,##0.00', 'plain'],
    ['0.00E+00', 'plain'],
    ['"$"#,##0.00', 'currency'],
    ['[$€-407]#,##0.00', 'currency'],
    ['[$EUR] #,##0.00', 'currency'],
    ['€#,##0.00', 'currency'],
    ['0.00%', 'percent'],
    ['yyyy-mm-dd', 'date'],
    ['m/d/yyyy', 'date'],
    ['yyyy-mm-dd H:mm:ss', 'date'],
  ])('%s is %s', (format, kind) => {
    expect(readFormat(format).kind).toBe(kind);
  });

  it('accepts a plain number or the limit’s own currency, and refuses any other', () => {
    expect(formatProblem('#,##0.00', 'EUR')).toBeNull();
    expect(formatProblem('[$€-407]#,##0.00', 'EUR')).toBeNull();
    expect(formatProblem('"$"#,##0.00', 'USD')).toBeNull();
    expect(formatProblem('"$"#,##0.00', 'EUR')).toContain(
      'typed in "$", but this spend limit is in EUR',
    );
    expect(formatProblem('"$"#,##0.00', 'KWD')).toContain('in KWD');
    expect(formatProblem('[$GBP] #,##0.00', 'USD')).toContain('"GBP"');
    expect(formatProblem('0.00%', 'USD')).toContain('percentage');
    expect(formatProblem('m/d/yyyy', 'USD')).toContain('date');
  });
});
