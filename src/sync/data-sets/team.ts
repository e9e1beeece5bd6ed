/** Cards, users, departments and locations, read whole. */
import type { Card, Department, Location, Money, User, UserLimit } from '../../brex';
import type { BrexReader } from '../brex-reader';
import { defineDataSet, KEY_HEADER, singlePageSource, type RefreshState } from '../data-set';
import { currencyExponent } from '../currency';
import type { Lookups } from '../lookups';
import { personName } from '../person-name';
import type { CellValue } from '../table-port';
import { readable } from '../readable-values';
import { columns, KEY_COLUMN } from './columns';
import { cardHolderId } from './transactions';

export const cards = defineDataSet<Card>({
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
    KEY_COLUMN,
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('cards'))],
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
 * one request. Undefined means "not read in this run".
 */
type UserWithLimit = User & { readonly monthlyLimit?: UserLimit };

const LIMIT_HEADERS = ['Monthly limit', 'Monthly available', 'Limit currency'];
const LIMITS_READ_KEY = 'sync.userLimitsReadAt';
const DAY_MS = 24 * 3600 * 1000;

function withMonthlyLimits(
  all: readonly User[],
  reader: BrexReader,
  refresh: RefreshState | undefined,
): UserWithLimit[] {
  const readAt = refresh ? Date.parse(refresh.store.get(LIMITS_READ_KEY) ?? '') : NaN;
  const due = !refresh || !(refresh.now - readAt < DAY_MS);
  const wanted = all.filter((u) => due || !refresh?.shown.has(u.id)).map((u) => u.id);
  const limits = new Map(reader.userLimits(wanted).map((limit, i) => [wanted[i], limit]));
  return all.map((u) => (limits.has(u.id) ? { ...u, monthlyLimit: limits.get(u.id) } : u));
}

export const users = defineDataSet<UserWithLimit>({
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
  // Limits not read in this run stay as the sheet shows them.
  keepCells: (items) =>
    new Map(items.filter((u) => u.monthlyLimit === undefined).map((u) => [u.id, LIMIT_HEADERS])),
  afterWrite: (items, store, now) => {
    if (items.every((u) => u.monthlyLimit !== undefined)) {
      store.set(LIMITS_READ_KEY, now.toISOString());
    }
  },
});

const namedColumns = columns([
  ['Name', 'text', { width: 200 }],
  ['Description', 'text', { width: 260 }],
  KEY_COLUMN,
]);

export const departments = defineDataSet<Department>({
  id: 'departments',
  title: 'Departments',
  sheetName: 'Brex Departments',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('departments'))],
  idOf: (d) => d.id,
  row: (d) => ({ [KEY_HEADER]: d.id, Name: d.name, Description: d.description }),
});

export const locations = defineDataSet<Location>({
  id: 'locations',
  title: 'Locations',
  sheetName: 'Brex Locations',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('locations'))],
  idOf: (l) => l.id,
  row: (l) => ({ [KEY_HEADER]: l.id, Name: l.name, Description: l.description }),
});
