/**
 * Write-back safety: what a person reviewed is exactly what is sent, whatever people do to the
 * sheet. One test per finding of the hostile review (docs/security.md maps them), through the
 * built bundle in the local runtime against the sandbox over loopback HTTP. Each asserts on
 * Brex's final state: no change nobody reviewed, nothing sent to the wrong target.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, type Runtime } from '../../dev/runtime';
import {
  createFilter,
  isRowHiddenByFilter,
  setColumnCriteria,
  sortFilter,
} from '../../dev/runtime/filters';
import {
  cellFor,
  deleteColumns,
  deleteRows,
  findSheet,
  insertColumns,
  insertRows,
  moveColumns,
  sortRows,
  type Sheet,
} from '../../dev/runtime/workbook';
import type { SpendLimit } from '../../src/brex';
import type { PushResult, ReviewedChange, SpendLimitReview } from '../../src/contract/writeback';
import { columnLetter } from '../../src/cells/header';
import type { RefreshSummary } from '../../src/sync/refresh';
import { control, OWNER, refreshUntilDone, rowsOf } from '../support/world';
import {
  auditRows,
  limitById,
  limitNamed,
  openSandbox,
  SHEET,
  syncedWorld,
  writes,
} from '../support/spend-limits';

const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/** The sheet as a person sees it: cells found by header text and Brex id, wherever they are. */
function sheetOf(runtime: Runtime): Sheet {
  return findSheet(runtime.workbook, SHEET) as Sheet;
}

function headerRow(runtime: Runtime): string[] {
  return (runtime.values(SHEET)[0] ?? []).map(String);
}

function cellA1(runtime: Runtime, id: string, header: string): string {
  const grid = runtime.values(SHEET);
  const column = headerRow(runtime).indexOf(header);
  const idColumn = headerRow(runtime).indexOf('Brex ID');
  const row = grid.findIndex((cells) => cells[idColumn] === id);
  if (column < 0 || row < 1) throw new Error(`No ${header} cell for ${id}.`);
  return `${SHEET}!${columnLetter(column)}${row + 1}`;
}

async function typeAs(runtime: Runtime, who: string, id: string, value: unknown): Promise<void> {
  await runtime.edit(cellA1(runtime, id, 'Base limit'), value, { as: who });
}

async function review(runtime: Runtime, as = OWNER): Promise<SpendLimitReview> {
  return (await runtime.call('reviewSpendLimitChanges', [], { as })) as SpendLimitReview;
}

/** Every change the review shows, refused ones included: the most a pusher could ask for. */
function everything(shown: SpendLimitReview): ReviewedChange[] {
  return shown.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
}

async function push(runtime: Runtime, changes: ReviewedChange[]): Promise<PushResult[]> {
  return (await runtime.call('pushSpendLimitChanges', [changes], { as: OWNER })) as PushResult[];
}

function baseLimit(sandbox: Sandbox, id: string): number | undefined {
  return limitById(sandbox, id).authorization_settings?.base_limit?.amount;
}

/** Brex's base limits by id, to compare before and after. */
function amounts(sandbox: Sandbox): Map<string, number | undefined> {
  return new Map(
    (sandbox.snapshot().spend_limits as SpendLimit[]).map((l) => [
      l.id,
      l.authorization_settings?.base_limit?.amount,
    ]),
  );
}

/** A person's typing straight into the grid (a title, a note), with no trigger to run. */
function put(sheet: Sheet, row: number, column: number, value: string): void {
  cellFor(sheet, row, column).value = value;
}

