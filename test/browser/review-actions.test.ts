/**
 * Brex actions from the sheet, reviewed and pushed in the real sidebar: the preview's page in
 * headless Chromium, the built bundle in the local runtime, the Brex sandbox over loopback.
 * "Locked" filled down over 60 cards is one group in the review and one push in batches; three
 * new rows of "Brex Users" are invitations that go only once confirmed. The runtime models Apps
 * Script time on a fake clock, so one push can be made slow enough to span several executions.
 * Screenshots of each step go to test-artifacts/browser/.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview';
import { DEFAULT_COST_MODEL, fakeClock, type CostModel } from '../../dev/runtime';
import type { Sandbox } from '../../dev/sandbox';
import type { Card, User } from '../../src/brex';
import { launchChromium, screenshot, type Browser } from './support/browser';

jest.setTimeout(120_000);

let browser: Browser;
let preview: Preview;
let page: Page;
/** Apps Script time per service call, read live: one push makes Brex slow to span executions. */
const costModel: CostModel = { ...DEFAULT_COST_MODEL };

const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');
const sidebarPanel = () => page.locator('#sidebar');
const sandbox = () => preview.sandbox as Sandbox;
const review = () => sidebar().getByRole('region', { name: 'Review changes' });

/** The sheet as the person sees it, and the 1-based column of a header. */
function sheet(name: string): { rows: string[][]; column: (header: string) => number } {
  const rows = preview.runtime.displayValues(name);
  const header = rows[0] ?? [];
  return {
    rows,
    column: (h) => {
      const index = header.indexOf(h);
      if (index < 0) throw new Error(`"${name}" has no "${h}" column.`);
      return index + 1;
    },
  };
}

const letter = (column: number): string => String.fromCharCode(64 + column);

/** More card locks than one batch of the push holds (50), so the push takes several. */
const LOCKS = 60;

