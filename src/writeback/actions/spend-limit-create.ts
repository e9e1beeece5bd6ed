/**
 * A new row of "Brex Spend Limits" creates a spend limit: "Name", "Period" (weekly, monthly,
 * quarterly or yearly), "Base limit" with "Currency" (USD when blank), and optionally "Members",
 * "Owners" (people by email, name or Brex ID) and "Description". Brex requires more settings than
 * a row gives; the new limit takes the expense policy most of the account's limits use, and the
 * most closed choice of the rest: members see their own expenses only, and cannot ask for more.
 * A one-time limit needs an end date, which the sheet does not send: it is refused.
 */
import type { CreateSpendLimitRequest, SpendLimit } from '../../brex';
import { toCell, type Cell } from '../../cells/columns';
import { headerText, KEY_HEADER } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import { spendLimits } from '../../data-sets/budgets';
import type { Lookups } from '../../data-sets/lookups';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { groupedAmount } from '../amount-text';
import { parseAmount } from '../parse-amount';
import { SPEND_LIMITS_SHEET } from '../pending-changes';
import { ceilingFor, getWriteBackSettings } from '../settings';
import { SyncedValues } from '../synced-values';
import { codeText } from './cards';
import type { RowReader } from './column-action';
import { newRowAction, type Creation } from './new-row-action';
import { expensePolicy, limitEntry, peopleNames } from './spend-limit-entries';
import { spendLimitIdentity } from './spend-limit-identity';
import { resolvePeople } from './spend-limit-members';
import { SyncedRows } from './synced-rows';
import { textProblem } from './typed-text';

type Period = CreateSpendLimitRequest['period_recurrence_type'];

/** What people type for a period, and the sheet's own words ("Per month") for them. */
const PERIODS: Readonly<Record<string, Period>> = {
  PER_WEEK: 'PER_WEEK',
  WEEKLY: 'PER_WEEK',
  WEEK: 'PER_WEEK',
  PER_MONTH: 'PER_MONTH',
  MONTHLY: 'PER_MONTH',
  MONTH: 'PER_MONTH',
  PER_QUARTER: 'PER_QUARTER',
  QUARTERLY: 'PER_QUARTER',
  QUARTER: 'PER_QUARTER',
  PER_YEAR: 'PER_YEAR',
  YEARLY: 'PER_YEAR',
  YEAR: 'PER_YEAR',
  ANNUAL: 'PER_YEAR',
  ANNUALLY: 'PER_YEAR',
  ONE_TIME: 'ONE_TIME',
  ONCE: 'ONE_TIME',
};

/** Brex's settings a row does not give, at their most closed. */
const SETTINGS = {
  expense_visibility: 'PRIVATE',
  authorization_visibility: 'PUBLIC',
  limit_increase_setting: 'DISABLED',
  spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
  auto_transfer_cards_setting: 'DISABLED',
  auto_create_limit_cards_setting: 'DISABLED',
} as const;

type People = 'member_user_ids' | 'owner_user_ids';
const PEOPLE: readonly [string, People][] = [
  ['Members', 'member_user_ids'],
  ['Owners', 'owner_user_ids'],
];

