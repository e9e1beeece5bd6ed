/** @jest-environment jsdom */
import type {
  PendingChange,
  PushResult,
  ReviewedChange,
  SpendLimitReview,
} from '../../src/contract/writeback';
import { ReviewPanel } from '../../src/sidebar/review-panel';

const change = (id: string, problem: string | null = null): PendingChange => ({
  id,
  name: `<b>${id}</b>`,
  row: 2,
  currency: 'USD',
  period: 'PER_MONTH',
  old: { minorUnits: 250000, text: '2,500.00' },
  new: problem ? null : { minorUnits: 300000, text: '3,000.00' },
  typed: problem ? 'lots' : '3000',
  problem,
  consequences: problem
    ? []
    : ['The new limit is below the 3,100.00 USD already spent this period.'],
  inFlight: false,
  fingerprint: `fp-${id}`,
});

function server(review: SpendLimitReview) {
  const pushed: ReviewedChange[][] = [];
  return {
    pushed,
    reviewSpendLimitChanges: () => Promise.resolve(review),
    pushSpendLimitChanges: (reviewed: ReviewedChange[]) => {
      pushed.push(reviewed);
      return Promise.resolve(
        reviewed.map(({ id }): PushResult => ({
          id,
          outcome: 'pushed',
          message: 'Changed from 2,500.00 to 3,000.00 USD.',
          old: null,
          new: null,
          brex: null,
          currency: 'USD',
          traceId: null,
          idempotencyKey: null,
        })),
      );
    },
    discardSpendLimitChanges: () => Promise.resolve({ restored: [] }),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReviewPanel', () => {
  it('shows old → new, consequences and refusals, with names as text', async () => {
    const panel = new ReviewPanel(
      server({
        sheetName: 'Brex Spend Limits',
        changes: [
          change('a'),
          change('b', 'The new limit "lots" is not an amount. Type a number.'),
        ],
        canPush: true,
        credentialHelp: null,
      }),
    );
    await panel.load();

    const text = panel.element.textContent ?? '';
    expect(text).toContain('<b>a</b>: 2,500.00 → 3,000.00 USD');
    expect(text).toContain('already spent this period');
    expect(text).toContain('"lots" is not an amount');
    expect(panel.element.querySelector('b')).toBeNull();
    expect(panel.count).toBe(2);
  });

  it('pushes only the checked valid changes', async () => {
    const fake = server({
      sheetName: 'Brex Spend Limits',
      changes: [change('a'), change('b', 'Blank. Type an amount.')],
      canPush: true,
      credentialHelp: null,
    });
    const panel = new ReviewPanel(fake);
    await panel.load();

    const push = Array.from(panel.element.querySelectorAll('button')).find(
      (b) => b.textContent === 'Push checked',
    );
    push?.click();
    await flush();

    // Each change goes back with the fingerprint its review gave: what was shown is what is sent.
    expect(fake.pushed).toEqual([[{ id: 'a', fingerprint: 'fp-a' }]]);
    expect(panel.element.textContent).toContain('Pushed: Changed from 2,500.00 to 3,000.00 USD.');
  });

  it('tells an editor without a credential how to add one, and disables pushing', async () => {
    const panel = new ReviewPanel(
      server({
        sheetName: 'Brex Spend Limits',
        changes: [change('a')],
        canPush: false,
        credentialHelp: 'Add your own Brex token with the budgets scope.',
      }),
    );
    await panel.load();

    const push = Array.from(panel.element.querySelectorAll('button')).find(
      (b) => b.textContent === 'Push checked',
    );
    expect(push?.disabled).toBe(true);
    expect(panel.element.textContent).toContain('Add your own Brex token');
  });
});
