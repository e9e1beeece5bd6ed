import {
  checkPeriod,
  readChoice,
  readDate,
  readRefresh,
  readRequiredDate,
  single,
} from '../../src/functions/arguments';
import { readColumns } from '../../src/functions/columns-argument';
import { cardTransactions } from '../../src/data-sets/transactions';

const NY = 'America/New_York';

describe('arguments', () => {
  describe('readDate', () => {
    it('returns the day a Sheets date shows in the spreadsheet’s zone', () => {
      // Sheets hands over local midnight: 2026-01-31 00:00 in New York is 05:00 UTC.
      expect(readDate('F', 'start_date', new Date('2026-01-31T05:00:00Z'), NY)).toBe('2026-01-31');
    });

    it('accepts an ISO date, with or without a time, and trims spaces', () => {
      expect(readDate('F', 'start_date', ' 2026-02-28 ', NY)).toBe('2026-02-28');
      expect(readDate('F', 'start_date', '2026-02-28T10:00:00Z', NY)).toBe('2026-02-28');
    });

    it('returns null when the argument is left out or blank', () => {
      expect(readDate('F', 'end_date', undefined, NY)).toBeNull();
      expect(readDate('F', 'end_date', '', NY)).toBeNull();
    });

    it.each([
      ['abc', '"abc"'],
      ['2026-02-30', '"2026-02-30"'],
      ['31/01/2026', '"31/01/2026"'],
      [46000, '46000'],
      [true, 'true'],
    ])('refuses %p, naming the argument and what it accepts', (value, shown) => {
      expect(() => readDate('BREX_TRANSACTIONS', 'start_date', value, NY)).toThrow(
        `BREX_TRANSACTIONS: start_date must be a date or an ISO date like 2026-01-31; got ${shown}.`,
      );
    });

    it('says a required date is missing', () => {
      expect(() => readRequiredDate('BREX_EXPENSES', 'start_date', '', NY)).toThrow(
        'BREX_EXPENSES: start_date is missing. Give a date or an ISO date like 2026-01-31.',
      );
    });
  });

  describe('single', () => {
    it('takes the cell of a 1×1 range', () => {
      expect(single('F', 'account', [['cash']])).toBe('cash');
    });

    it('refuses a range where one value belongs', () => {
      expect(() => single('BREX_BALANCE', 'account', [['card'], ['cash']])).toThrow(
        'BREX_BALANCE: account takes one value, not a range of 2×1 cells. Point it at a single cell.',
      );
    });
  });

  describe('checkPeriod', () => {
    it('refuses a start after the end', () => {
      expect(() => checkPeriod('BREX_SPEND', '2026-02-01', '2026-01-31')).toThrow(
        'BREX_SPEND: start_date 2026-02-01 is after end_date 2026-01-31. Give a start_date on or before the end_date.',
      );
    });

    it('accepts a one-day period and an open end', () => {
      expect(() => checkPeriod('F', '2026-01-31', '2026-01-31')).not.toThrow();
      expect(() => checkPeriod('F', '2026-01-31', null)).not.toThrow();
    });
  });

  describe('readChoice', () => {
    it('matches without regard to case or spaces, and defaults when blank', () => {
      expect(readChoice('F', 'kind', ' Available ', ['current', 'available'], 'current')).toBe(
        'available',
      );
      expect(readChoice('F', 'kind', undefined, ['current', 'available'], 'current')).toBe(
        'current',
      );
    });

    it('lists the choices when the value is not one', () => {
      expect(() =>
        readChoice('BREX_BALANCE', 'kind', 'pending', ['current', 'available'], 'current'),
      ).toThrow('BREX_BALANCE: kind must be "current" or "available"; got "pending".');
    });
  });

  describe('readRefresh', () => {
    it('turns any cell into a key part that changes with the cell', () => {
      expect(readRefresh(new Date(1000))).toBe('1000');
      expect(readRefresh(7)).toBe('7');
      expect(readRefresh(undefined)).toBe('');
      expect(readRefresh([[new Date(5), 'x']])).toBe('[["5","x"]]');
    });
  });

  describe('readColumns', () => {
    const available = cardTransactions.columns;

    it('picks and orders columns by header, from one cell or a range', () => {
      const fromCell = readColumns('F', 'amount, posted DATE', available).map((c) => c.header);
      const fromRange = readColumns('F', [['Amount', 'Posted date']], available).map(
        (c) => c.header,
      );

      expect(fromCell).toEqual(['Amount', 'Posted date']);
      expect(fromRange).toEqual(['Amount', 'Posted date']);
    });

    it('returns every column when blank', () => {
      expect(readColumns('F', undefined, available)).toEqual(available);
    });

    it('names an unknown column and the columns it could be', () => {
      expect(() => readColumns('BREX_TRANSACTIONS', 'Amount, Colour', available)).toThrow(
        `BREX_TRANSACTIONS: columns names an unknown column "Colour". Choose among: ${available.map((c) => c.header).join(', ')}.`,
      );
    });

    it('refuses a number where header names belong', () => {
      expect(() => readColumns('BREX_TRANSACTIONS', 3, available)).toThrow(
        'BREX_TRANSACTIONS: columns must be header names, in one cell separated by commas or in a range; got 3.',
      );
    });
  });
});
