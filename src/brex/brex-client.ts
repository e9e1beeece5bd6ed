/**
 * The Brex API client: every endpoint the add-on uses, synchronous, over the HTTP port. Lists are
 * read page by page (`pages`) or gathered within a bound (`collect`); records by id one at a time
 * (`get`) or in parallel (`getEach`); writes take an optional idempotency key. One method per
 * endpoint, each a few lines over the shared sender, so the file is the client's whole surface.
 */
import { resolveBaseUrl, type BrexEnvironment } from './environment';
import { BrexError } from './errors';
import type { Clock, HttpPort } from './http-port';
import { lists, type ListItem, type ListName, type ListQuery } from './lists';
import { operations, type Operation } from './operations';
import {
  collectPages,
  pages,
  readPage,
  type Collected,
  type CollectBound,
  type Page,
} from './pagination';
import type { QueryParams } from './query-string';
import { defaultRateLimit, type RateLimit } from './rate-limiter';
import { RequestSender, type BrexCall, type Delivered, type RetryNotice } from './request-sender';
import { repeatedCursorError } from './response-errors';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { writeEach, type Settled } from './write-batch';
import type {
  Budget,
  Card,
  CardAccount,
  CashAccount,
  Company,
  CreateCardRequest,
  CreateDepartmentRequest,
  CreateLocationRequest,
  CreateSpendLimitRequest,
  CreateTransferRequest,
  CreateUserRequest,
  CreateVendorRequest,
  Department,
  Expense,
  LockCardRequest,
  Location,
  Money,
  SpendControlUpdateRequest,
  SpendLimit,
  TerminateCardRequest,
  Title,
  Transfer,
  UpdateCardRequest,
  UpdateSpendLimitRequest,
  UpdateUserRequest,
  UpdateVendorRequest,
  UpdatedExpense,
  User,
  UserLimit,
  Vendor,
} from './types';

export interface BrexClientOptions {
  readonly http: HttpPort;
  readonly clock: Clock;
  /** A number in [0, 1) for backoff jitter; Math.random by default. */
  readonly random?: () => number;
  /** A UUID v4 (Utilities.getUuid in Apps Script), for idempotency keys. */
  readonly newUuid: () => string;
  readonly token: string;
  /** Production by default; `baseUrl` wins (the local sandbox). */
  readonly environment?: BrexEnvironment;
  readonly baseUrl?: string;
  /** Epoch ms after which no call starts and no retry waits. */
  readonly deadline?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly rateLimit?: RateLimit;
  /** Told before each wait for a retry, so a caller can say that Brex is busy. */
  readonly onRetry?: (retry: RetryNotice) => void;
}

export interface CallOptions {
  /** Epoch ms; the earlier of this and the client's deadline applies. */
  readonly deadline?: number;
}

export interface WriteOptions extends CallOptions {
  /** A key persisted by the caller, so a push retried in a later execution reuses it. */
  readonly idempotencyKey?: string;
}

export interface PageOptions extends CallOptions {
  /** Resume from this cursor (a checkpointed `nextCursor`). */
  readonly cursor?: string | null;
}

/** A write's outcome, with what an audit log needs. */
export interface WriteResult<T> {
  readonly value: T;
  readonly traceId: string | null;
  readonly idempotencyKey: string;
}

/** A read a refresh makes first of a list: its first page, or the card accounts (a bare array). */
export type FirstRead =
  | { readonly list: ListName; readonly query: Record<string, never> }
  | { readonly list: 'cardAccounts' };

/** What a first read got: the page, the card accounts, or Brex's refusal. */
export type FirstResult = Page<unknown> | CardAccount[] | BrexError;

/** Records readable by id. */
export interface Records {
  cashAccount: CashAccount;
  expense: Expense;
  spendLimit: SpendLimit;
  budget: Budget;
  user: User;
  userLimit: UserLimit;
  department: Department;
  location: Location;
  title: Title;
  card: Card;
  vendor: Vendor;
  transfer: Transfer;
}

export type RecordName = keyof Records;

