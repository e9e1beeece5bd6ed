/** @jest-environment jsdom */
import type {
  ChangeResult,
  ChangeView,
  ChangesReview,
  PendingCount,
  WriteBackServer,
} from '../../src/contract/writeback';
import { ReviewPanel } from '../../src/sidebar/review-panel';

const change = (overrides: Partial<ChangeView> & Pick<ChangeView, 'key'>): ChangeView => ({
  sheet: 'Brex Cards',
  row: 2,
  action: 'card.status',
  actionLabel: 'Lock card',
  target: { id: `card_${overrides.key}`, name: `<b>${overrides.key}</b>` },
  brexNow: 'Active',
  toSend: 'Locked',
  problem: null,
  consequences: [],
  confirmation: 'none',
  inFlight: false,
  conflict: null,
  ...overrides,
});

const lock = (key: string, row = 2) => change({ key, row });
const terminate = (key: string, problem: string | null = null) =>
  change({
    key,
    action: 'card.terminate',
    actionLabel: 'Terminate card',
    toSend: problem ? null : 'Terminated',
    confirmation: 'irreversible',
    problem,
    consequences: problem ? [] : ['Terminating is permanent.'],
    choice: problem
      ? {
          header: 'Reason',
          options: [
            { value: 'CARD_LOST', label: 'Card lost' },
            { value: 'OTHER', label: 'Other' },
          ],
        }
      : null,
  });
const invite = (key: string, row: number) =>
  change({
    key,
    sheet: 'Brex Users',
    row,
    action: 'user.invite',
    actionLabel: 'Invite user',
    target: { id: '', name: `Person ${row}` },
    brexNow: '',
    toSend: `Person ${row} p${row}@example.com`,
    confirmation: 'creation',
  });

const pushed = (key: string, outcome: ChangeResult['outcome'] = 'pushed'): ChangeResult => ({
  key,
  action: 'card.status',
  outcome,
  message: outcome === 'pushed' ? `Locked ${key}.` : `Not sent yet: ${key}.`,
  brexId: null,
  traceId: null,
  idempotencyKey: null,
});

type Calls = Array<[string, unknown[]]>;

/** A fake server: a review, and scripted push answers (one list per call, else all pushed). */
function fakeServer(
  review: ChangesReview,
  options: { pushes?: ((keys: string[]) => ChangeResult[])[]; count?: PendingCount } = {},
) {
  const calls: Calls = [];
  let current = review;
  let pushCall = 0;
  const server: WriteBackServer & { calls: Calls; next(r: ChangesReview): void } = {
    calls,
    next: (r) => (current = r),
    reviewChanges: () => {
      calls.push(['reviewChanges', []]);
      return Promise.resolve(current);
    },
    pushChanges: (keys) => {
      calls.push(['pushChanges', [keys]]);
      const answer = options.pushes?.[pushCall++];
      return Promise.resolve(answer ? answer(keys ?? []) : (keys ?? []).map((k) => pushed(k)));
    },
    discardChanges: (keys) => {
      calls.push(['discardChanges', [keys]]);
      return Promise.resolve({ restored: keys ?? [] });
    },
    resolveConflict: (key, choice) => {
      calls.push(['resolveConflict', [key, choice]]);
      return Promise.resolve({ change: null, message: 'Brex’s value is in the row.' });
    },
    chooseForChange: (key, value) => {
      calls.push(['chooseForChange', [key, value]]);
      return Promise.resolve(current);
    },
    pendingChangeCount: () => {
      calls.push(['pendingChangeCount', []]);
      return Promise.resolve(
        options.count ?? {
          pending: current.changes.length,
          refused: current.changes.filter((c) => c.problem).length,
        },
      );
    },
  };
  return server;
}

const reviewOf = (changes: ChangeView[], canPush = true): ChangesReview => ({
  changes,
  canPush,
  credentialHelp: canPush ? null : 'Add your own Brex token with the budgets scope.',
});

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let panels: ReviewPanel[] = [];
async function mount(server: WriteBackServer): Promise<ReviewPanel> {
  const panel = new ReviewPanel(server, { countPollMs: 60_000 });
  panels.push(panel);
  document.body.append(panel.element);
  await panel.load();
  return panel;
}

afterEach(() => {
  for (const panel of panels) panel.stop();
  panels = [];
  document.body.innerHTML = '';
});

