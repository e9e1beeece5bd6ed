/** Cards, users, departments and locations, read whole. */
import type { Card, Department, Location, Money, User, UserLimit } from '../brex';
import type { BrexReader } from '../ports/brex-reader';
import { defineWhole, singlePageSource, STATUS_HEADER, type WholeRefreshState } from './data-set';
import { KEY_HEADER } from '../cells/header';
import { readJson, writeJson } from '../ports/key-value-port';
import { currencyExponent } from '../cells/currency';
import type { Lookups } from './lookups';
import { personName } from '../cells/person-name';
import type { CellValue } from '../ports/table-port';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';
import { cardHolderId } from './transactions';

export const cards = defineWhole<Card>({
  id: 'cards',
  title: 'Cards',
  sheetName: 'Brex Cards',
  columns: columns([
    ['Card name', 'text', { width: 200 }],
    ['Holder', 'text'],
    ['Department', 'text'],
    ['Limit', 'money'],
    ['Available', 'money'],
    ['Currency', 'text', { width: 70 }],
    ['Limit period', 'text', { width: 200 }],
    ['Limit type', 'text', { width: 80 }],
    ['Spend limit', 'text'],
    ['Status', 'text', { width: 90 }],
    ['Type', 'text', { width: 80 }],
    ['Last four', 'text', { width: 70 }],
    // Typed by a person who locks or terminates the card (docs/actions.md); Brex never fills it.
    ['Reason', 'text', { width: 160 }],
    KEY_COLUMN,
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('cards'))],
  firstReads: [{ list: 'cards', query: {} }],
  idOf: (c) => c.id,
  row: (c, lookups) => {
    const holderId = cardHolderId(c);
    const limit = cardLimit(c, holderId, lookups);
    return {
      [KEY_HEADER]: c.id,
      'Card name': c.card_name,
      Holder: lookups.userName(holderId),
      Department: lookups.departmentName(lookups.user(holderId)?.department_id),
      Type: readable(c.card_type),
      Status: readable(c.status),
      'Last four': c.last_four,
      'Limit type': readable(c.limit_type),
      Limit: limit.limit,
      Available: limit.available,
      Currency: limit.limit ? limit.limit.currency || 'USD' : '',
      'Limit period': limit.period,
      'Spend limit': lookups.spendLimitName(c.budget_id),
    };
  },
});

interface CardLimit {
  readonly limit?: Money | null;
  readonly available?: Money | null;
  /** The period, and where the limit comes from when it is not the card's own. */
  readonly period: string;
}

const HOLDER_LIMIT = ['Monthly limit', 'Monthly available', 'Limit currency'];

/**
 * A card's limit as Brex sets it: the card's own (limit type Card), the spend limit the card is
 * tied to, or its holder's monthly limit (limit type User), which Brex gives one user at a time:
 * it is taken from the Brex Users sheet, read just before the cards, with no other request.
 */
function cardLimit(card: Card, holderId: string | undefined, lookups: Lookups): CardLimit {
  const own = card.spend_controls;
  if (own?.spend_limit) {
    return {
      limit: own.spend_limit,
      available: own.spend_available,
      period: readable(own.spend_duration),
    };
  }
  const spendLimit = lookups.spendLimit(card.budget_id);
  if (card.budget_id) {
    const base = spendLimit?.authorization_settings?.base_limit;
    const spent = spendLimit?.current_period_balance?.amount_spent;
    const sameCurrency = base && (spent?.currency || base.currency) === base.currency;
    return {
      limit: base,
      available:
        base && sameCurrency ? { ...base, amount: base.amount - (spent?.amount ?? 0) } : null,
      period: spendLimit?.period_recurrence_type
        ? `${readable(spendLimit.period_recurrence_type)}, from spend limit`
        : 'From spend limit',
    };
  }
  if (card.limit_type !== 'USER') return { period: '' };
  const holder = lookups.joined(users.sheetName, HOLDER_LIMIT, holderId);
  const currency = String(holder?.['Limit currency'] || 'USD');
  return {
    limit: moneyOf(holder?.['Monthly limit'], currency),
    available: moneyOf(holder?.['Monthly available'], currency),
    period: "Per month, holder's limit",
  };
}

/** Pure: an amount a sheet shows (major units) → Brex's Money; null when the cell is blank. */
function moneyOf(value: CellValue | undefined, currency: string): Money | null {
  if (typeof value !== 'number') return null;
  return { amount: Math.round(value * 10 ** currencyExponent(currency)), currency };
}

/**
 * Brex gives a user's monthly limit only one user at a time (`GET /v2/users/{id}/limit`), so a
 * refresh reads every user's limit on the first sync and then at most once a day, and in between
 * only the limits of users the sheet does not show yet: a refresh that finds nothing new stays at
 * one request. A company of thousands needs more requests than one run can pace under Brex's
 * rate limit, so limits are read in chunks in the users' list order, written and checkpointed
 * every 1,000 users, and a run that runs out of time writes what it read and leaves the pass
 * (`sync.userLimitsPass`: the last user done) for the next run. `monthlyLimit` undefined means "not read in this run"; null, "Brex has none" (404).
 */
export type UserWithLimit = User & { readonly monthlyLimit?: UserLimit | null };

export const LIMIT_HEADERS = ['Monthly limit', 'Monthly available', 'Limit currency'];
const LIMITS_READ_KEY = 'sync.userLimitsReadAt';
const PASS_KEY = 'sync.userLimitsPass';
const DAY_MS = 24 * 3600 * 1000;
/** Users whose limits go in one `fetchAll`; the client paces its requests. */
const LIMITS_CHUNK = 100;
/** Limits written to the sheet and checkpointed every so many users (about a minute's reads). */
const LIMITS_CHECKPOINT = 1000;

