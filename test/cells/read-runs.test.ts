import { READ_CALL_CELLS, readRuns } from '../../src/cells/read-runs';

describe('readRuns', () => {
  it('reads a gap along when its cells cost less than a call of their own', () => {
    const wide = READ_CALL_CELLS / 100; // a gap of fewer than 100 places is read along

    expect(readRuns([5, 1, 3, 3, 103, 204], wide)).toEqual([
      { first: 1, last: 103 },
      { first: 204, last: 204 },
    ]);
  });

  it('reads nothing for nothing wanted, and one place alone', () => {
    expect(readRuns([], 10)).toEqual([]);
    expect(readRuns([7], 10)).toEqual([{ first: 7, last: 7 }]);
  });

  it('reads adjacent places together whatever their size', () => {
    expect(readRuns([4, 5, 6, 9], 10 * READ_CALL_CELLS)).toEqual([
      { first: 4, last: 6 },
      { first: 9, last: 9 },
    ]);
  });
});
