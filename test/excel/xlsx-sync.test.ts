/**
 * The headless Excel sync: the built bundle in the local runtime against the sandbox over
 * loopback, into a real `.xlsx` read back by exceljs, as a person would open it in Excel.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { syncCommand, syncWorkbook } from '../../dev/excel/sync-command';
import { STATE_SHEET } from '../../dev/excel/xlsx-file';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { control, SANDBOX_OPTIONS } from '../support/world';

jest.setTimeout(120_000);

const DATA_SETS = [
  'departments',
  'users',
  'cards',
  'spend_limits',
  'accounts',
  'card_transactions',
  'expenses',
];

let sandbox: Sandbox;
let dir: string;
let xlsx: string;

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX_OPTIONS);
  dir = mkdtempSync(join(tmpdir(), 'brex-xlsx-'));
  xlsx = join(dir, 'brex.xlsx');
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = () =>
  syncWorkbook({
    xlsx,
    token: sandbox.token,
    brexUrl: sandbox.url,
    dataSets: DATA_SETS,
    historyStart: '2025-01-01',
  });

async function open(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`No sheet ${name}.`);
  return ws;
}

/** Column number (1-based) of a header in row 1. */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, c) => {
    if (cell.value === header) found = c;
  });
  if (!found) throw new Error(`No column ${header} in ${ws.name}.`);
  return found;
}

function idsOf(ws: ExcelJS.Worksheet): string[] {
  const column = columnOf(ws, 'Brex ID');
  const ids: string[] = [];
  ws.eachRow((row, r) => {
    if (r > 1 && row.getCell(column).value) ids.push(String(row.getCell(column).value));
  });
  return ids;
}

describe('sync to Excel', () => {
  it('round-trips: a second sync after new transactions is incremental, duplicates nothing and keeps a person’s column', async () => {
    await sync();
    // A person adds a column in Excel, one note per transaction.
    let book = await open();
    let ws = sheet(book, 'Brex Card Transactions');
    const mine = ws.actualColumnCount + 1;
    const idColumn = columnOf(ws, 'Brex ID');
    ws.getCell(1, mine).value = 'My note';
    ws.eachRow((row, r) => {
      if (r > 1) row.getCell(mine).value = `checked ${String(row.getCell(idColumn).value)}`;
    });
    const noted = idsOf(ws).length;
    await book.xlsx.writeFile(xlsx);
    control(sandbox, 'POST', '/card-transactions', { count: 200 });
    sandbox.log.length = 0;

    await sync();

    // The connection's probe asks for one item; the refresh's pages for a thousand.
    const cardPages = sandbox.log.filter(
      (r) => r.path === '/v2/transactions/card/primary' && r.query.limit?.[0] !== '1',
    );
    expect(cardPages.length).toBeGreaterThan(0);
    // Read from the last posted date minus the 3-day lookback, not from the history start.
    expect(cardPages.every((r) => (r.query.posted_at_start?.[0] ?? '') >= '2026-03-12')).toBe(true);
    book = await open();
    ws = sheet(book, 'Brex Card Transactions');
    const ids = idsOf(ws);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(sandbox.snapshot().card_transactions.map((t) => t.id)));
    expect(ids.length).toBe(noted + 200);
    const note = columnOf(ws, 'My note');
    const id = columnOf(ws, 'Brex ID');
    let kept = 0;
    ws.eachRow((row, r) => {
      const value = row.getCell(note).value;
      if (r === 1 || value === null) return;
      expect(value).toBe(`checked ${String(row.getCell(id).value)}`);
      kept += 1;
    });
    expect(kept).toBe(noted);
  });

  it('writes number formats per currency, frozen bold headers, dates and the dashboard tables, and no token', async () => {
    const book = await open();

    const card = sheet(book, 'Brex Card Transactions');
    expect(card.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(card.getCell(1, 1).font?.bold).toBe(true);
    const amount = card.getCell(2, columnOf(card, 'Amount'));
    expect(amount.numFmt).toBe('#,##0.00');
    expect(typeof amount.value).toBe('number');
    expect(card.getCell(2, columnOf(card, 'Posted date')).value).toBeInstanceOf(Date);
    const limits = sheet(book, 'Brex Spend Limits');
    const byId = new Map(sandbox.snapshot().spend_limits.map((l) => [l.id, l]));
    let checked = 0;
    limits.eachRow((row, r) => {
      if (r === 1) return;
      const limit = byId.get(String(row.getCell(columnOf(limits, 'Brex ID')).value));
      const base = limit?.authorization_settings?.base_limit;
      if (!base) return;
      const cell = row.getCell(columnOf(limits, 'Base limit'));
      const exponent = { JPY: 0, KWD: 3 }[base.currency ?? ''] ?? 2;
      expect(cell.numFmt).toBe(exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`);
      expect(cell.value).toBe(base.amount / 10 ** exponent);
      checked += 1;
    });
    expect(checked).toBe(byId.size);

    const dashboard = sheet(book, 'Brex Dashboard');
    const labels: string[] = [];
    dashboard.eachRow((row, r) => (labels[r] = String(row.getCell(1).value ?? '')));
    expect(labels).toEqual(
      expect.arrayContaining([
        'Balances',
        'Spend by month',
        'Spend by category',
        'Spend-limit use',
      ]),
    );
    // The months table covers the last 12 months of today's date, which includes the sandbox's.
    const march = dashboard.getRow(labels.indexOf('Mar 2026'));
    const expected = sandbox
      .snapshot()
      .card_transactions.filter(
        (t) =>
          t.posted_at_date.startsWith('2026-03') &&
          ['PURCHASE', 'REFUND', 'CHARGEBACK'].includes(String(t.type)),
      )
      .reduce((sum, t) => sum + (t.amount.amount ?? 0), 0);
    expect(march.getCell(2).value).toBe(expected / 100);
    expect(march.getCell(2).numFmt).toBe('#,##0.00');

    expect(sheet(book, STATE_SHEET).state).toBe('veryHidden');
    for (const ws of book.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => expect(String(cell.value)).not.toContain(sandbox.token)),
      );
  });

  it('refuses a token on the command line, naming the safe ways', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${sandbox.token}\n`);
    chmodSync(tokenFile, 0o600);

    await expect(syncCommand(['--token', sandbox.token, '--xlsx', xlsx])).rejects.toThrow(
      /--token is not accepted: other users of this machine can read a command line\. .*--token-file FILE.*BREX_TOKEN/,
    );
  });
});
