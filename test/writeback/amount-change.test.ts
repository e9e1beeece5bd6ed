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

  it('names nothing when only the base limit and what Brex derives from it moved', () => {
    const after = structuredClone(before) as unknown as Record<string, any>;
    after.authorization_settings.base_limit.amount = 200;
    after.authorization_settings.limit_with_increases.amount = 220;
    after.updated_at = '2026-03-15T00:00:00Z';
    expect(otherChanges(before, after as unknown as SpendLimit)).toEqual([]);
  });

  it('names every other field that changed', () => {
    const after = structuredClone(before) as unknown as Record<string, any>;
    delete after.authorization_settings.limit_buffer_percentage;
    after.authorization_settings.authorization_type = 'HARD';
    after.name = 'Renamed';
    expect(otherChanges(before, after as unknown as SpendLimit).sort()).toEqual([
      'authorization_settings.authorization_type',
      'authorization_settings.limit_buffer_percentage',
      'name',
    ]);
  });
});
