import type { SpendLimit } from '../../src/brex';
import { amountChange, otherChanges } from '../../src/writeback/spend-limit-body';

describe('amountChange', () => {
  it('sends the base limit and nothing else: no setting echoed back, no read-only field, no null', () => {
    expect(amountChange(250, 'USD')).toEqual({
      authorization_settings: { base_limit: { amount: 250, currency: 'USD' } },
    });
  });
});

describe('otherChanges', () => {
  const before = {
    id: 'splim_1',
    name: 'Travel',
    updated_at: '2026-03-01T00:00:00Z',
    authorization_settings: {
      base_limit: { amount: 100, currency: 'USD' },
      limit_buffer_percentage: 10,
      authorization_type: 'SOFT',
      limit_with_increases: { amount: 110, currency: 'USD' },
    },
  } as unknown as SpendLimit;

  type Settings = Record<string, { amount: number } | number | string>;
  const settingsOf = (limit: SpendLimit) => limit.authorization_settings as unknown as Settings;

  it('names nothing when only the base limit and what Brex derives from it moved', () => {
    const after = structuredClone(before);
    settingsOf(after).base_limit = { amount: 200 };
    settingsOf(after).limit_with_increases = { amount: 220 };
    (after as { updated_at?: string }).updated_at = '2026-03-15T00:00:00Z';
    expect(otherChanges(before, after)).toEqual([]);
  });

  it('names every other field that changed', () => {
    const after = structuredClone(before);
    const { limit_buffer_percentage: _dropped, ...rest } = settingsOf(after);
    after.authorization_settings = { ...rest, authorization_type: 'HARD' } as never;
    after.name = 'Renamed';
    expect(otherChanges(before, after).sort()).toEqual([
      'authorization_settings.authorization_type',
      'authorization_settings.limit_buffer_percentage',
      'name',
    ]);
  });
});
