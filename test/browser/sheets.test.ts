/**
 * The synced sheets and a formula's overflow message as a person sees them: the preview page in
 * headless Chromium, the built bundle in the local runtime, the embedded sandbox. A screenshot of
 * each "Brex …" sheet's first screen goes to test-artifacts/browser/.
 */
import type { Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import { DATA_SET_IDS } from '../../src/data-sets';
import { refreshUntilDone } from '../support/world';
import { launchChromium, screenshot, type Browser } from './support/browser';

jest.setTimeout(120_000);

let browser: Browser;
let preview: Preview;
let page: Page;

const cell = (a1: string) => page.locator(`#grid td[data-cell="${a1}"]`);

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
  preview = await startPreview({ sandbox: { seed: 'sheets-look', today: '2026-12-07' } });
  const { runtime } = preview;
  const token = preview.sandbox?.token;
  await runtime.call('connect', [{ token }]);
  await runtime.call('saveSyncSettings', [{ dataSets: DATA_SET_IDS, historyStart: '2026-01-01' }]);
  await refreshUntilDone(runtime);
  page = await browser.context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('synced sheets in the browser', () => {
  it('shows each Brex sheet with a bold header and its columns sized', async () => {
    // "Brex Settings" is a two-cell form (a label beside its value), not a table with a header.
    const names = (await page.getByRole('tab').allInnerTexts()).filter(
      (n) => n.startsWith('Brex ') && n !== 'Brex Settings',
    );
    expect(names.length).toBeGreaterThanOrEqual(15);
    // The sheet as a person opening it sees it: the whole window, without the sidebar.
    await page.getByRole('button', { name: 'Close sidebar' }).click();

    for (const name of names) {
      await openTab(name);
      // The grid is drawn anew for the tab: wait for its header cell to be bold.
      await page.waitForFunction(() => {
        const td = document.querySelector('#grid td[data-cell="A1"]');
        return td !== null && getComputedStyle(td).fontWeight === '700';
      });
      await screenshot(page, `sheet-${name.replace(/^Brex /, '').replace(/\W+/g, '-')}`);
    }
  });

  it('answers a formula whose result would not fit with one cell that names the fix', async () => {
    await openTab('Sheet1');
    await cell('A1').click();
    await page.keyboard.type('=BREX_TRANSACTIONS("2026-01-01")');
    await page.keyboard.press('Enter');

    await page.waitForFunction(() =>
      /needs/.test(document.querySelector('#grid td[data-cell="A1"]')?.textContent ?? ''),
    );
    await cell('A1').click();
    const text = await page.getByLabel('Formula bar').inputValue();
    expect(text).toBe('=BREX_TRANSACTIONS("2026-01-01")');
    const shown = preview.runtime.displayValues('Sheet1')[0]?.[0];
    expect(shown).toMatch(
      /^BREX_TRANSACTIONS needs [\d,]+ rows here and there is room for 1,000: /,
    );
    await expect(cell('A1').getAttribute('title')).resolves.toBe(shown);
    await expect(cell('A2').innerText()).resolves.toBe('');
    await screenshot(page, 'formula-overflow-message');
  });
});
