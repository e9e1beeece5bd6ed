/**
 * Hostile input to the card, user, department and location actions, through the built bundle:
 * thirty bad values, each refused with its own message, and a push of all of them sends Brex
 * nothing at all. Names and emails that look like formulas stay text and are refused.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Card, User } from '../../src/brex';
import {
  CARDS,
  USERS,
  auditRows,
  cards,
  nextRow,
  openSandbox,
  teamWorld,
  users,
} from '../support/team-world';
import { reviewAndPush } from '../support/action-world';
import { typeCases, unmatched, type RefusedCase } from './support/refused-edits';

describe('hostile values for the card and user actions', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await openSandbox();
    runtime = await teamWorld(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('refuses thirty bad values, each with its message, and sends no request', async () => {
    const all = cards(sandbox);
    const userCards = all.filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER');
    const own = all.find((c) => c.status === 'ACTIVE' && c.limit_type === 'CARD') as Card;
    const people = users(sandbox).filter((u) => u.status === 'ACTIVE');
    const disabled = users(sandbox).find((u) => u.status === 'DISABLED') as User;
    const c = (i: number): string => (userCards[i] as Card).id;
    const u = (i: number): string => (people[i] as User).id;
    const card = nextRow(runtime, CARDS);
    const invite = nextRow(runtime, USERS);
    const dept = nextRow(runtime, 'Brex Departments');

    const edits: readonly RefusedCase[] = [
      [[[CARDS, c(0), 'Status', 'Frozen']], /"Frozen" is not a card status/],
      [[[CARDS, c(1), 'Status', 'lock']], /"lock" is not a card status/],
      [[[CARDS, c(2), 'Status', 'Shipped']], /"Shipped" is not a card status/],
      [[[CARDS, c(3), 'Status', 'terminated']], /needs a reason from Brex's list/],
      [
        [
          [CARDS, c(4), 'Reason', 'because'],
          [CARDS, c(4), 'Status', 'Locked'],
        ],
        /"because" is not one of Brex's/,
      ],
      [[[CARDS, c(5), 'Limit', 500]], /no limit of its own/],
      [[[CARDS, own.id, 'Limit', 'lots']], /"lots" is not an amount/],
      [[[CARDS, c(6), 'Status', '=1+1']], /"=1\+1" is not a card status/],
      [
        [
          [CARDS, card, 'Card name', 'Team offsite'],
          [CARDS, card, 'Holder', 'nobody@nowhere.example'],
        ],
        /No person "nobody@nowhere.example"/,
      ],
      [[[CARDS, card + 1, 'Card name', 'No holder']], /needs a holder/],
      [
        [
          [CARDS, card + 2, 'Card name', 'For a suspended person'],
          [CARDS, card + 2, 'Holder', disabled.email],
        ],
        /is disabled in Brex and cannot get a card/,
      ],
      [
        [
          [CARDS, card + 3, 'Card name', '\'=HYPERLINK("http://evil.example")'],
          [CARDS, card + 3, 'Holder', (people[0] as User).email],
        ],
        /starts with "=", which spreadsheets read as a formula/,
      ],
      [
        [
          [CARDS, card + 4, 'Card name', 'Bad limit'],
          [CARDS, card + 4, 'Holder', (people[0] as User).email],
          [CARDS, card + 4, 'Limit', 'abc'],
        ],
        /"abc" is not an amount/,
      ],
      [
        [
          [CARDS, card + 5, 'Card name', 'Bad currency'],
          [CARDS, card + 5, 'Holder', (people[0] as User).email],
          [CARDS, card + 5, 'Limit', 100],
          [CARDS, card + 5, 'Currency', 'dollars'],
        ],
        /"DOLLARS" is not a currency code/,
      ],
      [
        [
          [CARDS, card + 6, 'Card name', 'Bad period'],
          [CARDS, card + 6, 'Holder', (people[0] as User).email],
          [CARDS, card + 6, 'Limit', 100],
          [CARDS, card + 6, 'Limit period', 'weekly'],
        ],
        /"weekly" is not a limit period/,
      ],
      [[[USERS, u(0), 'Status', 'Suspended']], /"Suspended" is not a status/],
      [[[USERS, u(1), 'Status', 'Invited']], /"Invited" is not a status/],
      [[[USERS, u(2), 'Monthly limit', 'ten']], /"ten" is not an amount/],
      [[[USERS, u(3), 'Monthly limit', -5]], /-5 is negative/],
      [[[USERS, u(4), 'Department', 'Atlantis']], /No department "Atlantis"/],
      [[[USERS, u(5), 'Location', 'Mars']], /No location "Mars"/],
      [[[USERS, u(6), 'Manager', (people[6] as User).email]], /cannot be their own manager/],
      [[[USERS, u(7), 'Manager', 'Nobody Atall']], /No person "Nobody Atall"/],
      [
        [
          [USERS, invite, 'Name', 'Zoe'],
          [USERS, invite, 'Email', 'zoe@acme-demo.com'],
        ],
        /needs a first and a last name/,
      ],
      [
        [
          [USERS, invite + 1, 'Name', 'Zoe Park'],
          [USERS, invite + 1, 'Email', 'zoe@'],
        ],
        /"zoe@" is not an email address/,
      ],
      [
        [
          [USERS, invite + 2, 'Name', 'Eve Hacker'],
          [USERS, invite + 2, 'Email', '\'=IMPORTXML("http://evil.example","//a")'],
        ],
        // A new row's cells take the column's plain-text format, which keeps the apostrophe.
        /"'?=IMPORTXML.* is not an email address/,
      ],
      [
        [
          [USERS, invite + 3, 'Name', "'+1 555 0100"],
          [USERS, invite + 3, 'Email', 'phone@acme-demo.com'],
        ],
        /starts with "\+"/,
      ],
      [
        [
          [USERS, invite + 4, 'Name', 'Ava Again'],
          [USERS, invite + 4, 'Email', (people[0] as User).email.toUpperCase()],
        ],
        /already has the email/,
      ],
      [
        [
          [USERS, invite + 5, 'Name', 'Dan Dept'],
          [USERS, invite + 5, 'Email', 'dan.dept@acme-demo.com'],
          [USERS, invite + 5, 'Department', 'Nowhere'],
        ],
        /Department: No department "Nowhere"/,
      ],
      [[['Brex Departments', dept, 'Name', "'@admin"]], /starts with "@"/],
    ];
    expect(edits).toHaveLength(30);
    await typeCases(runtime, edits);
    sandbox.log.length = 0;

    const { changes, results } = await reviewAndPush(runtime);
    expect(changes).toHaveLength(30);
    expect(unmatched(edits, changes)).toEqual({ unmatched: [], problems: [] });
    expect(changes.every((ch) => ch.problem !== null)).toBe(true);
    expect(results.map((r) => r.outcome)).toEqual(changes.map(() => 'refused'));
    expect(sandbox.log).toHaveLength(0);
    expect(auditRows(runtime).filter((r) => r.Result === 'refused')).toHaveLength(30);

    // What looked like a formula is still the text typed, in the sheet and in the audit log.
    // (The new row's plain-text cell keeps the apostrophe typed before it.)
    expect(runtime.values(CARDS)[card + 2]).toContain('\'=HYPERLINK("http://evil.example")');
    expect(runtime.formulas(CARDS).flat().filter(Boolean)).toEqual([]);
    expect(runtime.formulas(USERS).flat().filter(Boolean)).toEqual([]);
  });
});