describe('write-back safety', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('1. refuses a change edited after the review, and audits who pushed and who typed it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const office = limitNamed(sandbox, 'Office Supplies');
    const sales = limitNamed(sandbox, 'Sales Travel');
    await typeAs(runtime, OWNER, office.id, 3000);
    await typeAs(runtime, BOB, sales.id, 19000);
    const shown = await review(runtime);

    // After the owner's review, a second editor raises the amount the owner approved.
    await typeAs(runtime, CAROL, office.id, 9000);
    const results = await push(runtime, everything(shown));

    expect(results.find((r) => r.id === office.id)).toMatchObject({ outcome: 'refused' });
    expect(results.find((r) => r.id === office.id)?.message).toContain('Review again');
    expect(baseLimit(sandbox, office.id)).toBe(250_000);
    expect(baseLimit(sandbox, sales.id)).toBe(1_900_000);
    expect(writes(sandbox).map((w) => w.path)).toEqual([`/v2/spend_limits/${sales.id}`]);
    expect(auditRows(runtime).find((r) => r['Brex ID'] === sales.id)).toMatchObject({
      User: OWNER,
      'Typed by': BOB,
      Result: 'pushed',
    });
  });

  it('1. lets only a person with a write credential change the ceilings, and audits each change', async () => {
    const { runtime } = await syncedWorld(sandbox);

    const bob = await runtime.run(
      'saveWriteBackSettings',
      [{ ceilings: {}, defaultCeiling: 9e9 }],
      {
        as: BOB,
      },
    );
    await runtime.call('saveWriteBackSettings', [
      { ceilings: { USD: 500_000 }, defaultCeiling: 2_000_000 },
    ]);

    expect(bob.ok).toBe(false);
    expect(bob.error?.message).toContain('Only a person who can push');
    expect(await runtime.call('getWriteBackSettings')).toEqual({
      ceilings: { USD: 500_000 },
      defaultCeiling: 2_000_000,
    });
    expect(auditRows(runtime)).toEqual([
      expect.objectContaining({
        User: OWNER,
        Result: 'settings changed',
        Old: JSON.stringify({ ceilings: {}, defaultCeiling: 1_000_000 }),
        New: JSON.stringify({ ceilings: { USD: 500_000 }, defaultCeiling: 2_000_000 }),
      }),
    ]);
  });

  it('2. refuses an amount typed in another currency, as a percentage or as a date', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const created = await fetch(`${sandbox.url}/v2/spend_limits`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sandbox.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': 'kuwait-limit',
      },
      // Every field Brex's create requires; the sandbox refuses a body without them.
      body: JSON.stringify({
        name: 'Kuwait Office',
        period_recurrence_type: 'PER_MONTH',
        authorization_settings: { base_limit: { amount: 500_000, currency: 'KWD' } },
        expense_visibility: 'SHARED',
        authorization_visibility: 'PUBLIC',
        limit_increase_setting: 'DISABLED',
        spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
        auto_transfer_cards_setting: 'DISABLED',
        auto_create_limit_cards_setting: 'ALL_MEMBERS',
        expense_policy_id: sandbox.snapshot().spend_limits[0]?.expense_policy_id,
      }),
    });
    expect(created.status).toBe(200);
    await runtime.call('refreshNow', []);
    sandbox.log.length = 0;
    const before = amounts(sandbox);
    const cases: [string, string, string][] = [
      ['Kuwait Office', '$30', 'typed in "$", but this spend limit is in KWD'],
      ['EU Conferences', '$5000', 'typed in "$", but this spend limit is in EUR'],
      ['London Office', '$30', 'typed in "$", but this spend limit is in GBP'],
      ['Engineering SaaS', '50%', 'percentage'],
      ['Recruiting', '3/4/2026', 'date'],
    ];
    for (const [name, typed] of cases)
      await typeAs(runtime, OWNER, limitNamed(sandbox, name).id, typed);
    // The limit's own currency is what the person meant.
    const office = limitNamed(sandbox, 'Office Supplies');
    await typeAs(runtime, OWNER, office.id, '$3,000');

    const shown = await review(runtime);
    const results = await push(runtime, everything(shown));

    for (const [name, , why] of cases) {
      const id = limitNamed(sandbox, name).id;
      expect(shown.changes.find((c) => c.id === id)?.problem).toContain(why);
      expect(results.find((r) => r.id === id)?.outcome).toBe('refused');
      expect(baseLimit(sandbox, id)).toBe(before.get(id));
    }
    expect(results.find((r) => r.id === office.id)?.outcome).toBe('pushed');
    expect(writes(sandbox).map((w) => w.path)).toEqual([`/v2/spend_limits/${office.id}`]);
  });

  it('3. refuses rows a one-column sort moved away from their id, before and after a refresh', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const before = amounts(sandbox);
    const names = ['Engineering SaaS', 'Sales Travel', 'Marketing Events', 'Finance Tools'];
    for (const [n, name] of names.entries()) {
      await typeAs(runtime, OWNER, limitNamed(sandbox, name).id, 1000 + n);
    }
    const sheet = sheetOf(runtime);
    const idColumn = headerRow(runtime).indexOf('Brex ID') + 1;
    const rows = runtime.values(SHEET).length - 1;
    // The person sorts the "Brex ID" column alone, descending: every other column stays put.
    sortRows(sheet, { row: 2, column: idColumn, rows, columns: 1 }, [
      { column: idColumn, ascending: false },
    ]);

    const shown = await review(runtime);
    expect(shown.changes.length).toBeGreaterThanOrEqual(names.length);
    for (const change of shown.changes) {
      expect(change.problem).toContain(`no longer matches Brex ID ${change.id}`);
      // The review names the limit Brex has under that id, never the row's Name cell.
      expect(change.name).toBe(limitById(sandbox, change.id).name);
    }
    await push(runtime, everything(shown));
    await runtime.call('refreshNow', []);
    const again = await review(runtime);
    await push(runtime, everything(again));

    expect(again.changes.every((c) => c.problem?.includes('no longer matches'))).toBe(true);
    expect(writes(sandbox)).toHaveLength(0);
    expect(amounts(sandbox)).toEqual(before);
    expect(auditRows(runtime).every((r) => r.Result === 'refused')).toBe(true);
    for (const row of auditRows(runtime)) {
      expect(row.Target).toBe(limitById(sandbox, row['Brex ID'] as string).name);
    }
  });

  it('3. pushes what each row says after a sort by several whole columns, filtered or not', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const typed = new Map<string, number>();
    for (const [n, name] of ['Engineering SaaS', 'Recruiting', 'Customer Onsites'].entries()) {
      const id = limitNamed(sandbox, name).id;
      typed.set(id, 4000 + n);
      await typeAs(runtime, OWNER, id, 4000 + n);
    }
    const sheet = sheetOf(runtime);
    const width = headerRow(runtime).length;
    const header = headerRow(runtime);
    sortRows(sheet, { row: 2, column: 1, rows: runtime.values(SHEET).length - 1, columns: width }, [
      { column: header.indexOf('Period') + 1, ascending: true },
      { column: header.indexOf('Name') + 1, ascending: false },
    ]);

    const results = await push(runtime, everything(await review(runtime)));

    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'pushed', 'pushed']);
    for (const [id, amount] of typed) expect(baseLimit(sandbox, id)).toBe(amount * 100);
    expect(writes(sandbox)).toHaveLength(3);
  });

  it.each([1, 3])(
    '4. stops the data set when %i title row(s) sit above the header, and marks nothing removed',
    async (titles) => {
      const { runtime } = await syncedWorld(sandbox);
      const sheet = sheetOf(runtime);
      const rowsBefore = runtime.values(SHEET).length;
      insertRows(runtime.workbook, sheet, 1, titles);
      put(sheet, 1, 1, 'Spend limits, Q1 review');

      const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;

      const limits = summary.dataSets.find((d) => d.id === 'spend_limits');
      expect(limits?.state).toBe('error');
      expect(summary.message).toMatch(/^Finished with errors: 1 of \d+ data sets? failed/);
      expect(limits?.message).toContain(`is in row ${titles + 1}, not row 1`);
      const flat = runtime.values(SHEET).flat();
      expect(flat.filter((v) => v === 'Brex ID')).toHaveLength(1);
      expect(flat).not.toContain('Removed in Brex');
      expect(runtime.values(SHEET)).toHaveLength(rowsBefore + titles);

      // The person moves the title away: the next refresh finds every row again.
      deleteRows(sheet, 1, titles);
      const next = (await runtime.call('refreshNow', [])) as typeof summary;
      expect(next.dataSets.find((d) => d.id === 'spend_limits')?.state).toBe('ok');
      expect(runtime.values(SHEET).flat()).not.toContain('Removed in Brex');
      expect(runtime.values(SHEET)).toHaveLength(rowsBefore);
    },
  );

  it('4. stops instead of marking most of a sheet "Removed in Brex"', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    const idColumn = headerRow(runtime).indexOf('Brex ID') + 1;
    const rows = runtime.values(SHEET).length;
    // A paste over the id column: the sheet no longer shows the ids it was synced with.
    for (let row = 2; row <= rows; row += 1) put(sheet, row, idColumn, `pasted-${row}`);

    const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;

    expect(summary.dataSets.find((d) => d.id === 'spend_limits')?.message).toContain(
      `would mark ${rows - 1} of the ${rows - 1} rows`,
    );
    expect(runtime.values(SHEET).flat()).not.toContain('Removed in Brex');
    expect(runtime.values(SHEET)).toHaveLength(rows);
  });

  it.each(['status', 'remaining', 'SYNC STATUS'])(
    '5. never writes into a person’s column headed "%s", left or right of ours',
    async (header) => {
      const { runtime } = await syncedWorld(sandbox);
      const sheet = sheetOf(runtime);
      const rows = runtime.values(SHEET).length;
      // Right of every column of ours, "Sync status" included, once the left one is in.
      insertColumns(runtime.workbook, sheet, 1, 1);
      for (const at of [1, headerRow(runtime).length + 1]) {
        sheet.maxColumns = Math.max(sheet.maxColumns, at);
        put(sheet, 1, at, header);
        for (let row = 2; row <= rows; row += 1) put(sheet, row, at, `mine ${row}`);
      }
      const archived = limitNamed(sandbox, 'Sales Travel');
      control(sandbox, 'PUT', `/spend_limits/${archived.id}`, {
        status: 'ARCHIVED',
        name: 'Sales',
      });

      const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;

      expect(summary.dataSets.find((d) => d.id === 'spend_limits')?.state).toBe('ok');
      const grid = runtime.values(SHEET);
      const mine = (grid[0] ?? []).flatMap((h, i) => (h === header ? [i] : []));
      expect(mine).toHaveLength(2);
      for (const column of mine) {
        for (let row = 1; row < rows; row += 1) expect(grid[row]?.[column]).toBe(`mine ${row + 1}`);
      }
      expect(grid[0]?.filter((h) => h === 'Status')).toHaveLength(1);
      const status = (grid[0] ?? []).indexOf('Status');
      const row = grid.find((cells) => cells.includes(archived.id));
      expect([row?.[status], row?.includes('Sales')]).toEqual(['Archived', true]);
    },
  );

  it('5. leaves a person’s "Status" and "Base limit" columns left of ours alone: never written, never read', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    const rows = runtime.values(SHEET).length;
    insertColumns(runtime.workbook, sheet, 1, 2);
    put(sheet, 1, 1, 'Status');
    put(sheet, 1, 2, 'Base limit');
    for (let row = 2; row <= rows; row += 1) {
      put(sheet, row, 1, `mine ${row}`);
      cellFor(sheet, row, 2).value = 1;
    }
    const archived = limitNamed(sandbox, 'Sales Travel');
    control(sandbox, 'PUT', `/spend_limits/${archived.id}`, { status: 'ARCHIVED' });

    const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;
    const office = limitNamed(sandbox, 'Office Supplies');
    const ours = headerRow(runtime).lastIndexOf('Base limit');
    const row = runtime.values(SHEET).findIndex((cells) => cells.includes(office.id));
    await runtime.edit(`${SHEET}!${columnLetter(ours)}${row + 1}`, 3000, { as: OWNER });
    const shown = await review(runtime);
    const results = await push(runtime, everything(shown));

    expect(summary.dataSets.find((d) => d.id === 'spend_limits')).toMatchObject({ state: 'ok' });
    const grid = runtime.values(SHEET);
    for (let r = 1; r < rows; r += 1)
      expect([grid[r]?.[0], grid[r]?.[1]]).toEqual([`mine ${r + 1}`, 1]);
    const archivedRow = grid.find((cells) => cells.includes(archived.id));
    expect(archivedRow?.[headerRow(runtime).lastIndexOf('Status')]).toBe('Archived');
    expect(shown.changes.map((c) => c.id)).toEqual([office.id]);
    expect(results).toMatchObject([{ id: office.id, outcome: 'pushed' }]);
    expect(baseLimit(sandbox, office.id)).toBe(300_000);
  });

  it('5. knows our renamed "Base limit" column by its tag: a refresh writes it, a push reads it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    const column = headerRow(runtime).indexOf('Base limit');
    put(sheet, 1, column + 1, 'Monthly cap');
    const sales = limitNamed(sandbox, 'Sales Travel');
    control(sandbox, 'PUT', `/spend_limits/${sales.id}`, {
      authorization_settings: { base_limit: { amount: 2_000_000, currency: 'USD' } },
    });

    await runtime.call('refreshNow', []);
    const office = limitNamed(sandbox, 'Office Supplies');
    const grid = runtime.values(SHEET);
    const row = (id: string) => grid.findIndex((cells) => cells.includes(id));
    await runtime.edit(`${SHEET}!${columnLetter(column)}${row(office.id) + 1}`, 3000, {
      as: OWNER,
    });
    const results = await push(runtime, everything(await review(runtime)));

    expect(headerRow(runtime)).not.toContain('Base limit');
    expect(grid[row(sales.id)]?.[column]).toBe(20000);
    expect(results).toMatchObject([{ id: office.id, outcome: 'pushed' }]);
    expect(baseLimit(sandbox, office.id)).toBe(300_000);
  });

  it('5. adds our deleted "Status" column again at the right, not taking a person’s "Status" for it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    const rows = runtime.values(SHEET).length;
    deleteColumns(sheet, headerRow(runtime).indexOf('Status') + 1, 1);
    insertColumns(runtime.workbook, sheet, 1, 1);
    put(sheet, 1, 1, 'Status');
    for (let row = 2; row <= rows; row += 1) put(sheet, row, 1, `mine ${row}`);
    const width = headerRow(runtime).length;

    const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;

    expect(summary.dataSets.find((d) => d.id === 'spend_limits')?.state).toBe('ok');
    const grid = runtime.values(SHEET);
    for (let r = 1; r < rows; r += 1) expect(grid[r]?.[0]).toBe(`mine ${r + 1}`);
    expect(grid[0]?.[width]).toBe('Status');
    const engineering = grid.find((cells) =>
      cells.includes(limitNamed(sandbox, 'Engineering SaaS').id),
    );
    expect(engineering?.[width]).toBe('Active');
  });

  it('5. still finds the columns of a sheet made before tags by header text, and tags them', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    delete sheet.columnMetadata;
    const office = limitNamed(sandbox, 'Office Supplies');

    await runtime.call('refreshNow', []);
    await typeAs(runtime, OWNER, office.id, 3000);
    const results = await push(runtime, everything(await review(runtime)));

    expect(results).toMatchObject([{ id: office.id, outcome: 'pushed' }]);
    const tags = sheetOf(runtime).columnMetadata?.map((m) => [m.value, m.column]);
    expect(tags?.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual(
      headerRow(runtime).map((header, index) => [header, index + 1]),
    );
  });

  it('6. puts a deleted column of ours right of every used column, not over notes', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sheet = sheetOf(runtime);
    const header = headerRow(runtime);
    const rows = runtime.values(SHEET).length;
    // Notes in the untitled column right of the add-on's last header, and one column deleted.
    const notes = header.length + 1;
    sheet.maxColumns = Math.max(sheet.maxColumns, notes);
    for (let row = 2; row <= rows; row += 1) put(sheet, row, notes, `note ${row}`);
    deleteColumns(sheet, header.indexOf('Description') + 1, 1);

    await runtime.call('refreshNow', []);

    const grid = runtime.values(SHEET);
    for (let row = 1; row < rows; row += 1) expect(grid[row]?.[notes - 2]).toBe(`note ${row + 1}`);
    expect((grid[0] ?? []).indexOf('Description')).toBe(notes - 1);
  });

  it('8. says an earlier push whose answer was lost may have been applied, instead of blaming Brex', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Recruiting');
    await typeAs(runtime, OWNER, limit.id, 12500);
    sandbox.setFaults('lost=1');
    const [lost] = await push(runtime, everything(await review(runtime)));
    sandbox.setFaults('');
    expect(lost?.outcome).toBe('unknown');

    await typeAs(runtime, OWNER, limit.id, 13000);
    const shown = await review(runtime);
    const [result] = await push(runtime, everything(shown));

    expect(shown.changes[0]?.consequences.join(' ')).toContain(
      'got no answer from Brex and was applied: Brex has 12,500.00 USD. Discard this edit to keep',
    );
    expect(result).toMatchObject({ outcome: 'conflict', brex: { minorUnits: 1_250_000 } });
    expect(result?.message).toContain('an earlier push by owner@example.com');
    expect(result?.message).not.toContain('changed in Brex');
    expect(baseLimit(sandbox, limit.id)).toBe(1_250_000);
  });

  it('8. answers arguments of the wrong shape with what the function takes, and sends nothing', async () => {
    const { runtime } = await syncedWorld(sandbox);
    await typeAs(runtime, OWNER, limitNamed(sandbox, 'Recruiting').id, 12500);
    const limit = limitNamed(sandbox, 'Recruiting');
    const cases: [string, unknown[], string][] = [
      ['saveSyncSettings', [null], 'saveSyncSettings takes one object'],
      ['pushSpendLimitChanges', [limit.id], 'takes the reviewed changes'],
      ['pushSpendLimitChanges', [[limit.id]], 'takes the reviewed changes'],
      ['pushSpendLimitChanges', [], 'takes the reviewed changes'],
      ['discardSpendLimitChanges', ['abc'], 'takes a list of ids'],
      ['refreshNow', ['spend_limits'], 'takes a list of ids'],
      ['saveWriteBackSettings', [null], 'takes one object'],
      ['revertAuditEntry', [{}], 'takes a row number'],
      [
        'saveSyncSettings',
        [{ dataSets: ['spend_limits'], historyStart: '0000-01-01' }],
        'out of range',
      ],
      [
        'saveSyncSettings',
        [{ dataSets: ['spend_limits'], historyStart: '1999-12-31' }],
        'out of range',
      ],
      [
        'saveSyncSettings',
        [{ dataSets: ['spend_limits'], historyStart: '2026-03-16' }],
        'out of range',
      ],
    ];
    for (const [name, args, message] of cases) {
      const result = await runtime.run(name, args);
      expect([name, result.ok, result.error?.message ?? '']).toEqual([
        name,
        false,
        expect.stringContaining(message),
      ]);
    }
    expect(sandbox.log).toHaveLength(0);
    expect(baseLimit(sandbox, limit.id)).toBe(1_200_000);
    await runtime.call('saveSyncSettings', [
      { dataSets: ['spend_limits'], historyStart: '2000-01-01' },
    ]);
  });

  it('sends Brex only the base limit: a null or read-only field would be refused by name', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Finance Tools');
    // Brex answers with a null where its request schema takes none; echoing it back is refused.
    const row = sandbox.company.state.spendLimits.all().find((r) => r.data.id === limit.id);
    (row?.data.authorization_settings as Record<string, unknown>).rollover_refresh_rate = null;
    await typeAs(runtime, OWNER, limit.id, 31000);

    const [result] = await push(runtime, everything(await review(runtime)));

    expect(result?.outcome).toBe('pushed');
    expect(result?.message).not.toContain('Brex also changed');
    expect(baseLimit(sandbox, limit.id)).toBe(3_100_000);
    const refusals: [unknown, string][] = [
      [
        { authorization_settings: { rollover_refresh_rate: null } },
        'rollover_refresh_rate may not be null',
      ],
      [
        { authorization_settings: { limit_with_increases: { amount: 1, currency: 'USD' } } },
        'authorization_settings.limit_with_increases is read-only',
      ],
      [{ id: limit.id }, 'id is read-only'],
    ];
    for (const [body, message] of refusals) {
      const response = await fetch(`${sandbox.url}/v2/spend_limits/${limit.id}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${sandbox.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `k-${message}`,
        },
        body: JSON.stringify(body),
      });
      expect([response.status, JSON.stringify(await response.json())]).toEqual([
        400,
        expect.stringContaining(message),
      ]);
    }
  });
});

/** The column (1-based) under a header, as the sheet is now. */
function columnOf(runtime: Runtime, header: string): number {
  return headerRow(runtime).indexOf(header) + 1;
}

/** The sheet row (1-based) of a limit, as the sheet is now. */
function rowOf(runtime: Runtime, id: string): number {
  const idColumn = columnOf(runtime, 'Brex ID') - 1;
  return runtime.values(SHEET).findIndex((cells) => cells[idColumn] === id) + 1;
}

/** A person's filter over the whole table, hiding the rows that match `hide`. */
function filterTable(runtime: Runtime, hide: Record<string, string[]>): void {
  const sheet = sheetOf(runtime);
  const grid = runtime.values(SHEET);
  createFilter(sheet, { row: 1, column: 1, rows: grid.length, columns: headerRow(runtime).length });
  for (const [header, hiddenValues] of Object.entries(hide))
    setColumnCriteria(sheet, columnOf(runtime, header), { hiddenValues });
}

const hidden = (runtime: Runtime, id: string): boolean =>
  isRowHiddenByFilter(sheetOf(runtime), rowOf(runtime, id), runtime.workbook.timeZone);

describe('a filter on the sheet: edits, a paste and a fill over filtered rows, a sort through the filter', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('sends exactly what the review showed, to the limit it showed, and nothing typed after it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const before = amounts(sandbox);
    const id = (name: string) => limitNamed(sandbox, name).id;
    // Quarterly limits and everything not in USD are filtered out of sight.
    filterTable(runtime, { Period: ['Per quarter'], Currency: ['GBP', 'EUR', 'JPY'] });
    expect(hidden(runtime, id('Marketing Events'))).toBe(true);
    expect(hidden(runtime, id('London Office'))).toBe(true);
    expect(hidden(runtime, id('Sales Travel'))).toBe(false);
    expect(runtime.values(SHEET)).toHaveLength(13); // getValues still returns the hidden rows

    const amount = columnOf(runtime, 'Base limit');
    const letter = columnLetter(amount - 1);
    // The owner types into a visible row.
    await typeAs(runtime, OWNER, id('Engineering SaaS'), 3001);
    // Bob pastes four amounts from Sales Travel down: the block covers the hidden Marketing Events.
    const first = rowOf(runtime, id('Sales Travel'));
    const pasted = ['Sales Travel', 'Marketing Events', 'Finance Tools', 'Office Supplies'];
    expect(pasted.map((name) => rowOf(runtime, id(name)))).toEqual(
      [0, 1, 2, 3].map((n) => first + n),
    );
    await runtime.paste(`${SHEET}!${letter}${first}`, [[3101], [3102], [3103], [3104]], {
      as: BOB,
    });
    // Carol fills 3200 down from Recruiting to London Office: only the rows she sees take it.
    for (const name of ['Recruiting', 'Customer Onsites', 'London Office']) {
      if (!hidden(runtime, id(name)))
        await runtime.paste(`${SHEET}!${letter}${rowOf(runtime, id(name))}`, [[3200]], {
          as: CAROL,
        });
    }
    // Someone sorts through the filter by name, Z to A: whole rows of the table move.
    sortFilter(sheetOf(runtime), columnOf(runtime, 'Name'), false);
    await runtime.call('refreshNow', []);

    const shown = await review(runtime);
    const expected = new Map([
      [id('Engineering SaaS'), 300_100],
      [id('Sales Travel'), 310_100],
      [id('Marketing Events'), 310_200],
      [id('Finance Tools'), 310_300],
      [id('Office Supplies'), 310_400],
      [id('Customer Onsites'), 320_000],
    ]);
    expect(new Map(shown.changes.map((c) => [c.id, c.new?.minorUnits]))).toEqual(expected);
    expect(shown.changes.every((c) => c.problem === null)).toBe(true);
    for (const change of shown.changes)
      expect(change.name).toBe(limitById(sandbox, change.id).name);

    // After the review Bob pastes over the filtered block again, and the table is sorted again.
    await runtime.paste(`${SHEET}!${letter}${rowOf(runtime, id('Finance Tools'))}`, [[9999]], {
      as: BOB,
    });
    sortFilter(sheetOf(runtime), amount, true);
    const results = await push(runtime, everything(shown));

    const outcome = new Map(results.map((r) => [r.id, r.outcome]));
    expect(outcome.get(id('Finance Tools'))).not.toBe('pushed');
    const pushed = results.filter((r) => r.outcome === 'pushed').map((r) => r.id);
    expect(pushed.sort()).toEqual(
      [...expected.keys()].filter((k) => k !== id('Finance Tools')).sort(),
    );
    // Brex's final state: each reviewed amount on its own limit, the rest as they were.
    for (const [limit, was] of before) {
      expect(baseLimit(sandbox, limit)).toBe(pushed.includes(limit) ? expected.get(limit) : was);
    }
    expect(
      writes(sandbox)
        .map((w) => w.path.split('/').pop())
        .sort(),
    ).toEqual(pushed.sort());
    // The paste and the fill are each one edit: the audit names who made it.
    const typist = new Map([
      [id('Engineering SaaS'), OWNER],
      [id('Sales Travel'), BOB],
      [id('Marketing Events'), BOB],
      [id('Office Supplies'), BOB],
      [id('Customer Onsites'), CAROL],
    ]);
    const audited = auditRows(runtime).filter((r) => r.Result === 'pushed');
    expect(new Map(audited.map((r) => [r['Brex ID'], r['Typed by']]))).toEqual(typist);
  });

  it('refuses every row when the filter covers only some columns and a sort through it splits the rows', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const before = amounts(sandbox);
    for (const [n, name] of ['Engineering SaaS', 'Recruiting', 'Customer Onsites'].entries())
      await typeAs(
        runtime,
        [OWNER, BOB, CAROL][n] as string,
        limitNamed(sandbox, name).id,
        5001 + n,
      );
    // The filter spans Name to Base limit only: sorting through it leaves the ids where they were.
    const sheet = sheetOf(runtime);
    const amount = columnOf(runtime, 'Base limit');
    createFilter(sheet, { row: 1, column: 1, rows: runtime.values(SHEET).length, columns: amount });
    setColumnCriteria(sheet, columnOf(runtime, 'Period'), { hiddenValues: ['One time'] });
    sortFilter(sheet, amount, false);

    const shown = await review(runtime);
    const results = await push(runtime, everything(shown));

    expect(shown.changes.length).toBeGreaterThanOrEqual(3);
    expect(shown.changes.every((c) => c.problem?.includes('no longer matches'))).toBe(true);
    expect(results.filter((r) => r.outcome === 'pushed')).toEqual([]);
    expect(writes(sandbox)).toHaveLength(0);
    expect(amounts(sandbox)).toEqual(before);
  });
});

describe('7. a change of the spreadsheet’s time zone', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'zone-tests', today: '2026-03-15', transactions: 20 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function synced(timeZone: string): Promise<Runtime> {
    const runtime = createRuntime({ brexUrl: sandbox.url });
    runtime.workbook.timeZone = timeZone;
    await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
    await runtime.call('saveSyncSettings', [
      { dataSets: ['transfers', 'expenses'], historyStart: '2026-01-01' },
    ]);
    await refreshUntilDone(runtime);
    return runtime;
  }

  /** Every date-time cell of the data sheets, by sheet, id and header, as an instant. */
  function instants(runtime: Runtime): Map<string, number> {
    const out = new Map<string, number>();
    for (const sheet of ['Brex Expenses', 'Brex Transfers']) {
      for (const [id, row] of rowsOf(runtime, sheet)) {
        for (const [header, value] of Object.entries(row)) {
          if (value instanceof Date) out.set(`${sheet}|${id}|${header}`, value.getTime());
        }
      }
    }
    return out;
  }

  it('shows every timestamp again in the new zone, as a clean sync would, and says so', async () => {
    const moved = await synced('America/Los_Angeles');
    moved.workbook.timeZone = 'Asia/Tokyo';
    const summary = await refreshUntilDone(moved);
    const clean = await synced('Asia/Tokyo');

    const expected = instants(clean);
    expect(expected.size).toBeGreaterThan(10);
    expect(instants(moved)).toEqual(expected);
    expect(summary.dataSets.map((d) => d.state)).toEqual(['ok', 'ok']);
    const log = moved.values('Brex Sync Log').flat().map(String);
    expect(
      log.some((text) => text.includes('time zone changed from America/Los_Angeles to Asia/Tokyo')),
    ).toBe(true);
  });
});

describe('8. a user whose limit Brex cannot find', () => {
  it('leaves that user’s limit cells blank and every other user’s row in place', async () => {
    const sandbox = await startSandbox({ seed: 'users-404', today: '2026-03-15', transactions: 5 });
    try {
      const runtime = createRuntime({ brexUrl: sandbox.url });
      await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
      await runtime.call('saveSyncSettings', [{ dataSets: ['users'], historyStart: '2026-01-01' }]);
      const users = [...sandbox.company.state.userLimits.keys()];
      const missing = users[1] as string;
      sandbox.company.state.userLimits.delete(missing);

      const summary = await refreshUntilDone(runtime);

      expect(summary.dataSets.map((d) => d.state)).toEqual(['ok']);
      const rows = rowsOf(runtime, 'Brex Users');
      expect(rows.size).toBe(sandbox.snapshot().users.length);
      expect(rows.get(missing)?.['Monthly limit']).toBe('');
      const other = rows.get(users[0] as string);
      expect(typeof other?.['Monthly limit']).toBe('number');
    } finally {
      await sandbox.close();
    }
  });
});

/** Moves a column (1-based) to before column `to` (1-based, in the grid before the move). */
function moveColumn(sheet: Sheet, from: number, to: number): void {
  moveColumns(sheet, from, 1, to);
}

describe('variations: pending edits by three people, the sheet rearranged, a refresh, then a push of everything', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  type Change = (runtime: Runtime, sheet: Sheet, column: (header: string) => number) => void;

  const VARIATIONS: [string, Change, 'pushed' | 'refused'][] = [
    [
      'a column inserted before "Base limit"',
      (r, s, c) => insertColumns(r.workbook, s, c('Base limit'), 1),
      'pushed',
    ],
    [
      '"Brex ID" moved to the far right',
      (_r, s, c) => moveColumn(s, c('Brex ID'), s.maxColumns + 1),
      'pushed',
    ],
    ['"Base limit" moved first', (_r, s, c) => moveColumn(s, c('Base limit'), 1), 'pushed'],
    ['the "Members" column deleted', (_r, s, c) => deleteColumns(s, c('Members'), 1), 'pushed'],
    [
      'a person’s column left and right of each of ours',
      (r, s) => {
        const ours = headerRow(r);
        for (let index = ours.length; index >= 1; index -= 1) {
          insertColumns(r.workbook, s, index + 1, 1);
          put(s, 1, index + 1, `${ours[index - 1]?.toLowerCase()} (mine)`);
          insertColumns(r.workbook, s, index, 1);
          put(s, 1, index, (ours[index - 1] ?? '').toUpperCase());
        }
      },
      'pushed',
    ],
    [
      'whole rows sorted by Period, then by Name Z to A',
      (r, s, c) =>
        sortRows(
          s,
          { row: 2, column: 1, rows: r.values(SHEET).length - 1, columns: c('Brex ID') },
          [
            { column: c('Period'), ascending: true },
            { column: c('Name'), ascending: false },
          ],
        ),
      'pushed',
    ],
    [
      'a filter hiding two of the edited rows, sorted through it',
      (r, s, c) => {
        createFilter(s, {
          row: 1,
          column: 1,
          rows: r.values(SHEET).length,
          columns: c('Sync status'),
        });
        setColumnCriteria(s, c('Period'), { hiddenValues: ['Per quarter', 'Per week'] });
        sortFilter(s, c('Name'), true);
      },
      'pushed',
    ],
    [
      'two title rows inserted above the header',
      (r, s) => {
        insertRows(r.workbook, s, 1, 2);
        put(s, 1, 1, 'Spend limits');
        put(s, 2, 1, 'Reviewed by finance each Monday');
      },
      // The refresh stops that data set; the review still finds each row by its id and its header.
      'pushed',
    ],
    ['the "Name" column deleted', (_r, s, c) => deleteColumns(s, c('Name'), 1), 'refused'],
    [
      'the "Name" column sorted on its own',
      (r, s, c) =>
        sortRows(s, { row: 2, column: c('Name'), rows: r.values(SHEET).length - 1, columns: 1 }, [
          { column: c('Name'), ascending: false },
        ]),
      'refused',
    ],
    [
      'another row’s Name and Period pasted over each edited row',
      (r, s, c) => {
        const grid = r.values(SHEET);
        for (let row = 2; row <= grid.length; row += 1) {
          const amount = grid[row - 1]?.[c('Base limit') - 1];
          if (typeof amount !== 'number' || amount >= 4000) continue;
          put(s, row, c('Name'), 'Pasted name');
          put(s, row, c('Period'), 'PER_YEAR');
        }
      },
      'refused',
    ],
  ];

  it.each(VARIATIONS)('%s', async (_name, change, expected) => {
    const { runtime } = await syncedWorld(sandbox);
    const before = amounts(sandbox);
    const typed = new Map<string, number>();
    const people = [OWNER, BOB, CAROL];
    for (const [n, name] of ['Engineering SaaS', 'Recruiting', 'Customer Onsites'].entries()) {
      const id = limitNamed(sandbox, name).id;
      typed.set(id, 3001 + n);
      await typeAs(runtime, people[n] as string, id, 3001 + n);
    }
    const sheet = sheetOf(runtime);
    const column = (header: string): number => headerRow(runtime).indexOf(header) + 1;

    change(runtime, sheet, column);
    await runtime.call('refreshNow', []);
    const shown = await review(runtime);
    const results = await push(runtime, everything(shown));

    // Brex's final state: nothing nobody reviewed, nothing to the wrong limit.
    for (const [id, amount] of amounts(sandbox)) {
      expect([before.get(id), (typed.get(id) ?? NaN) * 100]).toContain(amount);
    }
    const pushed = results.filter((r) => r.outcome === 'pushed').map((r) => r.id);
    if (expected === 'pushed') {
      expect(pushed.sort()).toEqual([...typed.keys()].sort());
      for (const [id, amount] of typed) expect(baseLimit(sandbox, id)).toBe(amount * 100);
    } else {
      expect(pushed).toEqual([]);
      expect(writes(sandbox)).toHaveLength(0);
    }
  });
});
