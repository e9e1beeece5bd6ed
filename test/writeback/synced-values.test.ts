import type { SpendLimit } from '../../src/brex';
import { spendLimitIdentity } from '../../src/writeback/actions/spend-limit-identity';
import { SyncedValues } from '../../src/writeback/synced-values';
import { MemoryStore } from '../sync/support/memory-store';

function limit(n: number, amount = 100_000 + n): SpendLimit {
  return {
    id: `splim_${String(n).padStart(26, '0')}`,
    name: `Team ${n} travel and events, a name of realistic length`,
    status: 'ACTIVE',
    period_recurrence_type: 'PER_MONTH',
    end_date: null,
    authorization_settings: { base_limit: { amount, currency: 'USD' } },
    current_period_balance: { amount_spent: { amount: 5, currency: 'USD' } },
  } as unknown as SpendLimit;
}

describe('SyncedValues', () => {
  it('keeps every limit by id across property chunks of at most 9 KB', () => {
    const store = new MemoryStore();
    const limits = Array.from({ length: 500 }, (_, n) => limit(n));

    SyncedValues.record(store, limits, new Date('2026-03-15T00:00:00Z'), spendLimitIdentity);

    const synced = SyncedValues.read(store);
    expect(limits.every((l, n) => synced.get(l.id)?.amount === 100_000 + n)).toBe(true);
    const seventh = limit(7);
    expect(synced.get(seventh.id)).toEqual({
      id: seventh.id,
      amount: 100_007,
      currency: 'USD',
      status: 'ACTIVE',
      period: 'PER_MONTH',
      spent: 5,
      endDate: null,
      name: 'Team 7 travel and events, a name of realistic length',
      identity: spendLimitIdentity(seventh),
    });
    for (const value of store.values.values()) expect(value.length).toBeLessThan(9 * 1024);
  });

  it('drops chunks a smaller sync no longer needs, and updates one limit after a push', () => {
    const store = new MemoryStore();
    SyncedValues.record(
      store,
      Array.from({ length: 200 }, (_, n) => limit(n)),
      new Date(),
      spendLimitIdentity,
    );
    SyncedValues.record(store, [limit(1), limit(2)], new Date(), spendLimitIdentity);

    SyncedValues.read(store).update([limit(2, 7)], new Date(), spendLimitIdentity);

    const synced = SyncedValues.read(store);
    expect(synced.get(limit(2).id)?.amount).toBe(7);
    expect(synced.has(limit(3).id)).toBe(false);
    expect([...store.values.keys()].sort()).toEqual(['writeback.synced', 'writeback.synced.0']);
  });
});