const recordOperations: { readonly [K in RecordName]: Operation } = {
  cashAccount: operations.getCashAccount,
  expense: operations.getExpense,
  spendLimit: operations.getSpendLimit,
  budget: operations.getBudget,
  user: operations.getUser,
  userLimit: operations.getUserLimit,
  department: operations.getDepartment,
  location: operations.getLocation,
  title: operations.getTitle,
  card: operations.getCard,
  vendor: operations.getVendor,
  transfer: operations.getTransfer,
};

/** A page size Brex refused is halved at most this many times, and never below the floor. */
const PAGE_SIZE_RETRIES = 3;
const SMALLEST_PAGE = 10;

export class BrexClient {
  private readonly sender: RequestSender;
  /** Lists whose page size Brex refused (400) in this client's life, and the size that worked. */
  private readonly pageSizes = new Map<ListName, number>();

  constructor(options: BrexClientOptions) {
    this.sender = new RequestSender({
      http: options.http,
      clock: options.clock,
      random: options.random ?? Math.random,
      newUuid: options.newUuid,
      token: options.token,
      baseUrl: resolveBaseUrl(options),
      deadline: options.deadline,
      retry: { ...defaultRetryPolicy, ...options.retry },
      rateLimit: options.rateLimit ?? defaultRateLimit,
      onRetry: options.onRetry,
    });
  }

  /** A lazy iterator over a list's pages: each step sends one request. */
  pages<K extends ListName>(
    list: K,
    query: ListQuery<K>,
    options: PageOptions = {},
  ): Generator<Page<ListItem<K>>, void, undefined> {
    const { operation } = lists[list];
    return pages(
      operation,
      (cursor) => this.fetchPage(list, query, cursor, options),
      options.cursor ?? null,
    );
  }

  /** The list's items, page after page, until the bound or the end. */
  collect<K extends ListName>(
    list: K,
    query: ListQuery<K>,
    bound: CollectBound<ListItem<K>>,
    options: PageOptions = {},
  ): Collected<ListItem<K>> {
    return collectPages(this.pages(list, query, options), bound);
  }

  /**
   * One page of each query, fetched in parallel (e.g. several cash accounts' transactions, or
   * date windows), at the page size Brex last accepted for the list. A page whose next cursor is
   * the one it was asked with would loop: refused, as `pages` refuses it.
   */
  pageOfEach<K extends ListName>(
    list: K,
    requests: ReadonlyArray<{ readonly query: ListQuery<K>; readonly cursor?: string | null }>,
    options: CallOptions = {},
  ): Page<ListItem<K>>[] {
    const { operation } = lists[list];
    const size = this.pageSizes.get(list);
    const calls = requests.map(({ query, cursor }) =>
      this.pageCall(list, query, cursor ?? null, options, size),
    );
    return this.sender.sendAll(calls).map((delivered, index) => {
      const cursor = requests[index]?.cursor ?? null;
      const page = readPage<ListItem<K>>(operation, cursor, delivered);
      if (cursor !== null && page.nextCursor === cursor) {
        throw repeatedCursorError(operation, cursor, page.traceId);
      }
      return page;
    });
  }

  /**
   * The first page of each list, or the card accounts, in one parallel batch, each request paced.
   * A read Brex refused (or answered malformed) gives its error in its place, so that whoever
   * reads it meets the refusal as if it had read alone.
   */
  firstReads(reads: readonly FirstRead[], options: CallOptions = {}): FirstResult[] {
    const calls = reads.map((read): BrexCall =>
      read.list === 'cardAccounts'
        ? { operation: operations.listCardAccounts, deadline: options.deadline }
        : this.pageCall(read.list, read.query, null, options, this.pageSizes.get(read.list)),
    );
    return this.sender.settleAll(calls).map((delivered, index) => {
      const read = reads[index] as FirstRead;
      if (delivered instanceof BrexError) return delivered;
      if (read.list === 'cardAccounts') {
        const operation = operations.listCardAccounts;
        return Array.isArray(delivered.data)
          ? (delivered.data as CardAccount[])
          : notAList(operation, delivered);
      }
      try {
        const page = readPage<unknown>(lists[read.list].operation, null, delivered);
        const largest = lists[read.list].operation.pageLimit;
        const used = this.pageSizes.get(read.list);
        return used === undefined || largest === undefined
          ? page
          : { ...page, pageSize: { largest, used } };
      } catch (error) {
        if (error instanceof BrexError) return error;
        throw error;
      }
    });
  }

