/**
 * The local preview in a real browser: the page `npm start` serves, the real dist/sidebar.html in
 * its iframe, the built bundle in the local runtime, the embedded Brex sandbox over loopback.
 * Each step is what a newcomer does; a screenshot of each sidebar state goes to test-artifacts/.
 */
import { createServer } from 'node:net';
import type { FrameLocator, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import { fakeClock } from '../../dev/runtime';
import type { Sandbox } from '../../dev/sandbox';
import type { SpendLimit } from '../../src/brex';
import { launchChromium, screenshot, type Browser } from './support/browser';
import {
  expectHonestProgress,
  progressSamples,
  refreshOrder,
  watchProgress,
} from './support/progress-watch';

jest.setTimeout(60_000);

let browser: Browser;
let preview: Preview;
let page: Page;

const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');
const sandbox = () => preview.sandbox as Sandbox;
const sidebarPanel = () => page.locator('#sidebar');
const cell = (a1: string) => page.locator(`#grid td[data-cell="${a1}"]`);
const gridText = () => page.locator('#grid').innerText();

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

/** The address of the cell in `header`'s column and the row whose cell reads `rowText`. */
async function cellIn(rowText: string, header: string): Promise<string> {
  const column = await page
    .locator('#grid td[data-row="1"]', { hasText: new RegExp(`^${header}$`) })
    .getAttribute('data-column');
  const row = await page
    .locator('#grid td', { hasText: new RegExp(`^${rowText}$`) })
    .first()
    .getAttribute('data-row');
  return (await page
    .locator(`#grid td[data-row="${row}"][data-column="${column}"]`)
    .getAttribute('data-cell')) as string;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  browser = await launchChromium();
  // Brex answers in a few hundred ms, the sandbox on loopback in a few: that latency keeps the
  // refresh long enough for the sidebar's 2-s progress polls on any machine.
  preview = await startPreview({ sandbox: { seed: 'preview-tests', faults: 'slow=1,slowMs=100' } });
  page = await browser.context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('local preview', () => {
  it('opens with the add-on menu and the sidebar, the sandbox token prefilled', async () => {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Brex' }).click();
    await expectVisible(page.getByRole('menuitem', { name: 'Review changes' }));
    await page.keyboard.press('Escape');

    const token = sidebar().getByLabel('Connection token');
    await expect(token.inputValue()).resolves.toBe(sandbox().token);
    await screenshot(sidebarPanel(), '01-connect-prefilled');
  });

  it('connects with the prefilled token and never shows it', async () => {
    await sidebar().getByRole('button', { name: 'Connect' }).click();
    await sidebar().getByText('Connected.').waitFor();
    const connection = sidebar().getByRole('region', { name: 'Connection' });
    const token = sandbox().token;
    await expect(connection.innerText()).resolves.toContain(`ending in ${token.slice(-4)}`);
    await expect(connection.innerText()).resolves.not.toContain(token);
    await expect(connection.locator('dt:has-text("Environment") + dd').innerText()).resolves.toBe(
      'Sandbox',
    );
    await expect(connection.innerText()).resolves.toContain(
      'no write credential yet: asked when you first review a change',
    );
    await screenshot(sidebarPanel(), '02-connected');
  });

  it('refreshes with honest progress, fills the sheets and leaves the person on their sheet', async () => {
    const frame = await (await page.locator('#sidebar-frame').elementHandle())?.contentFrame();
    if (!frame) throw new Error('The sidebar frame is missing from the preview page.');
    await expect(page.getByRole('tab', { selected: true }).innerText()).resolves.toBe('Sheet1');
    // Refresh now is in view at once; the choice of data sets is folded below it.
    await expect(sidebar().getByRole('button', { name: 'Refresh now' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(inView(sidebar().getByRole('button', { name: 'Refresh now' }))).resolves.toBe(
      true,
    );
    await screenshot(sidebarPanel(), '03-ready-to-refresh');
    await watchProgress(frame);
    // A year of history: the whole demo company, so the refresh takes several progress polls.
    const yearAgo = new Date(Date.parse(sandbox().snapshot().today) - 365 * 86_400_000);
    await sidebar()
      .getByText(/^Data sets: \d+ of \d+, history from/)
      .click();
    await sidebar().getByLabel('History from').fill(yearAgo.toISOString().slice(0, 10));
    await expect(sidebar().getByLabel('Receipts required from').inputValue()).resolves.toBe('75');
    await screenshot(sidebarPanel(), '03-choice-open');
    const order = await refreshOrder(frame);
    await sidebar().getByRole('button', { name: 'Refresh now' }).click();
    await frame.waitForFunction(() => {
      const bar = document.querySelector('progress');
      return bar !== null && bar.value > 0 && bar.value < 1;
    });
    await sidebar().getByRole('progressbar', { name: 'Refresh progress' }).scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), '04-refresh-in-progress');
    await sidebar().getByRole('list', { name: 'Refresh results' }).waitFor({ timeout: 45_000 });
    await expect(sidebar().getByText('Refresh complete.').isVisible()).resolves.toBe(true);
    await screenshot(sidebarPanel(), '05-refresh-done');

    expectHonestProgress(await progressSamples(frame), order);
    // The refresh added its sheets as tabs; the person is still on the sheet they were reading.
    await expect(page.getByRole('tab', { selected: true }).innerText()).resolves.toBe('Sheet1');
    expect(preview.runtime.workbook.sheets.map((s) => s.name)).toContain('Brex Spend Limits');

    await openTab('Brex Spend Limits');
    const limits = sandbox().snapshot().spend_limits;
    const text = await gridText();
    for (const limit of limits) expect(text).toContain(limit.name);
    await screenshot(page, '06-spend-limits-sheet');
  });

  it('keeps the frozen header row numbered 1 when the sheet is scrolled', async () => {
    await openTab('Brex Card Transactions');
    await page.locator('#grid-scroll').evaluate((el) => el.scrollTo(0, 3000));
    const header = page.locator('#grid tr.frozen th');
    const firstCell = page.locator('#grid tr.frozen td').first();
    const [th, td] = [await header.boundingBox(), await firstCell.boundingBox()];

    await expect(header.innerText()).resolves.toBe('1');
    expect(th?.y).toBe(td?.y);
    const covering = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x as number, y as number)?.textContent,
      [(th?.x ?? 0) + 5, (th?.y ?? 0) + 5],
    );
    expect(covering).toBe('1');
    await screenshot(page, '07-frozen-header-scrolled');
    await page.locator('#grid-scroll').evaluate((el) => el.scrollTo(0, 0));
  });

  it('schedules an hourly refresh that runs as the person who set it', async () => {
    const schedule = sidebar().getByRole('region', { name: 'Schedule' });
    await schedule.getByLabel('Every hour').check();
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByText('Schedule saved.').waitFor();
    await expect(schedule.innerText()).resolves.toContain('Every hour.');
    await expect(schedule.innerText()).resolves.toContain('It runs as you');
    expect(preview.runtime.triggers).toEqual([
      expect.objectContaining({
        type: 'CLOCK',
        user: preview.runtime.workbook.owner,
        everyMs: 3_600_000,
      }),
    ]);
    await schedule.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), '08-schedule-hourly');
  });

  it('runs a BREX_ formula typed into a cell and spills its result', async () => {
    await openTab('Sheet1');
    await cell('B2').click();
    await page.keyboard.type('=BREX_BALANCES(');
    const help = page.getByRole('tooltip');
    await expectVisible(help);
    await expect(help.innerText()).resolves.toContain('BREX_BALANCES(refresh)');
    await expect(help.innerText()).resolves.toContain(
      'Every Brex card and cash account with its balances',
    );
    await screenshot(page, '09-formula-help');
    await page.keyboard.type(')');
    await page.keyboard.press('Enter');
    await expect(help.isVisible()).resolves.toBe(false);
    await expect(cell('B2').innerText()).resolves.toBe('Loading...');
    // The spill shows once the edit has run: B2 leaves "Loading..." and B3 fills.
    await page.waitForFunction(
      () =>
        document.querySelector('#grid td[data-cell="B3"]')?.textContent !== '' &&
        document.querySelector('#grid td[data-cell="B2"]')?.textContent !== 'Loading...',
    );
    const spilled = preview.runtime.displayValues('Sheet1');
    const state = sandbox().snapshot();
    const accountCount = state.card_accounts.length + state.cash_accounts.length;
    expect(spilled.length - 2).toBe(accountCount); // a blank first row, then the header
    await expect(cell('B2').innerText()).resolves.toBe(spilled[1]?.[1]);
    await expect(cell('C3').innerText()).resolves.toBe(spilled[2]?.[2]);
    await cell('B2').click();
    await expect(page.getByLabel('Formula bar').inputValue()).resolves.toBe('=BREX_BALANCES()');
    await screenshot(page, '10-formula-spilled');
  });

  it('pushes an edited spend-limit amount after a review', async () => {
    const limit = sandbox()
      .snapshot()
      .spend_limits.find(
        (l) => l.status === 'ACTIVE' && l.authorization_settings?.base_limit.currency === 'USD',
      ) as SpendLimit;
    const newAmount = (limit.authorization_settings?.base_limit.amount ?? 0) + 100_000;
    await openTab('Brex Spend Limits');
    await cell(await cellIn(limit.name, 'Base limit')).click();
    await page.keyboard.type(String(newAmount / 100));
    await page.keyboard.press('Enter');

    await chooseFromMenu(page, 'Review changes');
    const review = sidebar().getByRole('region', { name: 'Review changes' });
    const pending = review.getByRole('group', { name: 'Base limit (1)' });
    await pending.waitFor({ timeout: 20_000 });
    await expect(pending.innerText()).resolves.toContain(limit.name);
    // The first review asks for this person's own write credential.
    const credential = review.getByRole('form', { name: 'Your write credential' });
    await credential.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), '11-write-credential-asked');
    await expect(review.getByRole('button', { name: 'Push 1 change' }).isDisabled()).resolves.toBe(
      true,
    );
    await credential.getByRole('button', { name: 'Use the same token as the connection' }).click();
    await credential.waitFor({ state: 'detached', timeout: 20_000 });
    await expect(
      sidebar().getByRole('region', { name: 'Connection' }).innerText(),
    ).resolves.toContain('the connection’s token, as');
    await review.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), '12-review-spend-limit');

    await review.getByRole('button', { name: 'Push 1 change' }).click();
    const results = review.getByRole('list', { name: 'Push results' });
    await results.waitFor({ timeout: 20_000 });
    await expect(results.innerText()).resolves.toMatch(/^Pushed:/);
    await expect(review.getByText('Sent 1 of 1.').isVisible()).resolves.toBe(true);
    await review.getByText(/^No pending changes\./).waitFor();
    await screenshot(sidebarPanel(), '13-pushed');
    const pushed = sandbox()
      .snapshot()
      .spend_limits.find((l) => l.id === limit.id);
    expect(pushed?.authorization_settings?.base_limit.amount).toBe(newAmount);
  });

  it("shows Brex's reason and the fix when the token is wrong", async () => {
    await chooseFromMenu(page, 'Open sidebar');
    await sidebar().getByRole('button', { name: 'Use another token' }).click();
    await expect(
      sidebar().getByRole('region', { name: 'Connection' }).innerText(),
    ).resolves.toContain('is kept until Brex has checked the new token');
    await sidebar().getByLabel('Connection token').fill('bxt_not_a_real_token');
    await sidebar().getByRole('button', { name: 'Connect' }).click();
    const alert = sidebar().getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    await expect(alert.innerText()).resolves.toMatch(
      /^Brex rejected the API token as invalid or revoked\. Create a new token/,
    );
    await expect(sidebar().getByLabel('Connection token').inputValue()).resolves.toBe('');
    await screenshot(sidebarPanel(), '14-bad-token');
    // The old connection stands: Cancel goes back to it.
    await sidebar().getByRole('button', { name: 'Cancel' }).click();
    await expect(
      sidebar().getByRole('region', { name: 'Connection' }).innerText(),
    ).resolves.toContain(`token ending in ${sandbox().token.slice(-4)}: reads`);
  });

  it('asks before disconnecting, says what happens to the schedule, and keeps it in sight', async () => {
    const connection = sidebar().getByRole('region', { name: 'Connection' });
    await connection.getByRole('button', { name: 'Disconnect' }).click();
    const confirm = connection.getByRole('group', { name: 'Confirm disconnect' });
    await expect(confirm.innerText()).resolves.toContain('The schedule (Every hour) stays set');
    await screenshot(sidebarPanel(), '15-disconnect-confirm');
    await confirm.getByLabel('Also turn the schedule off').uncheck();
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await sidebar().getByText('Disconnected: this spreadsheet no longer reads Brex.').waitFor();

    const schedule = sidebar().getByRole('region', { name: 'Schedule' });
    await expect(schedule.innerText()).resolves.toContain('Every hour.');
    await screenshot(sidebarPanel(), '16-disconnected-schedule-in-sight');
    await schedule.getByLabel('Off').check();
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByText('Schedule saved.').waitFor();
    expect(preview.runtime.triggers).toEqual([]);
  });

  it('says Brex cannot be reached when its URL does not answer', async () => {
    const offline = await startPreview({ brexUrl: `http://127.0.0.1:${await closedPort()}` });
    const other = await browser.context.newPage();
    try {
      await other.goto(offline.url);
      const frame = other.frameLocator('#sidebar-frame');
      await expect(frame.getByLabel('Connection token').inputValue()).resolves.toBe('');
      await frame.getByLabel('Connection token').fill('bxt_any_token');
      await frame.getByRole('button', { name: 'Connect' }).click();
      const alert = frame.getByRole('alert');
      await alert.waitFor({ timeout: 45_000 });
      await expect(alert.innerText()).resolves.toMatch(
        /^Brex could not be reached .*Check the connection and try again\.$/,
      );
      await screenshot(other.locator('#sidebar'), '17-brex-unreachable');
    } finally {
      await other.close();
      await offline.close();
    }
  });
});

