import { snapshot } from '../../dev/sandbox/control';
import { DemoCompany } from '../../dev/sandbox/demo-company';
import { CATEGORIES } from './categories';
import { at } from './support';

const TODAY = '2026-09-15';

function demo(seed: string, transactions = 2000) {
  return snapshot(new DemoCompany({ seed, today: TODAY, transactions }).state);
}

describe('DemoCompany', () => {
  it('builds byte-identical state from the same seed and today', () => {
    expect(JSON.stringify(demo('acme'))).toBe(JSON.stringify(demo('acme')));
  });

  it('builds different data from a different seed', () => {
    expect(demo('acme').card_transactions[0]).not.toEqual(demo('globex').card_transactions[0]);
  });

  it('spreads card transactions over the past year, several a day, newest posted first', () => {
    const { card_transactions: txns } = demo('acme');
    const dates = txns.map((t) => t.posted_at_date);

    expect(dates[0]).toBe(TODAY);
    expect(at(dates, dates.length - 1) >= '2025-09-15').toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(new Set(dates).size).toBeGreaterThan(300);
  });

  it('includes refunds, collections and rewards, the latter two without a card', () => {
    const { card_transactions: txns } = demo('acme');
    const byType = (type: string) => txns.filter((t) => t.type === type);

    expect(byType('REFUND').every((t) => (t.amount.amount ?? 0) < 0)).toBe(true);
    expect(byType('COLLECTION').length).toBeGreaterThanOrEqual(11);
    expect(byType('REWARDS_CREDIT').length).toBeGreaterThanOrEqual(11);
    expect(
      [...byType('COLLECTION'), ...byType('REWARDS_CREDIT')].every((t) => t.card_id === null),
    ).toBe(true);
  });

  it('links expenses to purchases, with Brex categories and foreign original amounts', () => {
    const s = demo('acme');
    const expenses = new Map(s.expenses.map((e) => [e.id, e]));
    const linked = s.card_transactions.filter((t) => t.expense_id !== null);

    expect(
      linked.every(
        (t) => expenses.get(t.expense_id ?? '')?.billing_amount?.amount === t.amount.amount,
      ),
    ).toBe(true);
    expect(CATEGORIES).toHaveLength(48);
    expect(s.expenses.every((e) => CATEGORIES.includes(e.category ?? ''))).toBe(true);
    const foreign = s.expenses.filter((e) => e.original_amount?.currency !== 'USD');
    expect(new Set(foreign.map((e) => e.original_amount?.currency))).toEqual(
      new Set(['EUR', 'GBP', 'JPY', 'CAD']),
    );
    expect(foreign.every((e) => e.billing_amount?.currency === 'USD')).toBe(true);
  });

  it('has cards in every status, spend limits in several periods and currencies, and vendors and transfers', () => {
    const s = demo('acme');

    expect(new Set(s.cards.map((c) => c.status))).toEqual(
      new Set(['ACTIVE', 'SHIPPED', 'LOCKED', 'TERMINATED']),
    );
    expect(new Set(s.spend_limits.map((l) => l.period_recurrence_type))).toEqual(
      new Set(['PER_WEEK', 'PER_MONTH', 'PER_QUARTER', 'PER_YEAR', 'ONE_TIME']),
    );
    expect(
      new Set(s.spend_limits.map((l) => l.authorization_settings?.base_limit.currency)),
    ).toEqual(new Set(['USD', 'GBP', 'EUR', 'JPY']));
    expect(s.vendors.length).toBeGreaterThan(5);
    expect(s.transfers.length).toBeGreaterThan(20);
  });

  it('chains statements: each starts where the previous one ended', () => {
    const { card_statements: statements } = demo('acme');
    const oldestFirst = [...statements].reverse();

    for (let i = 1; i < oldestFirst.length; i++) {
      expect(at(oldestFirst, i).start_balance).toEqual(at(oldestFirst, i - 1).end_balance);
    }
    expect(statements.length).toBe(12);
  });

  it('scales to 100,000 card transactions', () => {
    const company = new DemoCompany({ seed: 'big', today: TODAY, transactions: 100_000 });

    expect(company.state.cardTransactions.size).toBeGreaterThanOrEqual(100_000);
  }, 120_000);
});
