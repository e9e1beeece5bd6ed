/**
 * `npm run test:browser:100k`: the sidebar's progress through the first refresh of 100,000 card
 * transactions in the local preview, in real headless Chromium, up to the card transactions'
 * 20th page (the whole refresh takes many minutes). Kept out of `npm test`; preview.test.ts checks
 * the same progress through a whole refresh of the default demo company. Labels and fractions are
 * checked, never timings.
 */
import type { Frame } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import { launchChromium, screenshot, type Browser } from './support/browser';
import {
  expectHonestProgress,
  progressSamples,
  refreshOrder,
  watchProgress,
} from './support/progress-watch';

const TRANSACTIONS = 100_000;

jest.setTimeout(20 * 60_000);

let browser: Browser;
let preview: Preview;

beforeAll(async () => {
  browser = await launchChromium();
  preview = await startPreview({
    sandbox: { seed: 'progress-at-scale', transactions: TRANSACTIONS },
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

it(`moves the bar and names the data set being read through ${TRANSACTIONS.toLocaleString('en-US')} transactions`, async () => {
  const page = await browser.context.newPage();
  await page.goto(preview.url);
  const sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.getByRole('button', { name: 'Connect' }).click();
  await sidebar.getByText('Connected.').waitFor({ timeout: 60_000 });
  const frame = (await (
    await page.locator('#sidebar-frame').elementHandle()
  )?.contentFrame()) as Frame;
  await watchProgress(frame);
  const today = preview.sandbox?.snapshot().today as string;
  await sidebar.getByText(/^Data sets: \d+ of \d+, history from/).click();
  await sidebar
    .getByLabel('History from')
    .fill(new Date(Date.parse(today) - 365 * 86_400_000).toISOString().slice(0, 10));
  const order = await refreshOrder(frame);

  await sidebar.getByRole('button', { name: 'Refresh now' }).click();
  await frame.waitForFunction(
    () => /Card transactions: page (?:[2-9]\d|\d{3})\b/.test(document.body.innerText),
    undefined,
    { timeout: 10 * 60_000, polling: 500 },
  );
  await screenshot(page.locator('#sidebar'), 'scale-01-card-transactions-page-20');

  const samples = await progressSamples(frame);
  expectHonestProgress(samples, order, false);
  // The card transactions fill page after page under their own name, not under an earlier one.
  const cardPages = samples
    .map((s) => /Card transactions: page (\d+)/.exec(s.label)?.[1])
    .filter((p) => p !== undefined)
    .map(Number);
  expect(new Set(cardPages).size).toBeGreaterThanOrEqual(5);
  expect(cardPages).toEqual([...cardPages].sort((a, b) => a - b));
  expect(preview.runtime.values('Brex Card Transactions').length - 1).toBeGreaterThanOrEqual(
    20_000,
  );
});
