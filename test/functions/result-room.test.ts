import { fitToRoom } from '../../src/functions/result-room';

const grid = (rows: number, columns: number) =>
  Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => r * columns + c),
  );

describe('result-room', () => {
  describe('fitToRoom', () => {
    it('returns a result that fits as it is, to the last row and column', () => {
      const result = grid(1000, 17);

      expect(fitToRoom('BREX_TRANSACTIONS', result, { rows: 1000, columns: 17 }, 'x')).toBe(result);
    });

    it('answers a result taller than the room with one cell naming the rows and the fixes', () => {
      const fitted = fitToRoom(
        'BREX_TRANSACTIONS',
        grid(2828, 17),
        { rows: 1000, columns: 26 },
        'Brex Card Transactions',
      );

      expect(fitted).toEqual([
        [
          'BREX_TRANSACTIONS needs 2,828 rows here and there is room for 1,000: use a narrower range, add 1,828 rows at the bottom and enter the formula again, or use the Brex Card Transactions sheet (Extensions ▸ Brex ▸ Refresh now).',
        ],
      ]);
    });

    it('answers a result wider than the room with one cell naming the columns', () => {
      const fitted = fitToRoom('BREX_CARDS', grid(3, 14), { rows: 100, columns: 5 }, undefined);

      expect(fitted).toEqual([
        [
          'BREX_CARDS needs 14 columns here and there is room for 5: choose fewer columns, move the formula left, or add 9 columns and enter the formula again.',
        ],
      ]);
    });

    it('leaves a number, or a result whose room is unknown, alone', () => {
      expect(fitToRoom('BREX_BALANCE', 12.5, { rows: 1, columns: 1 }, undefined)).toBe(12.5);
      const result = grid(5000, 3);
      expect(fitToRoom('BREX_USERS', result, null, undefined)).toBe(result);
    });
  });
});