const group = (panel: ReviewPanel, title: string): HTMLElement => {
  const found = panel.element.querySelector(`[role="group"][aria-label="${title}"]`);
  if (!found) throw new Error(`No group ${title}.`);
  return found as HTMLElement;
};
const byText = (within: ParentNode, text: string | RegExp): HTMLButtonElement => {
  const found = [...within.querySelectorAll('button')].find((b) =>
    typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? ''),
  );
  if (!found) throw new Error(`No button ${String(text)}.`);
  return found;
};
const labelled = (within: ParentNode, text: RegExp): HTMLInputElement => {
  const label = [...within.querySelectorAll('label')].find((l) => text.test(l.textContent ?? ''));
  const control = label?.htmlFor
    ? document.getElementById(label.htmlFor)
    : label?.querySelector('input');
  if (!control) throw new Error(`No control labelled ${String(text)}.`);
  return control as HTMLInputElement;
};
const click = (box: HTMLInputElement) => {
  box.click();
};
/** A change's tick box, by its accessible name ("Include <name> (row n)"). */
const included = (within: ParentNode, name: string): HTMLInputElement => {
  const found = [...within.querySelectorAll('input[type="checkbox"]')].find((b) =>
    (b.getAttribute('aria-label') ?? '').startsWith(`Include ${name} `),
  );
  if (!found) throw new Error(`No tick box for ${name}.`);
  return found as HTMLInputElement;
};
const pushesOf = (server: { calls: Calls }) =>
  server.calls.filter(([n]) => n === 'pushChanges').map(([, args]) => args[0]);