  get<K extends RecordName>(record: K, id: string, options: CallOptions = {}): Records[K] {
    return this.sender.send(this.recordCall(record, id, options)).data as Records[K];
  }

  /** Records by id, fetched in parallel; the results follow the ids' order. */
  getEach<K extends RecordName>(
    record: K,
    ids: readonly string[],
    options: CallOptions = {},
  ): Records[K][] {
    const calls = ids.map((id) => this.recordCall(record, id, options));
    return this.sender.sendAll(calls).map((delivered) => delivered.data as Records[K]);
  }

  /**
   * Like `getEach`, but null where Brex has no such record (404) instead of failing them all;
   * any other refusal is thrown once every call has settled.
   */
  findEach<K extends RecordName>(
    record: K,
    ids: readonly string[],
    options: CallOptions = {},
  ): (Records[K] | null)[] {
    const calls = ids.map((id) => this.recordCall(record, id, options));
    const settled = this.sender.settleAll(calls);
    const refused = settled.find((r) => r instanceof BrexError && r.kind !== 'not_found');
    if (refused) throw refused;
    return settled.map((r) => (r instanceof BrexError ? null : (r.data as Records[K])));
  }

  /** Every card account: Brex answers a bare array, with no paging. */
  listCardAccounts(options: CallOptions = {}): CardAccount[] {
    const operation = operations.listCardAccounts;
    const delivered = this.sender.send({ operation, ...options });
    if (!Array.isArray(delivered.data)) throw notAList(operation, delivered);
    return delivered.data as CardAccount[];
  }

  getPrimaryCashAccount(options: CallOptions = {}): CashAccount {
    return this.sender.send({ operation: operations.getPrimaryCashAccount, ...options })
      .data as CashAccount;
  }

  /** The token's company (needs `companies.readonly`). */
  getCompany(options: CallOptions = {}): Company {
    return this.sender.send({ operation: operations.getCompany, ...options }).data as Company;
  }

  /**
   * Whether the token can read each list: one page of one item of each, in parallel. Null where
   * Brex answered, else its refusal (missing scope, no Brex Cash, no budget management…).
   */
  probeLists(
    requests: ReadonlyArray<{ readonly list: ListName; readonly query: object }>,
    options: CallOptions = {},
  ): (BrexError | null)[] {
    const calls = requests.map(({ list, query }) => {
      const call = this.pageCall(list, query as ListQuery<typeof list>, null, options);
      const unpaged = (call.query ?? []).filter(([name]) => name !== 'limit');
      return {
        ...call,
        query:
          lists[list].operation.pageLimit === undefined
            ? unpaged
            : [['limit', '1'] as const, ...unpaged],
      };
    });
    return this.sender
      .settleAll(calls)
      .map((result) => (result instanceof BrexError ? result : null));
  }

  /** The token's own user; a cheap way to check a token. */
  getMe(options: CallOptions = {}): User {
    return this.sender.send({ operation: operations.getMe, ...options }).data as User;
  }

  /**
   * Runs writes made with this client's write methods, each making one call at most, with their
   * calls sent together in one paced `fetchAll` (write-batch.ts); each gives its own result.
   */
  writeEach<T>(writes: readonly (() => T)[]): Settled<T>[] {
    return writeEach(this.sender, writes);
  }

  // MARK: - Payments and expense writes

  /** A new vendor; Brex refuses a company name already taken. */
  createVendor(request: CreateVendorRequest, options: WriteOptions = {}): WriteResult<Vendor> {
    return this.write<Vendor>({ operation: operations.createVendor, body: request, ...options });
  }

  /** Changes only the fields `changes` names (email, phone, a payment account by its type). */
  updateVendor(
    id: string,
    changes: UpdateVendorRequest,
    options: WriteOptions = {},
  ): WriteResult<Vendor> {
    return this.write<Vendor>({
      operation: operations.updateVendor,
      pathId: id,
      body: changes,
      ...options,
    });
  }