describe('local preview when things go wrong', () => {
  it('names the real fix when Google refuses the sidebar for a person signed in to several accounts', async () => {
    const several = await startPreview({ signedInAccounts: 2 });
    const other = await browser.context.newPage();
    try {
      await other.goto(several.url);
      const alert = other.frameLocator('#sidebar-frame').getByRole('alert');
      await alert.waitFor({ timeout: 20_000 });
      await expect(alert.innerText()).resolves.toMatch(
        /several Google accounts\. Open this spreadsheet in your default Google account .*, or in a private window .*, or sign out of the other accounts/,
      );
      await screenshot(other.locator('#sidebar'), '18-several-google-accounts');
    } finally {
      await other.close();
      await several.close();
    }
  });

  it('says "Finished with errors" when every data set fails, each with its message and trace id once', async () => {
    // A fake clock makes the Brex client's retry waits instant; Brex itself fails every request.
    const failing = await startPreview({ sandbox: { seed: 'preview-faults' }, clock: fakeClock() });
    const other = await browser.context.newPage();
    try {
      await other.goto(failing.url);
      const frame = other.frameLocator('#sidebar-frame');
      await frame.getByRole('button', { name: 'Connect' }).click();
      await frame.getByText('Connected.').waitFor({ timeout: 20_000 });
      failing.sandbox?.setFaults('err5xx=1');
      await frame.getByRole('button', { name: 'Refresh now' }).click();

      const data = frame.getByRole('region', { name: 'Data sets' });
      const headline = data.getByRole('alert');
      await headline.waitFor({ timeout: 45_000 });
      const [, failed, of] =
        /^Finished with errors: (\d+) of (\d+) data sets failed\.$/.exec(
          await headline.innerText(),
        ) ?? [];
      expect(failed).toBe(of);
      await expect(data.innerText()).resolves.not.toContain('Refresh complete.');
      const results = await data
        .getByRole('list', { name: 'Refresh results' })
        .locator('li')
        .allInnerTexts();
      expect(results).toHaveLength(Number(of));
      for (const line of results) {
        expect(line).toMatch(/: Brex had a server error \(50\d\)/);
        expect(line.match(/sandbox-[0-9a-f]{8}/g)).toHaveLength(1);
      }
      await screenshot(other.locator('#sidebar'), '19-refresh-finished-with-errors');
    } finally {
      await other.close();
      await failing.close();
    }
  });
});

/** Extensions ▸ Brex ▸ `label`; an item that opens the sidebar loads it afresh, as Sheets does. */
async function chooseFromMenu(on: Page, label: string): Promise<void> {
  const before = await on.locator('#sidebar-frame').getAttribute('src');
  await on.getByRole('button', { name: 'Extensions' }).click();
  await on.getByRole('menuitem', { name: 'Brex' }).click();
  await on.getByRole('menuitem', { name: label }).click();
  await on.waitForFunction(
    (previous) => document.querySelector('#sidebar-frame')?.getAttribute('src') !== previous,
    before,
  );
  await on.frameLocator('#sidebar-frame').getByRole('region', { name: 'Connection' }).waitFor();
}

/** Whether an element of the sidebar shows without scrolling its frame. */
async function inView(locator: ReturnType<FrameLocator['locator']>): Promise<boolean> {
  return locator.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight);
}

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  await expect(locator.isVisible()).resolves.toBe(true);
}