describe('ReviewPanel', () => {
  it('groups changes by action with their counts, each with sheet, row, Brex now → sent, as text', async () => {
    const panel = await mount(
      fakeServer(
        reviewOf([
          lock('a', 2),
          lock('b', 3),
          change({ key: 'c', row: 4, problem: 'A terminated card cannot become locked.' }),
          terminate('d'),
        ]),
      ),
    );

    const locks = group(panel, 'Lock card (3)');
    expect(locks.textContent).toContain('3 pending · 2 ready · 1 refused');
    expect(locks.textContent).toContain('Brex Cards, row 3 · Brex ID card_b');
    expect(locks.textContent).toContain('Brex now: Active → will be sent: Locked');
    expect(locks.textContent).toContain('A terminated card cannot become locked.');
    expect(group(panel, 'Terminate card (1)').textContent).toContain('Terminating is permanent.');
    expect(panel.element.textContent).toContain('<b>a</b>');
    expect(panel.element.querySelector('b')).toBeNull();
    expect(panel.element.querySelector('.pending-count')?.textContent).toBe(
      '4 pending changes in the sheets, 1 refused.',
    );
  });

  it('titles each group with what Brex will do: locks and unlocks of one action apart', async () => {
    const unlock = change({
      key: 'u',
      row: 5,
      actionLabel: 'Unlock card',
      brexNow: 'Locked',
      toSend: 'Active',
    });
    const panel = await mount(fakeServer(reviewOf([lock('a', 2), unlock, lock('b', 3)])));

    const titles = [...panel.element.querySelectorAll('.change-group h3')].map(
      (t) => t.textContent,
    );
    expect(titles).toEqual(['Lock card (2)', 'Unlock card (1)']);
    expect(group(panel, 'Unlock card (1)').textContent).toContain(
      'Brex now: Locked → will be sent: Active',
    );
  });

  it('pushes exactly the ticked ready changes; an irreversible one only once confirmed', async () => {
    const server = fakeServer(
      reviewOf([lock('a', 2), lock('b', 3), terminate('t1'), terminate('t2')]),
    );
    const panel = await mount(server);
    const terminations = group(panel, 'Terminate card (2)');

    // Never pre-checked: the push names only the locks.
    expect(byText(panel.element, /^Push/).textContent).toBe('Push 2 changes');
    click(labelled(terminations, /^Select all ready/));
    const confirm = labelled(terminations, /^I confirm/);
    expect(confirm.parentElement?.textContent).toBe('I confirm: terminate 2 cards for good');
    expect(byText(panel.element, /^Push/).textContent).toBe('Push 2 changes');
    expect(panel.element.textContent).toContain(
      'Ticked but not confirmed, so not sent: Terminate card. Tick "I confirm" in the group to send them.',
    );
    click(confirm);
    expect(byText(panel.element, /^Push/).textContent).toBe('Push 4 changes');
    // Unticking one of the locks: what is sent follows what is shown ticked.
    click(included(group(panel, 'Lock card (2)'), '<b>b</b>'));
    byText(panel.element, 'Push 3 changes').click();
    await flush();

    expect(pushesOf(server)).toEqual([['a', 't1', 't2']]);
  });

  it('takes a confirmation back when the ticked changes of its group change', async () => {
    const server = fakeServer(reviewOf([invite('i1', 5), invite('i2', 6), invite('i3', 7)]));
    const panel = await mount(server);
    const invites = group(panel, 'Invite user (3)');

    expect(
      [...invites.querySelectorAll('li input')].map((b) => (b as HTMLInputElement).checked),
    ).toEqual([false, false, false]);
    click(included(invites, 'Person 5'));
    click(labelled(invites, /^I confirm/));
    click(included(invites, 'Person 6'));
    const confirm = labelled(invites, /^I confirm/);

    expect(confirm.checked).toBe(false);
    expect(confirm.parentElement?.textContent).toBe(
      'I confirm: invite 2 people to Brex: each gets an email invitation',
    );
    expect(byText(panel.element, /^Push/).disabled).toBe(true);
  });

  it('lets a termination without a reason get one of Brex’s, written into the row, then shows the review again', async () => {
    const server = fakeServer(reviewOf([terminate('t', 'Terminating a card needs a reason.')]));
    const panel = await mount(server);
    server.next(reviewOf([terminate('t-with-reason')]));
    const select = panel.element.querySelector('select') as HTMLSelectElement;

    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose…',
      'Card lost',
      'Other',
    ]);
    select.value = 'CARD_LOST';
    select.dispatchEvent(new Event('change'));
    await flush();

    expect(server.calls).toContainEqual(['chooseForChange', ['t', 'CARD_LOST']]);
    expect(panel.element.textContent).toContain(
      '“Card lost” is now in the "Reason" cell of row 2 in Brex Cards.',
    );
    expect(panel.element.querySelector('select')).toBeNull();
    expect(panel.element.textContent).toContain('Brex now: Active → will be sent: Terminated');
  });

  it('shows a conflict with both values and resolves it with "Keep mine"', async () => {
    const conflict = 'Brex now has 19,000.00 USD for "Travel"; you typed 20,000.00 USD.';
    const server = fakeServer(
      reviewOf([
        change({
          key: 'x',
          action: 'spend_limit.base_limit',
          actionLabel: 'Change base limit',
          conflict,
        }),
      ]),
    );
    const panel = await mount(server);
    const limits = group(panel, 'Change base limit (1)');

    expect(limits.textContent).toContain(conflict);
    expect(limits.textContent).toContain('1 pending · 0 ready · 0 refused · 1 conflict');
    byText(limits, 'Keep mine').click();
    await flush();

    expect(server.calls).toContainEqual(['resolveConflict', ['x', 'keep_mine']]);
    expect(panel.element.textContent).toContain('Brex’s value is in the row.');
  });

  it('calls again with exactly the deferred keys until none is left, showing "Sent n of N"', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const seen: string[] = [];
    const server = fakeServer(reviewOf(keys.map((k, i) => lock(k, i + 2))), {
      pushes: [
        (asked) => asked.map((k, i) => pushed(k, i < 2 ? 'pushed' : 'deferred')),
        (asked) => asked.map((k, i) => pushed(k, i < 2 ? 'pushed' : 'deferred')),
        (asked) => asked.map((k) => pushed(k)),
      ],
    });
    const panel = await mount(server);
    const observer = new MutationObserver(() => {
      const line = panel.element.querySelector('.push-progress [role="status"]')?.textContent;
      if (line && seen.at(-1) !== line) seen.push(line);
    });
    observer.observe(panel.element, { subtree: true, childList: true, characterData: true });
    byText(panel.element, 'Push 5 changes').click();
    await flush();
    observer.disconnect();

    expect(pushesOf(server)).toEqual([keys, ['c', 'd', 'e'], ['e']]);
    expect(seen).toEqual(['Sending 5 changes…', 'Sent 2 of 5…', 'Sent 4 of 5…', 'Sent 5 of 5.']);
    expect(panel.element.textContent).toContain('Pushed 5 changes.');
  });

  it('keeps the answers already given when a later call fails, and sends nothing again', async () => {
    const server = fakeServer(reviewOf([lock('a', 2), lock('b', 3)]), {
      pushes: [
        (asked) => asked.map((k, i) => pushed(k, i === 0 ? 'pushed' : 'deferred')),
        () => {
          throw new Error('The sidebar lost contact with Google.');
        },
      ],
    });
    const panel = await mount(server);
    byText(panel.element, 'Push 2 changes').click();
    await flush();

    expect(pushesOf(server)).toEqual([['a', 'b'], ['b']]);
    expect(panel.element.textContent).toContain('Pushed: Locked a.');
    expect(panel.element.textContent).toContain(
      'The sidebar lost contact with Google. 1 of 2 changes have no answer yet',
    );
  });

  it('says a consequence every change of the group shares once, for the group', async () => {
    const same = 'Brex is given the reason: Other.';
    const panel = await mount(
      fakeServer(
        reviewOf([
          change({ key: 'a', consequences: [same] }),
          change({ key: 'b', row: 3, consequences: [same, 'Only b.'] }),
        ]),
      ),
    );

    const text = panel.element.textContent ?? '';
    expect(text.split(same)).toHaveLength(2);
    expect(text).toContain(`Each: ${same}`);
    expect(text).toContain('Only b.');
  });

  it('stops when a call sends nothing, and says what is left', async () => {
    const server = fakeServer(reviewOf([lock('a', 2), lock('b', 3)]), {
      pushes: [(asked) => asked.map((k) => pushed(k, 'deferred'))],
    });
    const panel = await mount(server);
    byText(panel.element, 'Push 2 changes').click();
    await flush();

    expect(pushesOf(server)).toHaveLength(1);
    expect(panel.element.textContent).toContain('The push stopped: 2 of 2 changes were not sent');
  });

  it('shows a change edited since the review as not sent, with the server’s reason', async () => {
    const server = fakeServer(reviewOf([lock('a', 2)]), {
      pushes: [
        () => [
          {
            ...pushed('a', 'refused'),
            message:
              'The change to "a" is no longer the one you reviewed. Nothing was sent. Review again, then push.',
          },
        ],
      ],
    });
    const panel = await mount(server);
    byText(panel.element, 'Push 1 change').click();
    await flush();

    const results = panel.element.querySelector('[aria-label="Push results"]');
    expect(results?.textContent).toBe(
      'Not sent: The change to "a" is no longer the one you reviewed. Nothing was sent. Review again, then push.',
    );
    expect(panel.element.textContent).toContain('Pushed 0 of 1; 1 not pushed');
  });

  it('shows payment changes apart, never ticked or pushed here', async () => {
    const payment = change({
      key: 'p',
      sheet: 'Brex Payments',
      action: 'transfers.create',
      actionLabel: 'Payment',
      confirmation: 'creation',
    });
    const server = fakeServer(reviewOf([lock('a', 2), payment]));
    const panel = await mount(server);
    const payments = group(panel, 'Pay vendors (1)');

    expect(payments.textContent).toContain('approved by a second person in the payments section');
    expect(payments.querySelector('input')).toBeNull();
    byText(panel.element, 'Push 1 change').click();
    await flush();
    expect(pushesOf(server)).toEqual([['a']]);
  });

  it('discards the ticked changes, refused ones included', async () => {
    const server = fakeServer(
      reviewOf([lock('a', 2), change({ key: 'r', row: 3, problem: 'Bad.' })]),
    );
    const panel = await mount(server);
    click(included(panel.element, '<b>r</b>'));
    byText(panel.element, 'Discard checked').click();
    await flush();

    expect(server.calls).toContainEqual(['discardChanges', [['a', 'r']]]);
    expect(panel.element.textContent).toContain(
      'Restored 2 changes to the values of the last sync.',
    );
  });

  it('tells an editor without a credential how to add one, and disables pushing', async () => {
    const panel = await mount(fakeServer(reviewOf([lock('a')], false)));

    expect(byText(panel.element, 'Push 1 change').disabled).toBe(true);
    expect(panel.element.textContent).toContain('Add your own Brex token');
  });
});

describe('ReviewPanel › pending count', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('follows the sheets while visible, offers to review again, and pauses while hidden', async () => {
    let count: PendingCount = { pending: 1, refused: 0 };
    const server = fakeServer(reviewOf([lock('a')]));
    server.pendingChangeCount = () => {
      server.calls.push(['pendingChangeCount', []]);
      return Promise.resolve(count);
    };
    const panel = new ReviewPanel(server, { countPollMs: 30_000 });
    panels.push(panel);
    document.body.append(panel.element);
    await panel.load();
    const polls = () => server.calls.filter(([n]) => n === 'pendingChangeCount').length;

    count = { pending: 3, refused: 1 };
    jest.advanceTimersByTime(30_000);
    await settle();
    const line = panel.element.querySelector('.pending-count') as HTMLElement;
    expect(line.textContent).toBe(
      '3 pending changes in the sheets, 1 refused now; the review below shows 1.Review again',
    );
    expect(polls()).toBe(1);

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    jest.advanceTimersByTime(120_000);
    await settle();
    expect(polls()).toBe(1);

    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(polls()).toBe(2);
  });
});