  /** Irreversible. A DELETE carries no idempotency key; a second one answers 404. */
  deleteVendor(id: string, options: CallOptions = {}): { readonly traceId: string | null } {
    const delivered = this.sender.send({
      operation: operations.deleteVendor,
      pathId: id,
      ...options,
    });
    return { traceId: delivered.traceId };
  }

  /**
   * Sends money. The key is the caller's, persisted before the call (a payment row keeps the key
   * it was staged with), never one made here: a retry in any later execution must reuse it.
   */
  createTransfer(
    request: CreateTransferRequest,
    options: WriteOptions & { readonly idempotencyKey: string },
  ): WriteResult<Transfer> {
    if (!options.idempotencyKey) {
      throw new Error('A vendor payment needs the idempotency key persisted when it was staged.');
    }
    return this.write<Transfer>({
      operation: operations.createTransfer,
      body: request,
      ...options,
    });
  }

  /** Sets a card expense's memo (null clears it); Brex answers with the updated expense. */
  updateExpenseMemo(
    expenseId: string,
    memo: string | null,
    options: WriteOptions = {},
  ): WriteResult<UpdatedExpense> {
    return this.write<UpdatedExpense>({
      operation: operations.updateExpenseMemo,
      pathId: expenseId,
      body: { memo },
      ...options,
    });
  }

  /** Changes only the fields `changes` names; Brex answers with the whole updated spend limit. */
  updateSpendLimit(
    id: string,
    changes: UpdateSpendLimitRequest,
    options: WriteOptions = {},
  ): WriteResult<SpendLimit> {
    return this.write<SpendLimit>({
      operation: operations.updateSpendLimit,
      pathId: id,
      body: changes,
      ...options,
    });
  }

  /** Creates a spend limit; the spec requires every setting a new limit needs, policy included. */
  createSpendLimit(
    request: CreateSpendLimitRequest,
    options: WriteOptions = {},
  ): WriteResult<SpendLimit> {
    return this.write<SpendLimit>({
      operation: operations.createSpendLimit,
      body: request,
      ...options,
    });
  }

  archiveSpendLimit(id: string, options: WriteOptions = {}): WriteResult<undefined> {
    return this.write<undefined>({
      operation: operations.archiveSpendLimit,
      pathId: id,
      ...options,
    });
  }

  /** Sets (or, with null, removes) a user's monthly limit, which governs their corporate cards. */
  setUserMonthlyLimit(
    userId: string,
    monthlyLimit: Money | null,
    options: WriteOptions = {},
  ): WriteResult<UserLimit> {
    return this.write<UserLimit>({
      operation: operations.setUserLimit,
      pathId: userId,
      body: { monthly_limit: monthlyLimit },
      ...options,
    });
  }

  /** Invites a person as an employee; Brex answers with the user, status INVITED. */
  inviteUser(request: CreateUserRequest, options: WriteOptions = {}): WriteResult<User> {
    return this.write<User>({ operation: operations.inviteUser, body: request, ...options });
  }

  /**
   * Changes only the fields `changes` names: status ACTIVE or DISABLED (reactivate, suspend),
   * manager, department, location, title; null clears one.
   */
  updateUser(
    id: string,
    changes: UpdateUserRequest,
    options: WriteOptions = {},
  ): WriteResult<User> {
    return this.write<User>({
      operation: operations.updateUser,
      pathId: id,
      body: changes,
      ...options,
    });
  }

  createDepartment(
    request: CreateDepartmentRequest,
    options: WriteOptions = {},
  ): WriteResult<Department> {
    return this.write<Department>({
      operation: operations.createDepartment,
      body: request,
      ...options,
    });
  }

  createLocation(
    request: CreateLocationRequest,
    options: WriteOptions = {},
  ): WriteResult<Location> {
    return this.write<Location>({
      operation: operations.createLocation,
      body: request,
      ...options,
    });
  }

  /** Creates a card: a vendor card (limit_type CARD) carries its own spend controls. */
  createCard(request: CreateCardRequest, options: WriteOptions = {}): WriteResult<Card> {
    return this.write<Card>({ operation: operations.createCard, body: request, ...options });
  }

