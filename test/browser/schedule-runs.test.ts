/**
 * The record of scheduled runs in a real browser: the preview page with the real
 * dist/sidebar.html, the built bundle in the local runtime firing the schedule's trigger, and the
 * embedded Brex sandbox. A screenshot of the Schedule section goes to test-artifacts/.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import { launchChromium, screenshot, type Browser } from './support/browser';

jest.setTimeout(60_000);

let browser: Browser;
let preview: Preview;
let page: Page;

const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

beforeAll(async () => {
  browser = await launchChromium();
  preview = await startPreview({ sandbox: { seed: 'schedule-runs' } });
  page = await browser.context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function openSidebar(): Promise<void> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Brex' }).click();
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
}

it('lists the scheduled runs: what each did, and why the last one failed', async () => {
  await sidebar().getByRole('button', { name: 'Connect' }).click();
  await sidebar().getByText('Connected.').waitFor();
  const schedule = () => sidebar().getByRole('region', { name: 'Schedule' });
  await schedule().getByLabel('Every hour').check();
  await schedule().getByRole('button', { name: 'Save schedule' }).click();
  await schedule().getByText('Schedule saved.').waitFor();
  const { runtime } = preview;
  const [first] = await runtime.fireTimeTriggers({ all: true });
  expect(first?.value).toMatchObject({ outcome: 'done' });
  // Brex revokes the token; the next run fails, and no email says so.
  const connection = JSON.parse(runtime.properties.document['brex.connection'] as string);
  runtime.properties.document['brex.connection'] = JSON.stringify({
    ...connection,
    token: 'bxt_no_longer_valid',
  });
  await runtime.fireTimeTriggers({ all: true });

  await openSidebar();
  await schedule().getByText('Earlier scheduled runs (1)').click();

  const text = await schedule().innerText();
  expect(text).toMatch(/Last scheduled run .*: failed\. Nothing was refreshed\./);
  expect(text).toMatch(/refreshed\. Read \d+ data sets: \d+ rows added, 0 updated, 0 removed\./);
  await expect(schedule().getByRole('alert').innerText()).resolves.toMatch(/token/i);
  await schedule().scrollIntoViewIfNeeded();
  await screenshot(page.locator('#sidebar'), 'schedule-runs');
});
