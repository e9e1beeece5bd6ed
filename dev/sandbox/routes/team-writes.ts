/**
 * Team API writes: invite and update users, set a user's monthly limit, create departments and
 * locations. Bodies reach these handlers already checked against the spec (strict-body.ts); here
 * are the rules the schema cannot say: ids must name existing records, an email or a name is
 * taken once, and only an active or suspended person can be suspended or reactivated.
 */
import { badRequest } from '../brex-errors';
import type { Row, SandboxState, User, UserLimit } from '../model';
import type { OrderedList } from '../ordered-list';
import { bodyObject, found, ok, param, type RouteContext, type RouteTable } from '../route-kit';
import { checkMetadata, nonNegative } from './card-writes';
import { byId } from './team';

type Body = Record<string, unknown>;

/** The statuses a PUT may move between (UpdateUserStatus); others are Brex's own doing. */
const SUSPENDABLE = new Set(['ACTIVE', 'DISABLED']);
const USER_METADATA_KEYS = 100;

export const teamWriteRoutes: RouteTable = {
  'POST /v2/users': (ctx) => ok(inviteUser(ctx)),
  'PUT /v2/users/{id}': (ctx) => {
    const user = byId(ctx.state.users, param(ctx));
    const body = bodyObject(ctx);
    checkReferences(ctx.state, body, user.id);
    checkMetadata(body.metadata, USER_METADATA_KEYS);
    if (body.status && body.status !== user.status && !SUSPENDABLE.has(user.status ?? '')) {
      throw badRequest(`User is ${user.status}: only an ACTIVE or DISABLED user can change status`);
    }
    for (const key of ['status', 'manager_id', 'department_id', 'location_id', 'title_id']) {
      if (body[key] === undefined) continue;
      if (key === 'status' && body[key] === null) continue;
      (user as Record<string, unknown>)[key] = body[key];
    }
    if (body.metadata !== undefined)
      user.metadata = (body.metadata ?? {}) as Record<string, string>;
    return ok(user);
  },
  'POST /v2/users/{id}/limit': (ctx) => {
    const id = param(ctx);
    const current = found(ctx.state.userLimits.get(id));
    const requested = bodyObject(ctx).monthly_limit as Body | null | undefined;
    if (requested === undefined) throw badRequest('monthly_limit is required (null unsets it)');
    const spent = (current.monthly_limit?.amount ?? 0) - (current.monthly_available?.amount ?? 0);
    const limit = requested && nonNegative(requested as { amount: number }, 'monthly_limit');
    const next = (limit
      ? { monthly_limit: limit, monthly_available: { ...limit, amount: limit.amount - spent } }
      : { monthly_limit: null, monthly_available: null }) as unknown as UserLimit;
    ctx.state.userLimits.set(id, next);
    return ok(next);
  },
  'POST /v2/departments': (ctx) =>
    ok(createNamed(ctx, ctx.state.departments, 'cudept', 'department')),
  'POST /v2/locations': (ctx) => ok(createNamed(ctx, ctx.state.locations, 'culoc', 'location')),
};

function inviteUser(ctx: RouteContext): User {
  const { state, company } = ctx;
  const body = bodyObject(ctx);
  const email = String(body.email);
  if (state.users.all().some((row) => row.data.email.toLowerCase() === email.toLowerCase())) {
    throw badRequest(`A user with email ${email} already exists`);
  }
  checkReferences(state, body, null);
  checkMetadata(body.metadata, USER_METADATA_KEYS);
  const user: User = {
    id: company.id('cuuser'),
    first_name: String(body.first_name),
    last_name: String(body.last_name),
    email,
    status: 'INVITED',
    manager_id: (body.manager_id as string | null | undefined) ?? null,
    department_id: (body.department_id as string | null | undefined) ?? null,
    location_id: (body.location_id as string | null | undefined) ?? null,
    title_id: (body.title_id as string | null | undefined) ?? null,
    metadata: (body.metadata as Record<string, string> | null | undefined) ?? {},
    remote_display_id: null,
  };
  state.users.insert({ sortKey: '', seq: company.nextSeq(), data: user });
  state.userLimits.set(user.id, {
    monthly_limit: null,
    monthly_available: null,
  } as unknown as UserLimit);
  return user;
}

/** Every id the body names must exist; a person cannot manage themself. */
function checkReferences(state: SandboxState, body: Body, self: string | null): void {
  const lists: [string, OrderedList<Row<{ id: string }>>][] = [
    ['manager_id', state.users],
    ['department_id', state.departments],
    ['location_id', state.locations],
    ['title_id', state.titles],
  ];
  for (const [field, list] of lists) {
    const id = body[field];
    if (typeof id !== 'string') continue;
    if (!list.all().some((row) => row.data.id === id)) {
      throw badRequest(`${field} ${id} does not exist`);
    }
  }
  if (self !== null && body.manager_id === self) {
    throw badRequest('manager_id may not be the user themself');
  }
}

/**
 * A department or location. Brex does not say whether names must be unique; the sandbox refuses
 * a name already taken (in any case), since a sheet resolves these by name.
 */
function createNamed<T extends { id: string; name: string; description?: string | null }>(
  ctx: RouteContext,
  list: OrderedList<Row<T>>,
  prefix: string,
  what: string,
): T {
  const body = bodyObject(ctx);
  const name = String(body.name).trim();
  if (name === '') throw badRequest('name may not be blank');
  if (list.all().some((row) => row.data.name.toLowerCase() === name.toLowerCase())) {
    throw badRequest(`A ${what} named ${name} already exists`);
  }
  const data = {
    id: ctx.company.id(prefix),
    name,
    description: (body.description as string | null | undefined) ?? null,
  } as T;
  list.insert({ sortKey: '', seq: ctx.company.nextSeq(), data });
  return data;
}
