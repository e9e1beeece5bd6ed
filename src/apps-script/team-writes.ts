/**
 * The card, user, department and location reads and writes of a push, over one user's Brex
 * client. Each list is read once per push, however many actions check against it.
 */
import type { BrexClient } from '../brex';
import type { TeamWrites } from '../writeback/actions/team-writes';

export function teamWrites(client: BrexClient): TeamWrites {
  const whole = { stopWhen: () => false };
  const once = <T>(read: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= read());
  };
  return {
    cards: once(() => client.collect('cards', {}, whole).items),
    users: once(() => client.collect('users', {}, whole).items),
    departments: once(() => client.collect('departments', {}, whole).items),
    locations: once(() => client.collect('locations', {}, whole).items),
    userLimits: (ids) => client.findEach('userLimit', ids),
    lockCard: (id, request, idempotencyKey) => client.lockCard(id, request, { idempotencyKey }),
    unlockCard: (id, idempotencyKey) => client.unlockCard(id, { idempotencyKey }),
    terminateCard: (id, request, idempotencyKey) =>
      client.terminateCard(id, request, { idempotencyKey }),
    updateCard: (id, changes, idempotencyKey) => client.updateCard(id, changes, { idempotencyKey }),
    createCard: (request, idempotencyKey) => client.createCard(request, { idempotencyKey }),
    updateUser: (id, changes, idempotencyKey) => client.updateUser(id, changes, { idempotencyKey }),
    setUserMonthlyLimit: (id, limit, idempotencyKey) =>
      client.setUserMonthlyLimit(id, limit, { idempotencyKey }),
    inviteUser: (request, idempotencyKey) => client.inviteUser(request, { idempotencyKey }),
    createDepartment: (request, idempotencyKey) =>
      client.createDepartment(request, { idempotencyKey }),
    createLocation: (request, idempotencyKey) => client.createLocation(request, { idempotencyKey }),
  };
}
