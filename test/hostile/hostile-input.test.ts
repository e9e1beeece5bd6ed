/**
 * Hostile input from people: bad amounts typed into the spend-limit sheet and bad arguments to
 * every custom function, each answered with a message that says what to do, and nothing sent.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findSheet, getCell } from '../../dev/runtime/workbook';
import type { PushResult, SpendLimitReview } from '../../src/contract/writeback';
import { codeOf } from '../../src/cells/readable-values';
import { connectedRuntime, OWNER, smallSandbox } from '../support/world';

/** Values a person might type into a USD limit's "Base limit" cell; none may reach Brex. */
const BAD_AMOUNTS: unknown[] = [
  '',
  ' ',
  'lots',
  'ten dollars',
  '-5',
  -5,
  -0.01,
  0.001,
  12.345,
  '12.345',
  '2.500,00',
  '2k',

  '$-5',
  '€500',
  'GBP 500',
  '500 EUR',
  '1,00,000',
  '12..5',
  '1 000',
  'NaN',
  'Infinity',
  '=1/0',
  '#REF!',
  'TRUE',
  true,

  '0x10',
  '１２３',
  '999999999999',
  1e15,
  '(500)',
  '<script>alert(1)</script>',
  '=IMPORTXML("http://evil.example","//a")',
];

/**
 * Bad arguments for each custom function, a piece of the message each must give, and whether
 * finding the argument bad needs a read (an unknown account id can only be known from Brex's list).
 */
const BAD_CALLS: [string, RegExp, 'no request' | 'reads only'][] = [
  ['=BREX_TRANSACTIONS()', /start/i, 'no request'],
  ['=BREX_TRANSACTIONS("yesterday-ish")', /date/i, 'no request'],
  ['=BREX_TRANSACTIONS("2026-03-01", "2026-01-01")', /after|before/i, 'no request'],
  ['=BREX_TRANSACTIONS("2026-01-01", , "savings")', /account/i, 'reads only'],
  ['=BREX_TRANSACTIONS("2026-01-01", , , "Nope column")', /column/i, 'reads only'],
  ['=BREX_BALANCE("cuacc_nope")', /account/i, 'reads only'],
  ['=BREX_BALANCE(, "sideways")', /current|available/i, 'no request'],
  ['=BREX_EXPENSES("2026-13-45")', /date/i, 'no request'],
  ['=BREX_EXPENSES("2026-01-01", , "MAYBE")', /status/i, 'no request'],
  ['=BREX_EXPENSE_CATEGORIES("not a date")', /date/i, 'no request'],
  ['=BREX_SPEND()', /group/i, 'no request'],
  ['=BREX_SPEND("planet")', /department|user|category|merchant|month/i, 'no request'],
];

describe('hostile input from people', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await smallSandbox('hostile-input', 20);
    runtime = await connectedRuntime(sandbox);
    await runtime.call('saveSyncSettings', [
      { dataSets: ['spend_limits'], historyStart: '2026-01-01' },
    ]);
    await runtime.call('refreshNow', [], { as: OWNER });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it(`refuses each of ${BAD_AMOUNTS.length} bad amounts with a clear message, and sends nothing`, async () => {
    const grid = runtime.values('Brex Spend Limits');
    const header = grid[0] ?? [];
    const row = grid.findIndex(
      (cells) =>
        cells[header.indexOf('Currency')] === 'USD' &&
        codeOf(String(cells[header.indexOf('Status')])) === 'ACTIVE',
    );
    const cell = `Brex Spend Limits!${String.fromCharCode(65 + header.indexOf('Base limit'))}${row + 1}`;
    sandbox.log.length = 0;
    const refused: string[] = [];
    const failures: string[] = [];

    for (const value of BAD_AMOUNTS) {
      await runtime.edit(cell, value, { as: OWNER });
      const review = (await runtime.call('reviewSpendLimitChanges', [], {
        as: OWNER,
      })) as SpendLimitReview;
      // Even pushed on purpose, with the fingerprints of its own review, a refused change stays unsent.
      const all = review.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
      const results = (await runtime.call('pushSpendLimitChanges', [all], {
        as: OWNER,
      })) as PushResult[];
      const problem = review.changes[0]?.problem ?? '';
      refused.push(`${JSON.stringify(value)} → ${problem}`);
      if (!/^.+\. .+\.$/.test(problem) || results.some((r) => r.outcome === 'pushed')) {
        failures.push(refused[refused.length - 1] as string);
      }
    }

    expect(failures).toEqual([]);
    expect(sandbox.log.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(refused).toHaveLength(BAD_AMOUNTS.length);
  });

  it.each(BAD_CALLS)(
    '%s gives a clear message, naming what it accepts (%s), %s',
    async (formula, names, mode) => {
      const before = sandbox.log.length;

      await runtime.edit('Sheet1!A1', formula, { as: OWNER });

      const sheet = findSheet(runtime.workbook, 'Sheet1');
      if (!sheet) throw new Error('No Sheet1.');
      const cell = getCell(sheet, 1, 1);
      const message = String(cell?.error ?? cell?.value ?? '');
      expect(message).toMatch(/^BREX_\w+: .+\.$/);
      expect(message).toMatch(names);
      const sent = sandbox.log.slice(before);
      expect(mode === 'no request' ? sent : sent.filter((e) => e.method !== 'GET')).toEqual([]);
    },
  );
});