function parseLimit(row: RowReader, store: KeyValuePort): Creation<CreateSpendLimitRequest> {
  const name = headerText(row('Name'));
  const refused = (problem: string): Creation<CreateSpendLimitRequest> => ({
    name: name || '(no name)',
    to: null,
    toSend: name,
    payload: null,
    problem,
  });
  if (name === '') return refused(`A new spend limit needs a name. Type one in "Name".`);
  const description = headerText(row('Description'));
  const textual = textProblem('Name', name) ?? textProblem('Description', description);
  if (textual) return refused(textual);
  const taken = SyncedRows.read(store, 'limits')
    .all()
    .find((limit) => limit.name.trim().toLowerCase() === name.toLowerCase());
  if (taken) {
    return refused(
      `Brex already has a spend limit named "${taken.name}" (${taken.id}). Choose another name, or edit that limit's row.`,
    );
  }
  const periodText = headerText(row('Period'));
  const period = PERIODS[codeText(periodText)];
  if (!period || period === 'ONE_TIME') {
    return refused(
      period === 'ONE_TIME'
        ? `A one-time spend limit needs an end date, which the sheet cannot send. Create it in Brex's dashboard, or type Weekly, Monthly, Quarterly or Yearly in "Period".`
        : periodText === ''
          ? `A new spend limit needs a period. Type Weekly, Monthly, Quarterly or Yearly in "Period".`
          : `"${periodText}" is not a period. Type Weekly, Monthly, Quarterly or Yearly in "Period".`,
    );
  }
  const currency = headerText(row('Currency')).toUpperCase() || 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) {
    return refused(`"${currency}" is not a currency code. Type one such as USD in "Currency".`);
  }
  if (headerText(row('Base limit')) === '') {
    return refused(`A new spend limit needs a base limit. Type an amount in "Base limit".`);
  }
  const amount = parseAmount(row('Base limit'), currency);
  if (!amount.ok) return refused(amount.problem);
  const ceiling = ceilingFor(getWriteBackSettings(store), currency);
  if (amount.minorUnits > ceiling) {
    return refused(
      `The base limit ${groupedAmount(amount.minorUnits, currency)} ${currency} is above the ceiling of ${groupedAmount(ceiling, currency)} ${currency} set for this spreadsheet. Type a smaller amount, or raise the ceiling in the write-back settings.`,
    );
  }
  const policy = expensePolicy(store);
  if (!policy) {
    return refused(
      `A new spend limit takes the expense policy of the account's other limits, and none is known. Refresh "Brex Spend Limits" first.`,
    );
  }
  const request: { -readonly [K in keyof CreateSpendLimitRequest]: CreateSpendLimitRequest[K] } = {
    name,
    ...(description ? { description } : {}),
    period_recurrence_type: period,
    authorization_settings: { base_limit: { amount: amount.minorUnits, currency } },
    ...SETTINGS,
    expense_policy_id: policy,
  };
  const shown = [
    `Spend limit "${name}", ${groupedAmount(amount.minorUnits, currency)} ${currency} ${readable(period).toLowerCase()}`,
  ];
  for (const [header, field] of PEOPLE) {
    const text = headerText(row(header));
    if (text === '') continue;
    const found = resolvePeople(store, text);
    if (!('ids' in found)) return refused(`${header}: ${found.problem}`);
    request[field] = [...new Set(found.ids)];
    shown.push(`${header.toLowerCase()} ${peopleNames(store, request[field] ?? []).join(', ')}`);
  }
  return {
    name,
    to: JSON.stringify(request),
    toSend: shown.join('; '),
    payload: request,
    problem: null,
    consequences: request.member_user_ids?.length
      ? [`Its members can spend up to the base limit each ${readable(period).toLowerCase()}.`]
      : ['It has no members yet: no one can spend from it until members are added.'],
  };
}

/** The row cells Brex's answer fills, as a refresh writes them (people named from the last sync). */
function rowCells(limit: SpendLimit, store: KeyValuePort, timeZone: string): Record<string, Cell> {
  const names = {
    userNames: (ids: readonly string[] | null | undefined) =>
      peopleNames(store, ids ?? []).join(', '),
    departmentName: () => '',
  } as unknown as Lookups;
  const fields = spendLimits.row(limit, names);
  return Object.fromEntries(
    spendLimits.columns
      .filter((column) => column.header !== KEY_HEADER && column.header !== 'Department')
      .map((column) => [column.header, toCell(column.type, fields[column.header], timeZone)]),
  );
}

export const limitCreate: WriteAction = newRowAction<
  CreateSpendLimitRequest,
  SpendLimit[],
  SpendLimit
>({
  id: 'spend_limit.create',
  label: 'Create spend limit',
  noun: 'spend limit',
  sheet: SPEND_LIMITS_SHEET,
  headers: ['Name', 'Period', 'Base limit', 'Currency', 'Members', 'Owners', 'Description'],
  parse: parseLimit,
  readCurrent: (brex) => brex.spendLimits(),
  refusal(limits, request) {
    const taken = limits.find(
      (limit) =>
        limit.status !== 'DELETED' &&
        limit.name.trim().toLowerCase() === request.name.toLowerCase(),
    );
    return taken
      ? `Brex already has a spend limit named "${taken.name}" (${taken.id}). Nothing was sent. Choose another name, or refresh and edit that limit's row.`
      : null;
  },
  send: (deps, request, key) => deps.brex.createSpendLimit(request, key),
  created: (limit) => ({ id: limit.id, name: limit.name }),
  matches: (row, limit) => headerText(row('Name')).toLowerCase() === limit.name.toLowerCase(),
  settle(limits, store, timeZone, now) {
    const cells = new Map(limits.map((limit) => [limit, rowCells(limit, store, timeZone)]));
    SyncedRows.read(store, 'limits').update(
      limits.map((limit) => limitEntry(limit, String(cells.get(limit)?.Members?.value ?? ''))),
    );
    SyncedValues.read(store).update(limits, now, spendLimitIdentity);
    return cells;
  },
});