/** Pure: ascending row indexes in runs of consecutive ones. */
function consecutiveRuns(rows: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const row of rows) {
    const run = runs.at(-1);
    if (run && run.at(-1) === row - 1) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

/** Extensions ▸ Brex ▸ `label`; an item that opens the sidebar loads it afresh, as Sheets does. */
async function chooseFromMenu(label: string): Promise<void> {
  const before = await page.locator('#sidebar-frame').getAttribute('src');
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Brex' }).click();
  await page.getByRole('menuitem', { name: label }).click();
  await page.waitForFunction(
    (previous) => document.querySelector('#sidebar-frame')?.getAttribute('src') !== previous,
    before,
  );
  await sidebar().getByRole('region', { name: 'Connection' }).waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
  preview = await startPreview({
    // 90 people: enough active cards for more locks than one batch of the push.
    sandbox: { seed: 'review-actions', users: 90 },
    clock: fakeClock(Date.now()),
    modelTime: true,
    costModel,
  });
  page = await browser.context.newPage();
  await page.goto(preview.url);
  await sidebar().getByRole('button', { name: 'Connect' }).click();
  await sidebar().getByText('Connected.').waitFor({ timeout: 20_000 });
  await sidebar().getByRole('button', { name: 'Refresh now' }).click();
  await sidebar().getByText('Refresh complete.').waitFor({ timeout: 90_000 });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('review and push of Brex actions in the sidebar', () => {
  it('locks 60 cards filled down to "Locked": one group, one push over executions, 60 audit rows', async () => {
    const cards = sheet('Brex Cards');
    const status = cards.column('Status');
    const idColumn = cards.column('Brex ID');
    // 60 active cards, more than a push sends in one batch (50), each run of consecutive rows
    // pasted at once, as Sheets fires one edit event for a fill-down.
    const rows = cards.rows
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => i > 0 && r[status - 1] === 'Active')
      .slice(0, LOCKS)
      .map(({ i }) => i);
    expect(rows).toHaveLength(LOCKS);
    const ids = rows.map((i) => cards.rows[i]?.[idColumn - 1] as string);
    const auditBefore = preview.runtime.workbook.sheets.some((s) => s.name === 'Brex Audit Log')
      ? preview.runtime.displayValues('Brex Audit Log').length
      : 1;

    for (const run of consecutiveRuns(rows)) {
      await preview.runtime.paste(
        `'Brex Cards'!${letter(status)}${(run[0] as number) + 1}`,
        run.map(() => ['Locked']),
      );
    }
    await chooseFromMenu('Review changes');
    await review()
      .getByRole('form', { name: 'Your write credential' })
      .waitFor({ timeout: 20_000 });
    await review().getByRole('button', { name: 'Use the same token as the connection' }).click();
    const locks = review().getByRole('group', { name: `Lock card (${LOCKS})` });
    await locks.waitFor({ timeout: 20_000 });

    await expect(review().getByRole('group').count()).resolves.toBe(1);
    await expect(locks.innerText()).resolves.toContain(
      `${LOCKS} pending · ${LOCKS} ready · 0 refused`,
    );
    await expect(locks.getByRole('checkbox', { checked: true }).count()).resolves.toBe(LOCKS + 1);
    await expect(locks.innerText()).resolves.toContain(
      `Brex Cards, row ${(rows[0] as number) + 1} · Brex ID ${ids[0]}\nBrex now: Active → will be sent: Locked`,
    );
    await review().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-01-review-60-locks');

    // Brex answering a round trip in 130 s of Apps Script time: after its conflict read and one
    // batch the push stops before the execution's limit, and the sidebar calls again with the
    // deferred keys until none is left.
    const frame = await (await page.locator('#sidebar-frame').elementHandle())?.contentFrame();
    await frame?.evaluate(() => {
      const lines: string[] = [];
      (window as unknown as { pushLines: string[] }).pushLines = lines;
      new MutationObserver(() => {
        const line = document.querySelector('.push-progress [role="status"]')?.textContent ?? '';
        if (line && lines.at(-1) !== line) lines.push(line);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    costModel.fetches = 130_000;
    await review()
      .getByRole('button', { name: `Push ${LOCKS} changes` })
      .click();
    await review().getByText(`Sent ${LOCKS} of ${LOCKS}.`).waitFor({ timeout: 60_000 });
    costModel.fetches = DEFAULT_COST_MODEL.fetches;
    const lines = await frame?.evaluate(
      () => (window as unknown as { pushLines: string[] }).pushLines,
    );
    const sent = (lines ?? [])
      .slice(1)
      .map((line) => Number(new RegExp(`^Sent (\\d+) of ${LOCKS}`).exec(line)?.[1]));
    expect(lines?.[0]).toBe(`Sending ${LOCKS} changes…`);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.at(-1)).toBe(LOCKS);
    expect(sent.slice(0, -1).every((n, i) => n > 0 && n < (sent[i + 1] as number))).toBe(true);
    await expect(
      review().getByText(`Pushed ${LOCKS} changes.`, { exact: false }).isVisible(),
    ).resolves.toBe(true);
    await review()
      .getByText(/^No pending changes\./)
      .waitFor();
    await review().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-02-60-locks-pushed');

    const byId = new Map((sandbox().snapshot().cards as Card[]).map((c) => [c.id, c]));
    expect(ids.filter((id) => byId.get(id)?.status === 'LOCKED')).toHaveLength(LOCKS);
    const audit = preview.runtime.displayValues('Brex Audit Log');
    const action = (audit[0] ?? []).indexOf('Action');
    const added = audit.slice(Math.max(1, auditBefore));
    expect(added).toHaveLength(LOCKS);
    expect(added.every((row) => row[action] === 'card.status')).toBe(true);
    const after = sheet('Brex Cards').rows;
    expect(rows.map((i) => after[i]?.[status - 1])).toEqual(ids.map(() => 'Locked'));
  });

  it('invites 3 people from new rows only once confirmed, and puts their ids in the rows', async () => {
    const users = sheet('Brex Users');
    const name = users.column('Name');
    expect(users.column('Email')).toBe(name + 1);
    const idColumn = users.column('Brex ID');
    const row = users.rows.length + 1;
    const people = [
      ['Ada Review', 'ada.review@example.com'],
      ['Grace Review', 'grace.review@example.com'],
      ['Alan Review', 'alan.review@example.com'],
    ];
    for (const [index, person] of people.entries()) {
      await preview.runtime.paste(`'Brex Users'!${letter(name)}${row + index}`, [person]);
    }

    // The open sidebar's count follows the sheets without reopening it (it polls every 30 s).
    const count = review().locator('.pending-count');
    await count
      .getByText('3 pending changes in the sheets now; the review below shows 0.')
      .waitFor({ timeout: 45_000 });
    await screenshot(sidebarPanel(), 'actions-03-count-followed');
    await count.getByRole('button', { name: 'Review again' }).click();
    const invites = review().getByRole('group', { name: 'Invite user (3)' });
    await invites.waitFor({ timeout: 20_000 });

    await expect(invites.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await expect(
      review().getByRole('button', { name: 'Push 0 changes' }).isDisabled(),
    ).resolves.toBe(true);
    await invites.getByLabel('Select all ready (3)').check();
    const confirm = invites.getByLabel(
      'I confirm: invite 3 people to Brex: each gets an email invitation',
    );
    await expect(confirm.isChecked()).resolves.toBe(false);
    await expect(
      review().getByRole('button', { name: 'Push 0 changes' }).isDisabled(),
    ).resolves.toBe(true);
    await expect(review().innerText()).resolves.toContain(
      'Ticked but not confirmed, so not sent: Invite user. Tick "I confirm" in the group to send them.',
    );
    await review().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-04-invites-unconfirmed');
    await confirm.check();
    await invites.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-05-invites-confirmed');

    await review().getByRole('button', { name: 'Push 3 changes' }).click();
    await review().getByRole('list', { name: 'Push results' }).waitFor({ timeout: 60_000 });
    await review()
      .getByText(/^No pending changes\./)
      .waitFor();
    await review().scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-06-invites-pushed');

    const invited = (sandbox().snapshot().users as User[]).filter((u) =>
      people.some(([, email]) => email === u.email),
    );
    expect(invited.map((u) => u.status)).toEqual(['INVITED', 'INVITED', 'INVITED']);
    const rows = sheet('Brex Users').rows.slice(row - 1, row + 2);
    expect(rows.map((r) => r[idColumn - 1])).toEqual(
      people.map(([, email]) => invited.find((u) => u.email === email)?.id),
    );
  });

  it('terminates a card once its reason is chosen at review and the termination confirmed', async () => {
    const cards = sheet('Brex Cards');
    const status = cards.column('Status');
    const idColumn = cards.column('Brex ID');
    const index = cards.rows.findIndex((r, i) => i > 0 && r[status - 1] === 'Active');
    const id = cards.rows[index]?.[idColumn - 1] as string;
    await preview.runtime.paste(`'Brex Cards'!${letter(status)}${index + 1}`, [['Terminated']]);

    await chooseFromMenu('Review changes');
    const terminations = review().getByRole('group', { name: 'Terminate card (1)' });
    await terminations.waitFor({ timeout: 20_000 });
    await expect(terminations.innerText()).resolves.toContain('needs a reason from Brex');
    await terminations.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-07-termination-needs-reason');
    await terminations.getByLabel('Choose the reason').selectOption('CARD_LOST');
    await terminations.getByText('Brex now: Active → will be sent: Terminated').waitFor();

    // The reason is in the row, so the review shows what will be sent; still not ticked.
    expect(sheet('Brex Cards').rows[index]?.[cards.column('Reason') - 1]).toBe('Card lost');
    await expect(terminations.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await terminations.getByRole('checkbox', { name: /^Include / }).check();
    await terminations.getByLabel('I confirm: terminate 1 card for good').check();
    await terminations.scrollIntoViewIfNeeded();
    await screenshot(sidebarPanel(), 'actions-08-termination-confirmed');
    await review().getByRole('button', { name: 'Push 1 change' }).click();
    await review().getByText('Sent 1 of 1.').waitFor({ timeout: 60_000 });

    const card = (sandbox().snapshot().cards as Card[]).find((c) => c.id === id);
    expect(card?.status).toBe('TERMINATED');
  });
});
