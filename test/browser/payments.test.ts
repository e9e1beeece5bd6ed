/**
 * Vendor payments in a real browser, by two people on one preview: Ana (the spreadsheet's owner)
 * types five payment rows into "Brex Transfers" and reviews them, which stages them as hers; the
 * sidebar will not let her approve them (two-person rule) and says why. Bea takes the keyboard,
 * adds her own write credential, sees the five with their totals, approves them after the
 * confirmation, and the rows get Brex's transfer ids and statuses. The sandbox then holds exactly
 * five new transfers. Screenshots of each state go to test-artifacts/browser/.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import type { Sandbox } from '../../dev/sandbox';
import type { Transfer } from '../../src/brex';
import { launchChromium, screenshot, type Browser } from './support/browser';

jest.setTimeout(240_000);

const BEA = 'bea@example.com';
const TRANSFERS = 'Brex Transfers';
const ACH = {
  type: 'ACH',
  routing_number: '021000021',
  account_number: '123456789',
  account_type: 'CHECKING',
  account_class: 'BUSINESS',
};
/** Five payments: vendor, amount as typed, memo. $48,210.00 in all. */
const PAYMENTS = [
  ['Northwind Traders', '12500', 'INV 1001'],
  ['Northwind Traders', '9,800.00', 'INV 1002'],
  ['Initech', '$7,410', 'INV 2001'],
  ['Initech', '11000.50', 'INV 2002'],
  ['Initech', '7499.50', 'INV 2003'],
] as const;

let browser: Browser;
let preview: Preview;
let page: Page;
let account: string;
let before: Set<string>;

const sandbox = () => preview.sandbox as Sandbox;
const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');
const sidebarPanel = () => page.locator('#sidebar');
const approval = () => sidebar().getByRole('region', { name: 'Payments to approve' });
const approveButton = () => approval().getByRole('button', { name: /^Approve and send/ });

async function post(path: string, body: unknown): Promise<unknown> {
  const reply = await fetch(new URL(path, preview.url), {
    method: 'POST',
    body: JSON.stringify(body),
  });
  const outcome = (await reply.json()) as { ok: boolean; message?: string; value?: unknown };
  if (!outcome.ok) throw new Error(`${path}: ${outcome.message}`);
  return outcome.value;
}

/** A call from the sidebar's side, as the person at the keyboard. */
const call = (functionName: string, ...args: unknown[]) =>
  post('/api/call', { functionName, args });

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

/** Types into a cell of the shown sheet as a person does: click, type, Enter. */
async function typeInto(a1: string, text: string): Promise<void> {
  await page.locator(`#grid td[data-cell="${a1}"]`).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([cell, value]) =>
      document.querySelector(`#grid td[data-cell="${cell}"]`)?.textContent !== '' || value === '',
    [a1, text],
  );
}

function column(header: string): string {
  const grid = preview.runtime.values(TRANSFERS);
  const index = (grid[0] as unknown[]).indexOf(header);
  if (index < 0) throw new Error(`"${TRANSFERS}" has no "${header}" column.`);
  return String.fromCharCode(65 + index);
}

