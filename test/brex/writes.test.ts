/**
 * The write operations the sheet's actions become: each sends its method, path and body, with an
 * Idempotency-Key (the caller's persisted one when given, reused on every retry), and returns
 * Brex's answer with the trace id and the key for the audit row.
 */
import type { BrexClient, WriteResult } from '../../src/brex';
import { brexError, clientFor, json } from './fakes';

const busy = brexError(503, 'SERVICE_UNAVAILABLE', 'Try later');
const card = { id: 'ncard_1', status: 'ACTIVE' };
const user = { id: 'cuuser_9', email: 'ada@example.com', status: 'INVITED' };

interface Case {
  readonly name: string;
  readonly send: (client: BrexClient, key?: string) => WriteResult<unknown>;
  readonly request: string;
  readonly body: unknown;
  readonly answer: unknown;
}

const cases: Case[] = [
  {
    name: 'createCard',
    send: (c, key) =>
      c.createCard(
        {
          owner: { type: 'USER', user_id: 'cuuser_1' },
          card_name: 'Figma',
          card_type: 'VIRTUAL',
          limit_type: 'CARD',
          spend_controls: {
            spend_limit: { amount: 50000, currency: 'USD' },
            spend_duration: 'MONTHLY',
          },
        },
        { idempotencyKey: key },
      ),
    request: 'POST /v2/cards',
    body: {
      owner: { type: 'USER', user_id: 'cuuser_1' },
      card_name: 'Figma',
      card_type: 'VIRTUAL',
      limit_type: 'CARD',
      spend_controls: {
        spend_limit: { amount: 50000, currency: 'USD' },
        spend_duration: 'MONTHLY',
      },
    },
    answer: card,
  },
  {
    name: 'updateCard',
    send: (c, key) =>
      c.updateCard(
        'ncard_1',
        { spend_controls: { spend_limit: { amount: 1, currency: 'USD' } }, metadata: { a: 'b' } },
        { idempotencyKey: key },
      ),
    request: 'PUT /v2/cards/ncard_1',
    body: { spend_controls: { spend_limit: { amount: 1, currency: 'USD' } }, metadata: { a: 'b' } },
    answer: card,
  },
  {
    name: 'terminateCard',
    send: (c, key) =>
      c.terminateCard(
        'ncard_1',
        { reason: 'DO_NOT_NEED_VIRTUAL_CARD', description: 'Ended by Ada Lovelace' },
        { idempotencyKey: key },
      ),
    request: 'POST /v2/cards/ncard_1/terminate',
    body: { reason: 'DO_NOT_NEED_VIRTUAL_CARD', description: 'Ended by Ada Lovelace' },
    answer: { ...card, status: 'TERMINATED' },
  },
  {
    name: 'inviteUser',
    send: (c, key) =>
      c.inviteUser(
        { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', department_id: 'd1' },
        { idempotencyKey: key },
      ),
    request: 'POST /v2/users',
    body: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      department_id: 'd1',
    },
    answer: user,
  },
  {
    name: 'updateUser',
    send: (c, key) =>
      c.updateUser('cuuser_9', { status: 'DISABLED', manager_id: null }, { idempotencyKey: key }),
    request: 'PUT /v2/users/cuuser_9',
    body: { status: 'DISABLED', manager_id: null },
    answer: { ...user, status: 'DISABLED' },
  },
  {
    name: 'createSpendLimit',
    send: (c, key) =>
      c.createSpendLimit(
        {
          name: 'Design',
          period_recurrence_type: 'PER_MONTH',
          authorization_settings: { base_limit: { amount: 100000, currency: 'USD' } },
          expense_visibility: 'SHARED',
          authorization_visibility: 'PUBLIC',
          limit_increase_setting: 'DISABLED',
          spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
          auto_transfer_cards_setting: 'DISABLED',
          auto_create_limit_cards_setting: 'ALL_MEMBERS',
          expense_policy_id: 'expol_1',
          member_user_ids: ['cuuser_1'],
        },
        { idempotencyKey: key },
      ),
    request: 'POST /v2/spend_limits',
    body: {
      name: 'Design',
      period_recurrence_type: 'PER_MONTH',
      authorization_settings: { base_limit: { amount: 100000, currency: 'USD' } },
      expense_visibility: 'SHARED',
      authorization_visibility: 'PUBLIC',
      limit_increase_setting: 'DISABLED',
      spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
      auto_transfer_cards_setting: 'DISABLED',
      auto_create_limit_cards_setting: 'ALL_MEMBERS',
      expense_policy_id: 'expol_1',
      member_user_ids: ['cuuser_1'],
    },
    answer: { id: 'splim_1', name: 'Design' },
  },
  {
    name: 'createDepartment',
    send: (c, key) => c.createDepartment({ name: 'Research' }, { idempotencyKey: key }),
    request: 'POST /v2/departments',
    body: { name: 'Research' },
    answer: { id: 'cudept_1', name: 'Research', description: null },
  },
  {
    name: 'createLocation',
    send: (c, key) =>
      c.createLocation({ name: 'Lisbon', description: 'Office' }, { idempotencyKey: key }),
    request: 'POST /v2/locations',
    body: { name: 'Lisbon', description: 'Office' },
    answer: { id: 'culoc_1', name: 'Lisbon', description: 'Office' },
  },
];

describe('Brex client write operations', () => {
  it.each(cases)(
    '$name sends its body with the persisted key, on every retry, and returns what the audit needs',
    ({ send, request, body, answer }) => {
      const { client, http } = clientFor([busy, { networkError: 'Timeout' }, json(200, answer)]);

      const result = send(client, 'persisted-key');

      expect(http.log).toEqual([request, request, request]);
      for (const sent of http.requests) {
        expect(JSON.parse(sent.payload ?? '')).toEqual(body);
        expect(sent.headers).toMatchObject({
          'Content-Type': 'application/json',
          'Idempotency-Key': 'persisted-key',
        });
      }
      expect(result).toEqual({
        value: answer,
        traceId: 'trace-200',
        idempotencyKey: 'persisted-key',
      });
    },
  );

  it.each(cases)('$name makes a UUID v4 key when the caller has none', ({ send, answer }) => {
    const { client, http } = clientFor([json(200, answer)]);

    const result = send(client);

    expect(http.requests[0]?.headers['Idempotency-Key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(result.idempotencyKey).toBe(http.requests[0]?.headers['Idempotency-Key']);
  });

  it("names Brex's refusal of a write, and does not retry it", () => {
    const { client, http } = clientFor([
      brexError(400, 'BAD_REQUEST', 'Card is terminated and cannot be terminated'),
    ]);

    expect(() => client.terminateCard('ncard_1', { reason: 'OTHER' })).toThrow(
      expect.objectContaining({
        kind: 'bad_request',
        message: expect.stringContaining('Card is terminated and cannot be terminated') as unknown,
      }) as Error,
    );
    expect(http.requests).toHaveLength(1);
  });
});
