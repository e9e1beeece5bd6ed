import type { SpendLimit } from '../../src/brex';
import { amountChange } from '../../src/writeback/push';

describe('amountChange', () => {
  it('sends every authorization setting back with only the amount changed, minus the read-only one', () => {
    const current = {
      id: 'splim_1',
      authorization_settings: {
        base_limit: { amount: 100, currency: 'USD' },
        limit_buffer_percentage: 10,
        authorization_type: 'SOFT',
        rollover_refresh_rate: 'OFF',
        limit_with_increases: { amount: 110, currency: 'USD' },
      },
    } as unknown as SpendLimit;

    expect(amountChange(current, 250, 'USD')).toEqual({
      authorization_settings: {
        base_limit: { amount: 250, currency: 'USD' },
        limit_buffer_percentage: 10,
        authorization_type: 'SOFT',
        rollover_refresh_rate: 'OFF',
      },
    });
  });
});
