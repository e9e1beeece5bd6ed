/**
 * What the card, user, department and location actions need of Brex, through the acting user's
 * own write credential: one list read per data set for the conflict check, and the writes.
 */
import type {
  Card,
  CreateCardRequest,
  CreateDepartmentRequest,
  CreateLocationRequest,
  CreateUserRequest,
  Department,
  Location,
  LockCardRequest,
  Money,
  TerminateCardRequest,
  UpdateCardRequest,
  UpdateUserRequest,
  User,
  UserLimit,
  WriteResult,
} from '../../brex';

export interface TeamWrites {
  cards(): Card[];
  users(): User[];
  /** Each user's monthly limit, in the order asked; null where Brex has none. */
  userLimits(ids: readonly string[]): (UserLimit | null)[];
  departments(): Department[];
  locations(): Location[];
  lockCard(id: string, request: LockCardRequest, key: string): WriteResult<Card>;
  unlockCard(id: string, key: string): WriteResult<Card>;
  terminateCard(id: string, request: TerminateCardRequest, key: string): WriteResult<Card>;
  updateCard(id: string, changes: UpdateCardRequest, key: string): WriteResult<Card>;
  createCard(request: CreateCardRequest, key: string): WriteResult<Card>;
  updateUser(id: string, changes: UpdateUserRequest, key: string): WriteResult<User>;
  setUserMonthlyLimit(id: string, limit: Money | null, key: string): WriteResult<UserLimit>;
  inviteUser(request: CreateUserRequest, key: string): WriteResult<User>;
  createDepartment(request: CreateDepartmentRequest, key: string): WriteResult<Department>;
  createLocation(request: CreateLocationRequest, key: string): WriteResult<Location>;
}

/** Records from one list read, by id; an error for each id the list no longer has. */
export function byIds<T extends { id: string }>(
  list: () => T[],
  ids: readonly string[],
  what: string,
): Map<string, T | Error> {
  const found = new Map<string, T | Error>();
  try {
    const all = new Map(list().map((item) => [item.id, item]));
    for (const id of ids) {
      found.set(
        id,
        all.get(id) ??
          new Error(
            `Brex no longer lists ${what} ${id}. Nothing was sent. Refresh, then edit again.`,
          ),
      );
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const id of ids) found.set(id, failure);
  }
  return found;
}
