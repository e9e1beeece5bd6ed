/**
 * A new row of "Brex Cards" creates a virtual card: "Card name", "Holder" (a person by email or
 * name), and optionally "Limit" with "Currency" (USD when blank) and "Limit period" (monthly when
 * blank). A card with a limit has its own (limit type Card); one without spends against its
 * holder's monthly limit (limit type User).
 */
import type { Card, CreateCardRequest } from '../../brex';
import { toCell, type Cell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { groupedAmount } from '../amount-text';
import { parseAmount } from '../parse-amount';
import { ceilingFor, getWriteBackSettings } from '../settings';
import { CARDS_SHEET, codeText } from './cards';
import type { RowReader } from './column-action';
import { distinctName, entries, resolveIn } from './directory';
import { newRowAction, type Creation } from './new-row-action';
import { cardEntry } from './synced-entries';
import { SyncedRows } from './synced-rows';
import { textProblem } from './typed-text';

type Duration = 'MONTHLY' | 'QUARTERLY' | 'YEARLY' | 'ONE_TIME';

/** What people type for a period, and the data sets' own words for them. */
const DURATIONS: Readonly<Record<string, Duration>> = {
  MONTHLY: 'MONTHLY',
  PER_MONTH: 'MONTHLY',
  QUARTERLY: 'QUARTERLY',
  PER_QUARTER: 'QUARTERLY',
  YEARLY: 'YEARLY',
  PER_YEAR: 'YEARLY',
  ANNUAL: 'YEARLY',
  ONE_TIME: 'ONE_TIME',
  ONCE: 'ONE_TIME',
};

const CARDABLE = new Set(['ACTIVE', 'INVITED']);

function parseCard(row: RowReader, store: KeyValuePort): Creation<CreateCardRequest> {
  const name = headerText(row('Card name'));
  const holderText = headerText(row('Holder'));
  const refused = (problem: string): Creation<CreateCardRequest> => ({
    name: name || '(no name)',
    to: null,
    toSend: [name, holderText].filter(Boolean).join(' for '),
    payload: null,
    problem,
  });
  if (name === '') return refused(`A new card needs a name. Type one in "Card name".`);
  const nameProblem = textProblem('Card name', name);
  if (nameProblem) return refused(nameProblem);
  if (holderText === '') {
    return refused(`A new card needs a holder. Type their email or name in "Holder".`);
  }
  const users = entries(store, 'users');
  const holder = resolveIn(users, 'users', holderText);
  if (!('id' in holder)) return refused(`Holder: ${holder.problem}`);
  const status = SyncedRows.read(store, 'users').get(holder.id)?.status ?? '';
  if (!CARDABLE.has(status)) {
    return refused(
      `${holder.name} is ${readable(status).toLowerCase() || 'not active'} in Brex and cannot get a card. Choose an active person.`,
    );
  }
  const request = {
    owner: { type: 'USER', user_id: holder.id },
    card_name: name,
    card_type: 'VIRTUAL',
  } as const;
  const limitCell = row('Limit');
  if (headerText(limitCell) === '') {
    const body: CreateCardRequest = { ...request, limit_type: 'USER' };
    return {
      name,
      to: JSON.stringify(body),
      toSend: `Virtual card "${name}" for ${distinctName(users, holder.id)}, on their monthly limit`,
      payload: body,
      problem: null,
    };
  }
  const currency = headerText(row('Currency')).toUpperCase() || 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) {
    return refused(`"${currency}" is not a currency code. Type one such as USD in "Currency".`);
  }
  const amount = parseAmount(limitCell, currency);
  if (!amount.ok) return refused(amount.problem);
  const ceiling = ceilingFor(getWriteBackSettings(store), currency);
  if (amount.minorUnits > ceiling) {
    return refused(
      `The limit ${groupedAmount(amount.minorUnits, currency)} ${currency} is above the ceiling of ${groupedAmount(ceiling, currency)} ${currency} set for this spreadsheet. Type a smaller amount, or raise the ceiling in the write-back settings.`,
    );
  }
  const periodText = headerText(row('Limit period'));
  const duration = periodText === '' ? 'MONTHLY' : DURATIONS[codeText(periodText)];
  if (!duration) {
    return refused(
      `"${periodText}" is not a limit period. Type Monthly, Quarterly, Yearly or One time in "Limit period".`,
    );
  }
  const body: CreateCardRequest = {
    ...request,
    limit_type: 'CARD',
    spend_controls: {
      spend_limit: { amount: amount.minorUnits, currency },
      spend_duration: duration,
    },
  };
  return {
    name,
    to: JSON.stringify(body),
    toSend: `Virtual card "${name}" for ${distinctName(users, holder.id)}, limit ${groupedAmount(amount.minorUnits, currency)} ${currency} ${readable(duration).toLowerCase()}`,
    payload: body,
    problem: null,
  };
}

export const cardCreate: WriteAction = newRowAction<CreateCardRequest, null, Card>({
  id: 'card.create',
  label: 'Create virtual card',
  noun: 'virtual card',
  sheet: CARDS_SHEET,
  headers: ['Card name', 'Holder', 'Limit', 'Currency', 'Limit period'],
  parse: parseCard,
  // Brex allows several cards of one name, so there is nothing to read before creating one.
  readCurrent: () => null,
  refusal: () => null,
  send: (deps, request, key) => deps.brex.createCard(request, key),
  created: (card) => ({ id: card.id, name: card.card_name }),
  matches: (row, card) => headerText(row('Card name')) === card.card_name,
  settle(cards, store, timeZone) {
    SyncedRows.read(store, 'cards').update(cards.map(cardEntry));
    return new Map<Card, Record<string, Cell>>(
      cards.map((card) => [
        card,
        {
          Status: toCell('text', readable(card.status), timeZone),
          Type: toCell('text', readable(card.card_type), timeZone),
          'Last four': toCell('text', card.last_four, timeZone),
          'Limit type': toCell('text', readable(card.limit_type), timeZone),
          ...(card.spend_controls
            ? {
                Limit: toCell('money', card.spend_controls.spend_limit, timeZone),
                Available: toCell('money', card.spend_controls.spend_available, timeZone),
                Currency: toCell('text', card.spend_controls.spend_limit.currency, timeZone),
                'Limit period': toCell(
                  'text',
                  readable(card.spend_controls.spend_duration),
                  timeZone,
                ),
              }
            : {}),
        },
      ]),
    );
  },
});
