import { SCENARIO_FAMILIES, selectedFamilies } from '../../dev/bench/scenario-families';

describe('selectedFamilies', () => {
  it('selects every family without --only, and those named with it', () => {
    expect([...selectedFamilies(undefined)]).toEqual([...SCENARIO_FAMILIES]);
    expect([...selectedFamilies('quiet-refresh, formulas')]).toEqual(['quiet-refresh', 'formulas']);
  });

  it('refuses a name it does not know, naming the ones it does', () => {
    expect(() => selectedFamilies('quiet-refresh,formula')).toThrow(
      /--only takes some of first-sync, .*; not formula/,
    );
  });
});
