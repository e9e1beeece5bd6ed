/**
 * @jest-environment jsdom
 */
import {
  button,
  callsTo,
  connected,
  disconnected,
  field,
  health,
  mountSidebar,
  region,
  settle,
} from './support/fake-server';

const TOKEN = 'brex_live_0123456789abcdefWXYZ';

describe('sidebar › connection', () => {
  it('connects with the pasted token and environment, then shows who, never the token', async () => {
    let status = disconnected;
    const mounted = mountSidebar({
      getConnectionStatus: () => status,
      connect: () => (status = connected),
    });
    await mounted.started;

    const token = field<HTMLInputElement>('Connection token');
    token.value = TOKEN;
    field<HTMLSelectElement>('Environment').value = 'staging';
    button('Connect').click();
    await settle();

    expect(callsTo(mounted, 'connect')).toEqual([[{ token: TOKEN, environment: 'staging' }]]);
    const text = region('Connection').textContent ?? '';
    expect(text).toContain('Analytical Engines Inc');
    expect(text).toContain('Ada Lovelace (ada@example.com)');
    expect(text).toContain('token ending in WXYZ: reads, for everyone here');
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
    expect(region('Data sets')).toBeTruthy();
  });

  it('says plainly which credential reads and which writes', async () => {
    await mountSidebar({
      getConnectionStatus: () => ({ ...connected, canWrite: false, writeCredential: null }),
    }).started;

    const text = region('Connection').textContent ?? '';
    expect(text).toContain('every editor, the BREX_ formulas and the scheduled refresh');
    expect(text).toContain('Your writes');
    expect(text).toContain('no write credential yet: asked when you first review a change');
  });

  it('recommends a read-only connection token and says why', async () => {
    await mountSidebar({ getConnectionStatus: () => disconnected }).started;

    const text = region('Connection').textContent ?? '';
    expect(text).toContain('Read-only recommended.');
    expect(text).toContain('should not be able to change anything in Brex');
  });

  it('keeps the token field’s dots while Brex checks the token', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const mounted = mountSidebar({
      getConnectionStatus: () => disconnected,
      connect: () => new Promise((resolve) => (answer = resolve)),
    });
    await mounted.started;

    field<HTMLInputElement>('Connection token').value = TOKEN;
    button('Connect').click();
    await settle();

    const token = field<HTMLInputElement>('Connection token');
    expect([token.value, token.readOnly, token.type]).toEqual([TOKEN, true, 'password']);
    answer(connected);
    await settle();
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
  });

  it('keeps the old connection while another token is tried, and Cancel goes back to it', async () => {
    const mounted = mountSidebar({});
    await mounted.started;

    button('Use another token').click();

    const text = region('Connection').textContent ?? '';
    expect(text).toContain(
      'The current connection (token ending in WXYZ) is kept until Brex has checked the new token.',
    );
    button('Cancel', region('Connection')).click();
    expect(region('Connection').textContent).toContain('token ending in WXYZ: reads');
    expect(callsTo(mounted, 'connect')).toHaveLength(0);
  });

  it('shows which token writes: the connection’s by choice, or the person’s own', async () => {
    await mountSidebar({
      getConnectionStatus: () => ({
        ...connected,
        writeCredential: { user: 'Grace Hopper', tokenLast4: 'QRST', sameAsConnection: false },
      }),
    }).started;

    expect(region('Connection').textContent).toContain(
      'your token ending in QRST, as Grace Hopper; yours alone',
    );
  });

  it('shows Brex’s refusal with its next step, and forgets the token', async () => {
    const mounted = mountSidebar({
      getConnectionStatus: () => disconnected,
      connect: () => {
        throw new Error('Brex refused the token. Create a new token in the Brex dashboard.');
      },
    });
    await mounted.started;

    field<HTMLInputElement>('Connection token').value = TOKEN;
    button('Connect').click();
    await settle();

    const alert = region('Connection').querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(
      'Brex refused the token. Create a new token in the Brex dashboard.',
    );
    expect(field<HTMLInputElement>('Connection token').value).toBe('');
    expect(region('Connection').querySelector('input')).toBe(document.activeElement);
  });

  it('disconnects after a confirmation and hides everything that needs a connection', async () => {
    const mounted = mountSidebar({ disconnect: () => disconnected });
    await mounted.started;

    button('Disconnect').click();
    await settle();
    expect(callsTo(mounted, 'disconnect')).toHaveLength(0);
    button('Disconnect', region('Connection').querySelector('[role="group"]') as Element).click();
    await settle();

    expect(callsTo(mounted, 'disconnect')).toHaveLength(1);
    expect(field('Connection token')).toBeTruthy();
    expect(() => region('Data sets')).toThrow();
    expect(() => region('Schedule')).toThrow();
  });

  it('says what happens to a schedule on disconnect, and keeps a schedule left on in sight', async () => {
    const hourly = {
      kind: 'hourly',
      hour: null,
      timeZone: 'Europe/Paris',
      description: 'Every hour',
      owner: 'ada@example.com',
      ownedByMe: true,
      runs: [],
    };
    let status = connected;
    const mounted = mountSidebar({
      getConnectionStatus: () => status,
      getSchedule: () => hourly,
      disconnect: () => (status = disconnected),
    });
    await mounted.started;

    button('Disconnect').click();
    await settle();
    const confirm = region('Connection').querySelector('[role="group"]') as HTMLElement;
    expect(confirm.textContent).toContain(
      'The schedule (Every hour) stays set unless you turn it off',
    );
    field<HTMLInputElement>('Also turn the schedule off').checked = false;
    button('Disconnect', confirm).click();
    await settle();

    expect(callsTo(mounted, 'setSchedule')).toHaveLength(0);
    expect(callsTo(mounted, 'disconnect')).toHaveLength(1);
    expect(region('Schedule').textContent).toContain('Every hour');
    expect(() => region('Data sets')).toThrow();
  });
});