/** A pass over users' limits that a run left unfinished. */
interface LimitsPass {
  /** ISO time the pass started; a whole pass, once finished, counts as read then. */
  readonly startedAt: string;
  /** Every user's limit (the daily pass), not only new users'. */
  readonly whole: boolean;
  /** The last user whose limit is in the sheet (null: none yet); the pass goes on after it. */
  readonly after: string | null;
}

/** The users whose limits this run reads, in list order, and the pass they belong to. */
function limitsWanted(
  all: readonly User[],
  refresh: WholeRefreshState,
): { wanted: User[]; pass: LimitsPass } {
  const left = readJson<LimitsPass>(refresh.store, PASS_KEY);
  if (left) {
    // A user removed since leaves no place to go on from: the pass starts over, which is harmless.
    const at = left.after === null ? -1 : all.findIndex((u) => u.id === left.after);
    return { wanted: all.slice(at + 1), pass: left };
  }
  const readAt = Date.parse(refresh.store.get(LIMITS_READ_KEY) ?? '');
  const whole = !(refresh.now - readAt < DAY_MS);
  return {
    wanted: all.filter((u) => whole || !refresh.shown.has(u.id)),
    pass: { startedAt: new Date(refresh.now).toISOString(), whole, after: null },
  };
}

function withMonthlyLimits(
  all: readonly User[],
  reader: BrexReader,
  refresh: WholeRefreshState | undefined,
): UserWithLimit[] {
  // A formula decides for itself whether to read limits (see brex-lists.ts).
  if (!refresh) return [...all];
  const { wanted, pass } = limitsWanted(all, refresh);
  const limits = new Map<string, UserLimit | null>();
  let done = 0;
  let written = 0;
  while (done < wanted.length && !refresh.outOfTime()) {
    const chunk = wanted.slice(done, done + LIMITS_CHUNK).map((u) => u.id);
    reader.userLimits(chunk).forEach((limit, i) => limits.set(chunk[i] as string, limit));
    done += chunk.length;
    if (done - written >= LIMITS_CHECKPOINT && done < wanted.length) {
      // Rows first, then the pass that counts them, then the checkpoint.
      const after = wanted[done - 1]?.id ?? null;
      refresh.writeSome(
        wanted.slice(written, done).map((u) => ({ ...u, monthlyLimit: limits.get(u.id) })),
        () => writeJson(refresh.store, PASS_KEY, { ...pass, after }),
      );
      written = done;
    }
  }
  // Staged like every sync state: the refresh commits it only after these rows are written.
  if (done < wanted.length) {
    writeJson(refresh.store, PASS_KEY, { ...pass, after: wanted[done - 1]?.id ?? pass.after });
  } else {
    refresh.store.delete(PASS_KEY);
    if (pass.whole) refresh.store.set(LIMITS_READ_KEY, pass.startedAt);
  }
  return all.map((u) => (limits.has(u.id) ? { ...u, monthlyLimit: limits.get(u.id) } : u));
}

export const users = defineWhole<UserWithLimit>({
  id: 'users',
  title: 'Users',
  sheetName: 'Brex Users',
  columns: columns([
    ['Name', 'text', { width: 170 }],
    ['Email', 'text', { width: 220 }],
    ['Department', 'text'],
    ['Location', 'text'],
    ['Manager', 'text'],
    ['Monthly limit', 'money'],
    ['Monthly available', 'money', { width: 130 }],
    ['Limit currency', 'text', { width: 100 }],
    ['Status', 'text', { width: 90 }],
    KEY_COLUMN,
  ]),
  sources: ({ lookups, reader, refresh }) => [
    singlePageSource('all', () => withMonthlyLimits(lookups.read('users'), reader, refresh)),
  ],
  firstReads: [{ list: 'users', query: {} }],
  idOf: (u) => u.id,
  row: (u, lookups) => {
    const limit = u.monthlyLimit?.monthly_limit;
    const available = u.monthlyLimit?.monthly_available;
    const money = limit ?? available;
    return {
      [KEY_HEADER]: u.id,
      Name: personName(u),
      Email: u.email,
      Status: readable(u.status),
      Department: lookups.departmentName(u.department_id),
      Location: lookups.locationName(u.location_id),
      Manager: lookups.userName(u.manager_id),
      'Monthly limit': limit,
      'Monthly available': available,
      'Limit currency': money ? money.currency || 'USD' : '',
    };
  },
  // Limits not read in this run stay as the sheet shows them, and so does a note on them.
  keepCells: (items) =>
    new Map(
      items
        .filter((u) => u.monthlyLimit === undefined)
        .map((u) => [u.id, [...LIMIT_HEADERS, STATUS_HEADER]]),
    ),
  unfinished: (store) => store.get(PASS_KEY) !== null,
  rowNote: (u) => (u.monthlyLimit === null ? 'Monthly limit not found in Brex' : ''),
});

const namedColumns = columns([
  ['Name', 'text', { width: 200 }],
  ['Description', 'text', { width: 260 }],
  KEY_COLUMN,
]);

export const departments = defineWhole<Department>({
  id: 'departments',
  title: 'Departments',
  sheetName: 'Brex Departments',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('departments'))],
  firstReads: [{ list: 'departments', query: {} }],
  idOf: (d) => d.id,
  row: (d) => ({ [KEY_HEADER]: d.id, Name: d.name, Description: d.description }),
});

export const locations = defineWhole<Location>({
  id: 'locations',
  title: 'Locations',
  sheetName: 'Brex Locations',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('locations'))],
  firstReads: [{ list: 'locations', query: {} }],
  idOf: (l) => l.id,
  row: (l) => ({ [KEY_HEADER]: l.id, Name: l.name, Description: l.description }),
});