  lockCard(id: string, request: LockCardRequest, options: WriteOptions = {}): WriteResult<Card> {
    return this.write<Card>({
      operation: operations.lockCard,
      pathId: id,
      body: request,
      ...options,
    });
  }

  unlockCard(id: string, options: WriteOptions = {}): WriteResult<Card> {
    return this.write<Card>({ operation: operations.unlockCard, pathId: id, ...options });
  }

  /** Terminates a card for good, with a reason from Brex's list; the owner is told. */
  terminateCard(
    id: string,
    request: TerminateCardRequest,
    options: WriteOptions = {},
  ): WriteResult<Card> {
    return this.write<Card>({
      operation: operations.terminateCard,
      pathId: id,
      body: request,
      ...options,
    });
  }

  /** Changes a card's spend controls and metadata: only the fields `changes` names. */
  updateCard(
    id: string,
    changes: UpdateCardRequest,
    options: WriteOptions = {},
  ): WriteResult<Card> {
    return this.write<Card>({
      operation: operations.updateCard,
      pathId: id,
      body: changes,
      ...options,
    });
  }

  /** Changes a vendor card's spend controls (limit, duration, lock date). */
  updateCardSpendControls(
    id: string,
    spendControls: SpendControlUpdateRequest,
    options: WriteOptions = {},
  ): WriteResult<Card> {
    return this.write<Card>({
      operation: operations.updateCard,
      pathId: id,
      body: { spend_controls: spendControls },
      ...options,
    });
  }

  /**
   * One page. Brex has lowered a list's largest page before (expenses, 1000 to 100, February
   * 2026): when it refuses the page size with a 400, the page is asked again at half the size, a
   * few times, and the size that worked is kept for the client's later pages and reported on
   * the page (`pageSize`). Any other 400 fails the same way at every size and is thrown as it was.
   */
  private fetchPage<K extends ListName>(
    list: K,
    query: ListQuery<K>,
    cursor: string | null,
    options: CallOptions,
  ): Page<ListItem<K>> {
    const { operation } = lists[list];
    const largest = operation.pageLimit;
    let size = this.pageSizes.get(list) ?? largest;
    for (let retry = 0; ; retry += 1) {
      try {
        const delivered = this.sender.send(this.pageCall(list, query, cursor, options, size));
        const page = readPage<ListItem<K>>(operation, cursor, delivered);
        if (size === largest || largest === undefined || size === undefined) return page;
        this.pageSizes.set(list, size);
        return { ...page, pageSize: { largest, used: size } };
      } catch (error) {
        const smaller = Math.floor((size ?? 0) / 2);
        const refused = error instanceof BrexError && error.kind === 'bad_request';
        if (!refused || retry >= PAGE_SIZE_RETRIES || smaller < SMALLEST_PAGE) throw error;
        size = smaller;
      }
    }
  }

  private pageCall<K extends ListName>(
    list: K,
    query: ListQuery<K>,
    cursor: string | null,
    options: CallOptions,
    pageSize = lists[list].operation.pageLimit,
  ): BrexCall {
    const definition = lists[list];
    const { operation } = definition;
    const paging: QueryParams = [
      ...(pageSize === undefined ? [] : [['limit', String(pageSize)] as const]),
      ...(cursor === null ? [] : [['cursor', cursor] as const]),
    ];
    return {
      operation,
      pathId: definition.pathId?.(query),
      query: [...paging, ...(definition.params?.(query, operation.id) ?? [])],
      deadline: options.deadline,
    };
  }

  private recordCall(record: RecordName, id: string, options: CallOptions): BrexCall {
    return { operation: recordOperations[record], pathId: id, deadline: options.deadline };
  }

  private write<T>(call: BrexCall): WriteResult<T> {
    const delivered = this.sender.send(call);
    return {
      value: delivered.data as T,
      traceId: delivered.traceId,
      idempotencyKey: delivered.idempotencyKey as string,
    };
  }
}

function notAList(operation: Operation, delivered: Delivered): BrexError {
  return new BrexError({
    kind: 'malformed_response',
    operation: operation.id,
    traceId: delivered.traceId,
    message: `Brex's answer when asked to read ${operation.subject} was not a list. Try again.`,
  });
}
