/**
 * What Sheets does with a custom function's result that no cell can hold: a cell holds at most
 * 50,000 characters (support.google.com/drive/answer/37603), so a text result longer than that
 * is an error in the formula's cell, as Sheets' own functions answer #VALUE! "Text result of JOIN
 * is longer than the limit of 50000 characters", and nothing of the result is spilled.
 */
import { fakeRuntime } from './fake-bundle';

describe('runtime custom function results', () => {
  it('refuses a text result longer than a cell holds, spilling nothing', async () => {
    const rt = fakeRuntime();

    await rt.edit('Sheet1!A1', '=LONG_TEXT(50000)');
    await rt.edit('Sheet1!A2', '=LONG_TEXT(50001)');

    const [fits, tooLong] = rt.values('Sheet1');
    expect([fits?.[0], String(fits?.[1]).length]).toEqual(['label', 50_000]);
    expect(tooLong).toEqual(['#VALUE!', '']);
    expect(rt.toFile().sheets[0]?.errors).toEqual({
      A2: 'Text result of LONG_TEXT is longer than the limit of 50000 characters.',
    });
  });
});