beforeAll(async () => {
  browser = await launchChromium();
  preview = await startPreview({ sandbox: { seed: 'payments-browser', transactions: 20 } });
  for (const name of ['Northwind Traders', 'Initech']) {
    const reply = await fetch(`${sandbox().url}/_sandbox/vendors`, {
      method: 'POST',
      body: JSON.stringify({ company_name: name, payment_accounts: [{ details: ACH }] }),
    });
    if (!reply.ok) throw new Error(`The sandbox refused vendor ${name}: ${await reply.text()}`);
  }
  account = (sandbox().snapshot().cash_accounts[0] as { name: string }).name;
  before = new Set(
    sandbox()
      .snapshot()
      .transfers.map((t) => (t as Transfer).id),
  );
  // Ana connects and syncs vendors and transfers (the connect steps are preview.test.ts's).
  await call('connect', { token: sandbox().token, environment: 'production' });
  await call('saveWriteCredential', { sameAsConnection: true });
  await call('saveSyncSettings', {
    dataSets: ['vendors', 'transfers'],
    historyStart: '2025-01-01',
  });
  await call('refreshNow');
  page = await browser.context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('vendor payments approved by a second person', () => {
  it('Ana stages five payments and may not approve them herself', async () => {
    await openTab(TRANSFERS);
    const first = preview.runtime.values(TRANSFERS).length + 1;
    for (const [i, [vendor, amount, memo]] of PAYMENTS.entries()) {
      const row = first + i;
      await typeInto(`${column('Vendor')}${row}`, vendor);
      await typeInto(`${column('Payment type')}${row}`, 'ACH');
      await typeInto(`${column('Amount')}${row}`, amount);
      await typeInto(`${column('From account')}${row}`, account);
      await typeInto(`${column('Description')}${row}`, `March run ${i + 1}`);
      await typeInto(`${column('External memo')}${row}`, memo);
    }
    await page.locator('#grid-scroll').evaluate((el) => el.scrollTo(0, el.scrollTop));
    await screenshot(page, 'payments-01-staged-rows');

    await approval().getByRole('button', { name: 'Review payments' }).click();
    await approval().getByRole('list', { name: 'Staged payments' }).waitFor({ timeout: 30_000 });
    await expect(approval().locator('li.payment').count()).resolves.toBe(5);
    await expect(approveButton().isDisabled()).resolves.toBe(true);
    await expect(approval().innerText()).resolves.toContain(
      'You staged every payment listed: under the two-person rule another person must approve them.',
    );
    await approval().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'payments-02-stager-cannot-approve');
  });

  it('Bea sees the five with their totals, approves them, and the rows get transfer ids', async () => {
    await post('/api/act-as', { email: BEA });
    await page.getByText(`Signed in as ${BEA}`).waitFor();
    const credential = approval().getByRole('form', { name: 'Your write credential' });
    await credential.waitFor({ timeout: 30_000 });
    await credential.getByRole('button', { name: 'Use the same token as the connection' }).click();
    await credential.waitFor({ state: 'detached', timeout: 30_000 });

    const text = await approval().innerText();
    expect(text).toContain('5 payments ready, $48,210.00 in all.');
    expect(text).toContain(`${account}\t5\t$48,210.00`);
    expect(text).toContain('Staged by owner@');
    await expect(approveButton().innerText()).resolves.toBe(
      `Approve and send 5 payments, $48,210.00 from ${account}`,
    );
    await expect(approveButton().isDisabled()).resolves.toBe(false);
    await approval().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'payments-03-second-person-review');

    await approveButton().click();
    const confirm = approval().getByRole('alertdialog', { name: 'Confirm payments' });
    await expect(confirm.innerText()).resolves.toContain(
      `Send 5 payments, $48,210.00 from ${account} now?`,
    );
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'payments-04-confirm');
    await confirm.getByRole('button', { name: 'Send now' }).click();

    const results = approval().getByRole('list', { name: 'Payment results' });
    await results.waitFor({ timeout: 60_000 });
    const lines = await results.locator('li').allInnerTexts();
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^[\w ]+, \$[\d,.]+: sent\n.*dptx_\w+/);
    await results.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'payments-05-sent');

    const created = sandbox()
      .snapshot()
      .transfers.filter((t) => !before.has((t as Transfer).id)) as Transfer[];
    expect(created).toHaveLength(5);
    expect(created.map((t) => t.amount?.amount).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      741000, 749950, 980000, 1100050, 1250000,
    ]);
    const posts = sandbox().log.filter((e) => e.method === 'POST' && e.path === '/v1/transfers');
    expect(new Set(posts.map((e) => e.headers['idempotency-key'])).size).toBe(5);

    const grid = preview.runtime.values(TRANSFERS);
    const header = grid[0] as unknown[];
    const [id, status] = [header.indexOf('Brex ID'), header.indexOf('Status')];
    for (const transfer of created) {
      const row = grid.find((cells) => cells[id] === transfer.id);
      expect(row?.[status]).toBe('Processing');
    }
    await page.waitForFunction(
      (ids) => ids.every((t) => document.querySelector('#grid')?.textContent?.includes(t)),
      created.map((t) => t.id),
    );
    await page.locator('#grid-scroll').evaluate((el) => el.scrollTo(0, el.scrollTop));
    await screenshot(page, 'payments-06-rows-with-transfer-ids');
  });
});