describe('sidebar › escaping', () => {
  it('shows strings from Brex as text, never as markup', async () => {
    const evil = '<img src=x onerror="document.title=\'owned\'">';
    await mountSidebar({
      getConnectionStatus: () => ({ ...connected, user: evil, company: evil }),
      getSyncHealth: () => ({
        refreshInProgress: false,
        refreshStartedAt: null,
        retrying: null,
        lastBrexCallAt: null,
        dataSets: [health({ id: 'users', title: 'Users', state: 'error', message: evil })],
      }),
    }).started;
    await settle();

    expect(document.querySelector('img')).toBeNull();
    expect(region('Connection').textContent).toContain(evil);
    expect(region('Sync health').textContent).toContain(evil);
  });
});

describe('sidebar › refresh', () => {
  const summary = (done: boolean, pages: number) => ({
    done,
    busy: false,
    message: done ? 'Refresh complete.' : 'Refresh in progress.',
    dataSets: [
      {
        ...health({ id: 'users', title: 'Users' }),
        done: true,
        added: 12,
        updated: 1,
        removed: 0,
      },
      {
        ...health({ id: 'card_transactions', title: 'Card transactions', pages }),
        state: done ? 'ok' : 'in_progress',
        done,
        added: 40,
        updated: 0,
        removed: 2,
      },
    ],
  });

  it('saves the choice, calls until done, and shows the counts', async () => {
    const replies = [summary(false, 1), summary(false, 3), summary(true, 4)];
    const mounted = mountSidebar({ refreshNow: () => replies.shift() });
    await mounted.started;

    field<HTMLInputElement>('Cards').checked = true;
    field<HTMLInputElement>('History from').value = '2025-07-01';
    button('Refresh now').click();
    await settle();

    expect(callsTo(mounted, 'saveSyncSettings')).toEqual([
      [{ dataSets: ['users', 'cards'], historyStart: '2025-07-01' }],
    ]);
    expect(callsTo(mounted, 'refreshNow')).toHaveLength(3);
    const data = region('Data sets');
    expect(data.querySelector('progress')?.value).toBe(1);
    const results = [...data.querySelectorAll('ul[aria-label="Refresh results"] li')];
    expect(results.map((li) => li.textContent)).toEqual([
      'Users: 12 added, 1 updated, 0 removed',
      'Card transactions: 40 added, 0 updated, 2 removed',
    ]);
  });

  it('shows the saved receipt threshold and saves a new one with the choice', async () => {
    const mounted = mountSidebar({
      getSyncSettings: () => ({
        dataSets: ['users'],
        historyStart: '2026-01-01',
        receiptThreshold: 75,
      }),
      refreshNow: () => summary(true, 1),
    });
    await mounted.started;

    const threshold = field<HTMLInputElement>('Receipts required from');
    const shown = threshold.value;
    threshold.value = '120.5';
    button('Refresh now').click();
    await settle();

    expect(shown).toBe('75');
    expect(callsTo(mounted, 'saveSyncSettings')).toEqual([
      [{ dataSets: ['users'], historyStart: '2026-01-01', receiptThreshold: 120.5 }],
    ]);
  });

  it('moves the bar with each call’s summary', async () => {
    let release: (value: unknown) => void = () => undefined;
    const replies = [summary(false, 1), summary(false, 3)];
    const mounted = mountSidebar({
      refreshNow: () =>
        replies.length ? replies.shift() : new Promise((resolve) => (release = resolve)),
    });
    await mounted.started;

    button('Refresh now').click();
    await settle();

    const bar = region('Data sets').querySelector('progress') as HTMLProgressElement;
    expect(bar.value).toBeCloseTo((1 + 3 / 4) / 2);
    expect(region('Data sets').textContent).toContain(
      '1 of 2 data sets done. Card transactions: page 3, 10 rows.',
    );
    release(summary(true, 4));
    await settle();
    expect(bar.value).toBe(1);
  });

  it('moves the bar with every page written while a call runs', async () => {
    let pages = 0;
    const mounted = mountSidebar(
      {
        refreshNow: () => new Promise(() => undefined),
        getSyncHealth: () => ({
          refreshInProgress: true,
          refreshStartedAt: null,
          retrying: null,
          lastBrexCallAt: null,
          dataSets: [health({ id: 'users', title: 'Users', state: 'in_progress', pages: pages++ })],
        }),
      },
      'overview',
      5,
    );
    await mounted.started;
    const bar = region('Data sets').querySelector('progress') as HTMLProgressElement;

    button('Refresh now').click();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(bar.value);
    }

    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[2]).toBeGreaterThan(seen[0] as number);
    expect(region('Data sets').textContent).toMatch(/0 of 1 data sets done\. Users: page \d+/);
  });

  it('says "Finished with errors" with each data set’s message and Brex’s trace id once', async () => {
    const failed = (id: 'users' | 'cards', title: string) => ({
      ...health({ id, title }),
      state: 'error',
      done: true,
      message: 'Brex had a server error (503). Try again in a few minutes. (Brex trace ID t-1)',
      traceId: 't-1',
    });
    const mounted = mountSidebar({
      refreshNow: () => ({
        done: true,
        busy: false,
        message: 'Finished with errors: 2 of 2 data sets failed.',
        dataSets: [failed('users', 'Users'), failed('cards', 'Cards')],
      }),
    });
    await mounted.started;

    button('Refresh now').click();
    await settle();

    const data = region('Data sets');
    expect(data.querySelector('[role="alert"]')?.textContent).toBe(
      'Finished with errors: 2 of 2 data sets failed.',
    );
    expect(data.textContent).not.toContain('Refresh complete.');
    const results = [...data.querySelectorAll('ul[aria-label="Refresh results"] li')];
    expect(results.map((li) => li.textContent)).toEqual([
      'Users: Brex had a server error (503). Try again in a few minutes. (Brex trace ID t-1)',
      'Cards: Brex had a server error (503). Try again in a few minutes. (Brex trace ID t-1)',
    ]);
  });

  it('starts the bar at 0 and says when Brex is busy and the refresh retries', async () => {
    const mounted = mountSidebar(
      {
        refreshNow: () => new Promise(() => undefined),
        getSyncHealth: () => ({
          refreshInProgress: true,
          refreshStartedAt: '2026-03-30T11:00:00.000Z',
          retrying: { attempt: 3, maxAttempts: 5 },
          lastBrexCallAt: null,
          dataSets: [health({ id: 'users', title: 'Users', state: 'in_progress', pages: 2 })],
        }),
      },
      'overview',
      5,
    );
    await mounted.started;
    const bar = region('Data sets').querySelector('progress') as HTMLProgressElement;
    bar.value = 1; // as a previous refresh left it

    button('Refresh now').click();
    expect(bar.value).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(region('Data sets').textContent).toContain(
      'Users: page 2, 10 rows. Brex is busy, retrying, attempt 3 of 5.',
    );
  });

  it('shows Refresh now above the folded choice of data sets', async () => {
    await mountSidebar({}).started;

    const data = region('Data sets');
    const choice = data.querySelector('details') as HTMLDetailsElement;
    expect(choice.open).toBe(false);
    expect(choice.querySelector('summary')?.textContent).toBe(
      'Data sets: 1 of 2, history from 2026-01-01',
    );
    expect(
      button('Refresh now', data).compareDocumentPosition(choice) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('stops between calls on Cancel, keeping what was done', async () => {
    let release: (value: unknown) => void = () => undefined;
    const mounted = mountSidebar({
      refreshNow: () => new Promise((resolve) => (release = resolve)),
    });
    await mounted.started;

    button('Refresh now').click();
    await settle();
    button('Cancel').click();
    release(summary(false, 1));
    await settle();

    expect(callsTo(mounted, 'refreshNow')).toHaveLength(1);
    expect(region('Data sets').textContent).toContain(
      'Cancelled. What was written stays; Refresh now continues where this one stopped.',
    );
    expect(button('Refresh now').disabled).toBe(false);
  });

  it('starts at once when opened from the menu’s Refresh now', async () => {
    const mounted = mountSidebar({ refreshNow: () => summary(true, 1) }, 'refresh');
    await mounted.started;

    expect(callsTo(mounted, 'refreshNow')).toHaveLength(1);
  });

  it('refuses to refresh with no data set chosen, saying what to do', async () => {
    const mounted = mountSidebar({ refreshNow: () => summary(true, 1) });
    await mounted.started;

    field<HTMLInputElement>('Users').checked = false;
    button('Refresh now').click();
    await settle();

    expect(callsTo(mounted, 'refreshNow')).toHaveLength(0);
    expect(region('Data sets').querySelector('[role="alert"]')?.textContent).toBe(
      'No data set is chosen. Tick at least one, then refresh.',
    );
  });
});

describe('sidebar › review', () => {
  it('opens on the review when the menu asks for it', async () => {
    const mounted = mountSidebar({}, 'review');
    await mounted.started;

    expect(callsTo(mounted, 'reviewChanges')).toHaveLength(1);
    expect(document.activeElement?.textContent).toBe('Review changes');
  });

  it('asks a person without a write credential for one at their first review, with “use the same token”', async () => {
    let canPush = false;
    const pending = {
      key: 'spend_limit.base_limit:limit_1:fp',
      sheet: 'Brex Spend Limits',
      row: 2,
      action: 'spend_limit.base_limit',
      actionLabel: 'Change base limit',
      target: { id: 'limit_1', name: 'Travel' },
      brexNow: '1.00 USD',
      toSend: '2.00 USD',
      problem: null,
      consequences: [],
      confirmation: 'none',
      inFlight: false,
      conflict: null,
    };
    const mounted = mountSidebar(
      {
        getConnectionStatus: () => ({ ...connected, canWrite: false, writeCredential: null }),
        reviewChanges: () => ({
          changes: [pending],
          canPush,
          credentialHelp: canPush ? null : 'You have no Brex write credential of your own.',
        }),
        saveWriteCredential: () => {
          canPush = true;
          return connected;
        },
      },
      'review',
    );
    await mounted.started;
    const review = region('Review changes');
    const form = review.querySelector('form[aria-label="Your write credential"]') as HTMLElement;

    expect(form.textContent).toContain('The spreadsheet’s connection only reads.');
    expect(field('Your Brex token', form)).toBeTruthy();
    button('Use the same token as the connection', form).click();
    await settle();

    expect(callsTo(mounted, 'saveWriteCredential')).toEqual([[{ sameAsConnection: true }]]);
    expect(review.querySelector('form[aria-label="Your write credential"]')).toBeNull();
    expect(button('Push 1 change', review).disabled).toBe(false);
    expect(region('Connection').textContent).toContain('the connection’s token, as Ada Lovelace');
  });
});

describe('sidebar › schedule', () => {
  const bobs = {
    kind: 'daily',
    hour: 7,
    timeZone: 'Europe/Paris',
    description: 'Every day between 07:00 and 08:00 (Europe/Paris).',
    owner: 'bob@example.com',
    ownedByMe: false,
    lastRun: {
      at: '2026-03-30T07:10:00.000Z',
      by: 'bob@example.com',
      outcome: 'failed',
      message: 'The Brex token has expired. Connect a new token.',
      did: 'Nothing was refreshed.',
    },
  };
  const withRuns = {
    ...bobs,
    runs: [
      bobs.lastRun,
      {
        at: '2026-03-29T07:12:00.000Z',
        by: 'bob@example.com',
        outcome: 'done',
        message: 'Refresh complete.',
        did: 'Read 2 data sets: 5 rows added, 1 updated, 0 removed.',
      },
    ],
  };

  it('names whose trigger it is and lets this editor take it over', async () => {
    const mounted = mountSidebar({
      getSchedule: () => withRuns,
      takeOverSchedule: () => ({ ...withRuns, owner: 'ada@example.com', ownedByMe: true }),
    });
    await mounted.started;

    const schedule = region('Schedule');
    expect(schedule.textContent).toContain('It runs as bob@example.com');
    expect(schedule.querySelector('[role="alert"]')?.textContent).toBe(
      'The Brex token has expired. Connect a new token.',
    );
    button('Take over schedule').click();
    await settle();

    expect(callsTo(mounted, 'takeOverSchedule')).toHaveLength(1);
    expect(region('Schedule').textContent).toContain('It runs as you');
    expect(() => button('Take over schedule')).toThrow();
  });

  it('shows the record of scheduled runs: what each did, and why one failed', async () => {
    const mounted = mountSidebar({ getSchedule: () => withRuns });
    await mounted.started;

    const schedule = region('Schedule');
    expect(schedule.textContent).toContain('failed. Nothing was refreshed.');
    expect(schedule.querySelector('details summary')?.textContent).toBe(
      'Earlier scheduled runs (1)',
    );
    expect(schedule.querySelector('details li')?.textContent).toContain(
      'refreshed. Read 2 data sets: 5 rows added, 1 updated, 0 removed.',
    );
  });

  it('sends the chosen kind and hour', async () => {
    const mounted = mountSidebar({ setSchedule: () => withRuns });
    await mounted.started;

    field<HTMLInputElement>('Every day at').checked = true;
    (
      document.querySelector('select[aria-label="Hour of the daily refresh"]') as HTMLSelectElement
    ).value = '18';
    button('Save schedule').click();
    await settle();

    expect(callsTo(mounted, 'setSchedule')).toEqual([[{ kind: 'daily', hour: 18 }]]);
  });
});

describe('sidebar › sync health', () => {
  it('shows per data set the last success, the changes and the error with its trace id', async () => {
    await mountSidebar({
      getSyncHealth: () => ({
        refreshInProgress: false,
        refreshStartedAt: null,
        retrying: null,
        lastBrexCallAt: null,
        dataSets: [
          health({ id: 'users', title: 'Users', added: 3, updated: 2, removed: 1 }),
          health({
            id: 'transfers',
            title: 'Transfers',
            state: 'error',
            message: 'Brex answered 500. Try again later.',
            traceId: 'trace-42',
          }),
        ],
      }),
    }).started;
    await settle();

    const items = [...region('Sync health').querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toContain('Last refresh: 3 added, 2 updated, 1 removed');
    expect(items[1]).toContain('Failed');
    expect(items[1]).toContain('Brex answered 500. Try again later. (Brex trace ID trace-42)');
  });

  it('lists the data sets the token could not read when it was connected, with the reason', async () => {
    await mountSidebar({
      getConnectionStatus: () => ({
        ...connected,
        dataSets: [
          { id: 'users', title: 'Users', available: true, reason: null },
          {
            id: 'vendors',
            title: 'Vendors',
            available: false,
            reason: 'Not available: Brex Cash is not enabled for this account.',
          },
        ],
      }),
    }).started;
    await settle();

    const list = region('Connection').querySelector(
      '[aria-label="Data sets this token cannot read"]',
    );
    expect(list?.textContent).toBe(
      'Vendors: Not available: Brex Cash is not enabled for this account.',
    );
    expect(region('Connection').textContent).toContain('Analytical Engines Inc');
  });

  it('warns when the token has not been used for 20 days', async () => {
    await mountSidebar({
      getConnectionStatus: () => ({ ...connected, connectedAt: '2026-02-01T00:00:00.000Z' }),
      getSyncHealth: () => ({
        refreshInProgress: false,
        refreshStartedAt: null,
        retrying: null,
        lastBrexCallAt: null,
        dataSets: [
          health({ id: 'users', title: 'Users', lastSuccess: '2026-03-05T00:00:00.000Z' }),
        ],
      }),
    }).started;
    await settle();

    expect(region('Sync health').querySelector('[role="alert"]')?.textContent).toMatch(
      /^The Brex token has not been used for 25 days/,
    );
  });

  it('counts a formula’s or a push’s recent Brex call as a use of the token', async () => {
    await mountSidebar({
      getConnectionStatus: () => ({ ...connected, connectedAt: '2026-02-01T00:00:00.000Z' }),
      getSyncHealth: () => ({
        refreshInProgress: false,
        refreshStartedAt: null,
        retrying: null,
        lastBrexCallAt: '2026-03-28T00:00:00.000Z',
        dataSets: [
          health({ id: 'users', title: 'Users', lastSuccess: '2026-03-05T00:00:00.000Z' }),
        ],
      }),
    }).started;
    await settle();

    expect(region('Sync health').querySelector('[role="alert"]')).toBeNull();
    expect(region('Sync health').textContent).toContain('Users');
  });
});
