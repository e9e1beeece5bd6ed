/**
 * The Brex Dashboard in the local preview, in real Chromium: made from the menu after a refresh,
 * its charts drawn beside their tables, and redrawn with new figures after 200 new transactions.
 * Screenshots: test-artifacts/browser/dashboard-*.png (docs/dashboard.png is the first).
 */
import type { Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import type { Sandbox } from '../../dev/sandbox';
import type { RefreshSummary } from '../../src/sync/refresh';
import { untilDone } from '../support/world';
import { launchChromium, screenshot, type Browser } from './support/browser';

jest.setTimeout(120_000);

let browser: Browser;
let preview: Preview;
let page: Page;

const sandbox = () => preview.sandbox as Sandbox;

/** Refreshes as the page's own calls do (POST /api/call), so the page redraws what changed. */
function refreshUntilDone(): Promise<RefreshSummary> {
  return untilDone(async () => {
    const response = await fetch(new URL('/api/call', preview.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionName: 'refreshNow', args: [] }),
    });
    const outcome = (await response.json()) as { ok: boolean; value?: RefreshSummary };
    if (!outcome.ok || !outcome.value) {
      throw new Error(`refreshNow failed: ${JSON.stringify(outcome)}`);
    }
    return outcome.value;
  });
}

/** The text of the cell in `column` of the dashboard row whose first cell reads `label`. */
async function cellBeside(label: string, column: number): Promise<string> {
  const row = await page
    .locator('#grid td[data-column="1"]', { hasText: new RegExp(`^${label}$`) })
    .first()
    .getAttribute('data-row');
  return page.locator(`#grid td[data-row="${row}"][data-column="${column}"]`).innerText();
}

beforeAll(async () => {
  browser = await launchChromium();
  // Today pinned to the real date: the sandbox's clock then stands at 23:00 UTC, after every
  // seeded update, so the expenses of the new purchases are read like the rest.
  const today = new Date().toISOString().slice(0, 10);
  preview = await startPreview({ sandbox: { seed: 'dashboard-preview', today } });
  await preview.runtime.call('connect', [{ token: sandbox().token, environment: 'production' }]);
  await preview.runtime.call('saveSyncSettings', [
    {
      dataSets: [
        'departments',
        'users',
        'cards',
        'spend_limits',
        'accounts',
        'card_transactions',
        'expenses',
      ],
      historyStart: new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10),
    },
  ]);
  await refreshUntilDone();
  page = await browser.context.newPage();
  // Tall enough for the whole dashboard, wide enough for its tables and charts side by side.
  await page.setViewportSize({ width: 1640, height: 2900 });
  await page.goto(preview.url);
  const close = page.getByRole('button', { name: 'Close sidebar' });
  if (await close.isVisible()) await close.click();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('the dashboard in the preview', () => {
  it('is made from Extensions ▸ Brex ▸ Create dashboard, with its charts beside the tables', async () => {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Brex' }).click();
    await page.getByRole('menuitem', { name: 'Create dashboard' }).click();
    await page.getByRole('tab', { name: 'Brex Dashboard', selected: true }).waitFor();
    await page.locator('figure.chart').nth(5).waitFor();

    const titles = await page
      .locator('figure.chart')
      .evaluateAll((figures) => figures.map((f) => f.getAttribute('aria-label')));
    expect(titles).toEqual([
      'Spend by month',
      'Spend by category',
      'Spend by department',
      'Top merchants',
      'Spend-limit use (share of limit spent)',
      'Expenses without receipt',
    ]);
    // Twelve months, each a bar; the pie has a slice per category shown.
    await expect(page.locator('figure.chart').nth(0).locator('rect').count()).resolves.toBe(12);
    await expect(
      page.locator('figure.chart').nth(1).locator('path, circle').count(),
    ).resolves.toBeGreaterThan(2);
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'dashboard-after-refresh');
  });

  it('moves its numbers and charts after 200 new transactions and a refresh', async () => {
    const before = Number((await cellBeside('This month so far', 4)).replace(/,/g, ''));
    const barBefore = await page
      .locator('figure.chart')
      .nth(0)
      .locator('rect')
      .last()
      .getAttribute('height');

    const added = await fetch(`${sandbox().url}/_sandbox/card-transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 200 }),
    });
    expect(added.status).toBe(200);
    await refreshUntilDone();
    await page.waitForFunction((expected) => {
      const cells = [...document.querySelectorAll('#grid td[data-column="1"]')];
      const label = cells.find((c) => c.textContent === 'This month so far');
      const row = label?.getAttribute('data-row');
      const count = document.querySelector(`#grid td[data-row="${row}"][data-column="4"]`);
      return Number(count?.textContent?.replace(/,/g, '')) === expected;
    }, before + 200);

    // The new purchases' expenses came with them: their categories are known.
    await expect(page.locator('#grid').innerText()).resolves.not.toContain('Uncategorized');
    const barAfter = await page
      .locator('figure.chart')
      .nth(0)
      .locator('rect')
      .last()
      .getAttribute('height');
    expect(Number(barAfter)).toBeGreaterThan(Number(barBefore));
    await screenshot(page, 'dashboard-after-200-transactions');
  });
});
