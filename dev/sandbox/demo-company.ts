/**
 * The deterministic demo company: the same seed, today and size give byte-identical state.
 * Generation is linear in the number of transactions (100,000 take well under a second or two).
 */
import { at } from './at';
import {
  CURRENCIES,
  DEPARTMENTS,
  FIRST_NAMES,
  LAST_NAMES,
  LOCATIONS,
  MERCHANTS,
  type MerchantProfile,
  TITLES,
} from './catalogue';
import { addDays, addMonths, firstOfMonth, notAfter } from './dates';
import type {
  Budget,
  Card,
  CardTransaction,
  UserLimit,
  CardTransactionRow,
  CashAccountState,
  CashTransaction,
  ExpenseRow,
  Money,
  Row,
  SandboxState,
  SpendLimit,
  Statement,
  Transfer,
  User,
  Vendor,
} from './model';
import { creationOrder } from './model';
import { OrderedList } from './ordered-list';
import { Random } from './random';

export interface DemoOptions {
  readonly seed: string;
  /** The company's today, UTC `YYYY-MM-DD`. */
  readonly today: string;
  /** About how many card purchases and refunds to generate over the past year. */
  readonly transactions: number;
  /** How many people work there (36 by default); each has a monthly limit read one at a time. */
  readonly users?: number;
  /**
   * The current time (epoch ms) when today is the real today: no time on today may pass it.
   * Absent, today is wholly past (or pinned) and any time of the day may stand.
   */
  readonly now?: () => number;
}

export const DEFAULT_TRANSACTIONS = 3000;
export const DEFAULT_USERS = 36;
const HISTORY_DAYS = 365;
const CARD_ACCOUNT_LIMIT = 500_000_00;

/** Builds the demo company and keeps what later additions (new transactions today) need. */
export class DemoCompany {
  readonly state: SandboxState;
  private readonly rng: Random;
  private readonly spendingCards: Card[] = [];
  private readonly merchantIds = new Map<MerchantProfile, string>();
  private readonly usersById = new Map<string, User>();
  private readonly limitsByUser = new Map<string, string>();
  /** Expenses made during generation, sorted once at the end instead of inserted one by one. */
  private pendingExpenses: ExpenseRow[] | null = [];

  constructor(readonly options: DemoOptions) {
    this.rng = new Random(`brex-sandbox:${options.seed}`);
    this.state = emptyState(options.today, this.id('cuacc'));
    this.buildOrganisation();
    this.buildCardsAndLimits();
    this.buildCardHistory();
    this.buildCash();
    this.state.expenses.load(this.pendingExpenses ?? []);
    this.pendingExpenses = null;
  }

  /** Adds `count` settled card purchases posted on `date` (default today), with their expenses. */
  addCardPurchases(count: number, date = this.state.today, userId?: string): CardTransactionRow[] {
    const cards = userId
      ? this.spendingCards.filter((card) => card.owner.user_id === userId)
      : this.spendingCards;
    if (cards.length === 0) throw new Error(`No card can spend for user ${userId}.`);
    const rows: CardTransactionRow[] = [];
    for (let i = 0; i < count; i++) {
      const row = this.purchase(date, this.rng.pick(cards), 'PURCHASE');
      this.state.cardTransactions.insert(row);
      this.chargeSpendLimit(row);
      rows.push(row);
    }
    return rows;
  }

  /**
   * A purchase is spend against its expense's spend limit: counted in the limit's current period
   * when it falls in it. (Generated history is not: each limit's spent amount is drawn instead.)
   */
  private chargeSpendLimit(row: CardTransactionRow): void {
    const expense = row.expenseId ? this.state.expensesById.get(row.expenseId) : undefined;
    const limitId = expense?.data.budget_id;
    const limit = this.state.spendLimits.all().find((l) => l.data.id === limitId)?.data;
    const period = limit?.current_period_balance;
    const date = row.data.posted_at_date;
    if (!limit || limit.status !== 'ACTIVE' || !period?.amount_spent) return;
    if (
      !period.start_date ||
      !period.end_date ||
      date < period.start_date ||
      date > period.end_date
    )
      return;
    const spent = period.amount_spent;
    const { usd: rate, exponent } = currencyOf(spent.currency ?? 'USD');
    const billing = amountOf(row.data.amount) / 100;
    spent.amount = amountOf(spent) + Math.round((billing / rate) * 10 ** exponent);
  }

  /** Adds `count` cash transactions posted on `date` to a cash account. */
  addCashTransactions(accountId: string, count: number, date = this.state.today) {
    const account = this.state.cashAccounts.find((a) => a.account.id === accountId);
    if (!account) throw new Error(`No cash account ${accountId}.`);
    const rows: Row<CashTransaction>[] = [];
    for (let i = 0; i < count; i++) {
      const amount = this.rng.int(500_00, 25_000_00);
      const row = this.cashRow(date, {
        description: `ACH deposit from ${this.rng.pick(CUSTOMERS)}`,
        amount,
        type: 'PAYMENT',
        transfer_id: null,
      });
      account.transactions.insert(row);
      account.account.current_balance = usd(amountOf(account.account.current_balance) + amount);
      account.account.available_balance = usd(amountOf(account.account.available_balance) + amount);
      rows.push(row);
    }
    return rows;
  }

  /** A fresh id with a Brex-like prefix, e.g. `cuuser_…`. */
  id(prefix: string): string {
    return `${prefix}_${this.rng.token(20)}`;
  }

  nextSeq(): number {
    return this.state.nextSeq++;
  }

  // MARK: - Organisation

  private buildOrganisation(): void {
    const s = this.state;
    s.departments.load(
      DEPARTMENTS.map(([name, description]) =>
        creationOrder(this.nextSeq(), { id: this.id('cudept'), name, description }),
      ),
    );
    s.locations.load(
      LOCATIONS.map(([name, description]) =>
        creationOrder(this.nextSeq(), { id: this.id('culoc'), name, description }),
      ),
    );
    s.titles.load(
      TITLES.map((name) => creationOrder(this.nextSeq(), { id: this.id('cutitle'), name })),
    );
    const departments = s.departments.all().map((r) => r.data.id);
    const locations = s.locations.all().map((r) => r.data.id);
    const titles = s.titles.all().map((r) => r.data.id);
    const users: Row<User>[] = [];
    const heads = new Map<string, string>();
    for (let i = 0; i < (this.options.users ?? DEFAULT_USERS); i++) {
      const first = at(FIRST_NAMES, i % FIRST_NAMES.length);
      const last = at(LAST_NAMES, (i * 7) % LAST_NAMES.length);
      const department = i < departments.length ? at(departments, i) : this.rng.pick(departments);
      const status = i < 30 ? 'ACTIVE' : this.rng.pick(['INVITED', 'DISABLED', 'ACTIVE'] as const);
      const user: User = {
        id: this.id('cuuser'),
        first_name: first,
        last_name: last,
        email: `${first}.${last}${i >= FIRST_NAMES.length ? i : ''}@acme-demo.com`.toLowerCase(),
        status,
        manager_id: i === 0 ? null : (heads.get(department) ?? at(users, 0).data.id),
        department_id: department,
        location_id: i < 3 ? at(locations, 0) : this.rng.pick(locations),
        title_id: i < 2 ? at(titles, i === 0 ? 1 : 0) : this.rng.pick(titles.slice(2)),
        metadata: {},
        remote_display_id: `E${String(1000 + i)}`,
      };
      if (!heads.has(department)) heads.set(department, user.id);
      this.usersById.set(user.id, user);
      users.push(creationOrder(this.nextSeq(), user));
      const limit = i % 5 === 4 ? null : this.rng.int(10, 100) * 100_00;
      s.userLimits.set(user.id, {
        monthly_limit: limit === null ? null : usd(limit),
        monthly_available: limit === null ? null : usd(limit - this.rng.int(0, limit)),
      } as UserLimit);
    }
    s.users.load(users);
  }

  // MARK: - Cards, budgets and spend limits

  private buildCardsAndLimits(): void {
    const s = this.state;
    const users = s.users.all().map((r) => r.data);
    const cards: Row<Card>[] = [];
    for (const user of users) {
      const status =
        user.status === 'INVITED'
          ? 'SHIPPED'
          : user.status === 'DISABLED'
            ? 'TERMINATED'
            : 'ACTIVE';
      cards.push(this.card(user, 'PHYSICAL', this.rng.chance(0.08) ? 'LOCKED' : status));
      if (user.status === 'ACTIVE' && this.rng.chance(0.4)) {
        cards.push(this.card(user, 'VIRTUAL', 'ACTIVE'));
      }
    }
    const durations = ['MONTHLY', 'QUARTERLY', 'YEARLY', 'ONE_TIME'] as const;
    VENDOR_CARDS.forEach((name, i) => {
      const owner = at(users, i % 4);
      const limit = this.rng.int(5, 200) * 100_00;
      const card = this.card(
        owner,
        'VIRTUAL',
        i === VENDOR_CARDS.length - 1 ? 'TERMINATED' : 'ACTIVE',
      );
      card.data.card_name = name;
      card.data.limit_type = 'CARD';
      card.data.spend_controls = {
        spend_limit: usd(limit),
        spend_available: usd(limit - this.rng.int(0, limit)),
        spend_duration: at(durations, i % durations.length),
        reason: `Vendor card for ${name}`,
        lock_after_date: i % durations.length === 3 ? addDays(s.today, 90) : null,
      };
      cards.push(card);
    });
    s.cards.load(cards);
    this.spendingCards.push(
      ...cards.map((c) => c.data).filter((c) => c.status !== 'SHIPPED' && c.limit_type === 'USER'),
    );

    const budgets = BUDGETS.map(([name, period, amount], i): Row<Budget> => {
      const data: Budget = {
        budget_id: this.id('budg'),
        account_id: s.accountId,
        name,
        description: `${name} budget`,
        parent_budget_id: null,
        owner_user_ids: [at(users, i % 3).id],
        period_recurrence_type: period,
        start_date: `${s.today.slice(0, 4)}-01-01`,
        end_date: null,
        amount: usd(amount),
        spend_budget_status: 'ACTIVE',
        limit_type: i === 3 ? 'SOFT' : 'HARD',
      };
      return creationOrder(this.nextSeq(), data);
    });
    const root = at(budgets, 0).data.budget_id;
    for (const b of budgets.slice(1)) b.data.parent_budget_id = root;
    s.budgets.load(budgets);

    const limits = SPEND_LIMITS.map((spec, i) => this.spendLimit(spec, i, budgets, users));
    s.spendLimits.load(limits);
    // Each user's first limit that names them (a search per user is quadratic at 5,000 users).
    for (const limit of limits) {
      for (const member of limit.data.member_user_ids ?? []) {
        if (!this.limitsByUser.has(member)) this.limitsByUser.set(member, limit.data.id);
      }
    }
  }

  private card(owner: User, type: 'PHYSICAL' | 'VIRTUAL', status: Card['status']): Row<Card> {
    const expiry = new Date(`${this.state.today}T00:00:00Z`);
    return creationOrder(this.nextSeq(), {
      id: this.id('ncard'),
      owner: { type: 'USER', user_id: owner.id },
      status,
      last_four: this.rng.digits(4),
      card_name: `${owner.first_name} ${owner.last_name}${type === 'VIRTUAL' ? ' (virtual)' : ''}`,
      card_type: type,
      limit_type: 'USER',
      spend_controls: null,
      billing_address: HQ_ADDRESS,
      mailing_address: type === 'PHYSICAL' ? HQ_ADDRESS : null,
      expiration_date: {
        month: this.rng.int(1, 12),
        year: expiry.getUTCFullYear() + this.rng.int(1, 4),
      },
      has_been_transferred: false,
      metadata: {},
      budget_id: null,
    } as unknown as Card);
  }

  private spendLimit(
    [name, period, currency, major, status]: (typeof SPEND_LIMITS)[number],
    i: number,
    budgets: Row<Budget>[],
    users: User[],
  ): Row<SpendLimit> {
    const s = this.state;
    const department = at(s.departments.all(), i % DEPARTMENTS.length).data.id;
    const members = users.filter((u) => u.department_id === department).map((u) => u.id);
    const base = major * 10 ** currencyOf(currency).exponent;
    const buffer = at([0, 10, 20], i % 3);
    const oneTime = period === 'ONE_TIME';
    const data: SpendLimit = {
      id: this.id('splim'),
      account_id: s.accountId,
      name,
      description: `${name} spending`,
      parent_budget_id: at(budgets, 1 + (i % (budgets.length - 1))).data.budget_id,
      status,
      period_recurrence_type: period,
      start_date: oneTime ? addDays(s.today, -30) : null,
      end_date: oneTime ? addDays(s.today, status === 'EXPIRED' ? -1 : 60) : null,
      start_time_utc: null,
      end_time_utc: null,
      authorization_settings: {
        base_limit: { amount: base, currency },
        limit_buffer_percentage: buffer,
        authorization_type: i % 4 === 3 ? 'SOFT' : 'HARD',
        rollover_refresh_rate: 'OFF',
        limit_with_increases: { amount: Math.round(base * (1 + buffer / 100)), currency },
      },
      expense_visibility: i % 2 ? 'PRIVATE' : 'SHARED',
      authorization_visibility: 'PUBLIC',
      merchant_category_controls: {
        allowed_merchant_categories: [],
        blocked_merchant_categories: [],
      },
      transaction_limit: { amount: Math.round(base / 4), currency },
      limit_increase_setting: i % 3 ? 'ENABLED' : 'DISABLED',
      spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
      auto_transfer_cards_setting: 'DISABLED',
      auto_create_limit_cards_setting: 'ALL_MEMBERS',
      owner_user_ids: members.slice(0, 1),
      member_user_ids: members,
      expense_policy_id: this.id('expol'),
      department_id: department,
      current_period_balance: {
        start_date: oneTime ? addDays(s.today, -30) : firstOfMonth(s.today),
        end_date: oneTime ? addDays(s.today, 60) : addDays(addMonths(firstOfMonth(s.today), 1), -1),
        amount_spent: { amount: this.rng.int(0, base), currency },
        rollover_amount: { amount: 0, currency },
      },
    };
    return creationOrder(this.nextSeq(), data);
  }

  // MARK: - Card transactions, expenses, statements

  private buildCardHistory(): void {
    const s = this.state;
    const n = Math.max(0, Math.floor(this.options.transactions));
    const rows: CardTransactionRow[] = [];
    const first = addDays(s.today, -(HISTORY_DAYS - 1));
    for (let i = 0; i < n; i++) {
      const date = addDays(first, Math.floor(((i + this.rng.next()) * HISTORY_DAYS) / n));
      const type = this.rng.weighted([
        ['PURCHASE', 94],
        ['REFUND', 5],
        ['CHARGEBACK', 1],
      ] as const);
      rows.push(this.purchase(date, this.rng.pick(this.spendingCards), type));
    }
    for (let i = 0; i < Math.floor(n * 0.02); i++) {
      this.reimbursement(addDays(first, this.rng.int(0, HISTORY_DAYS - 1)));
    }

    // Monthly statements; each is paid by a collection early the next month, and earns rewards.
    const byMonth = new Map<string, number>();
    for (const row of rows) {
      const month = row.data.posted_at_date.slice(0, 7);
      byMonth.set(month, (byMonth.get(month) ?? 0) + amountOf(row.data.amount));
    }
    const statements: Row<Statement>[] = [];
    let balance = 0;
    const thisMonth = firstOfMonth(s.today);
    for (let month = firstOfMonth(first); month <= thisMonth; month = addMonths(month, 1)) {
      const start = balance;
      let closing = start + (byMonth.get(month.slice(0, 7)) ?? 0);
      if (month > firstOfMonth(first)) {
        const previous = addMonths(month, -1).slice(0, 7);
        const collection = addDays(month, 4);
        const rewards = addDays(month, 1);
        if (balance > 0 && collection <= s.today) {
          rows.push(
            this.accountLine(collection, -balance, 'COLLECTION', 'Brex Card payment - thank you'),
          );
          closing -= balance;
        }
        const earned = Math.round((byMonth.get(previous) ?? 0) * 0.01);
        if (earned > 0 && rewards <= s.today) {
          rows.push(this.accountLine(rewards, -earned, 'REWARDS_CREDIT', 'Brex Rewards credit'));
          closing -= earned;
        }
      }
      if (month < thisMonth) {
        const end = addDays(addMonths(month, 1), -1);
        statements.push({
          sortKey: month,
          seq: this.nextSeq(),
          data: {
            id: this.id('stmt'),
            start_balance: usd(start),
            end_balance: usd(closing),
            period: { start_date: month, end_date: end },
          },
        });
      }
      balance = closing;
    }
    s.cardTransactions.load(rows);
    s.cardStatements.load(statements);
    const current = balance;
    s.cardAccounts.push({
      id: s.accountId,
      status: 'ACTIVE',
      current_balance: usd(current),
      available_balance: usd(CARD_ACCOUNT_LIMIT - current),
      account_limit: usd(CARD_ACCOUNT_LIMIT),
      current_statement_period: {
        start_date: thisMonth,
        end_date: addDays(addMonths(thisMonth, 1), -1),
      },
    });
  }

  private purchase(
    date: string,
    card: Card,
    type: 'PURCHASE' | 'REFUND' | 'CHARGEBACK',
  ): CardTransactionRow {
    const merchant = this.rng.weighted(WEIGHTED_MERCHANTS);
    const { exponent, usd: rate } = currencyOf(merchant.currency);
    const major = merchant.range[0] + this.rng.next() * (merchant.range[1] - merchant.range[0]);
    const sign = type === 'PURCHASE' ? 1 : -1;
    const original = sign * Math.round(major * 10 ** exponent);
    const billing = sign * Math.round(major * rate * 100);
    const initiated = addDays(date, -this.rng.int(0, 3));
    const userId = card.owner.user_id;
    const expense = this.expense(
      initiated,
      date,
      userId,
      card.id,
      merchant,
      original,
      billing,
      type,
    );
    const seq = this.nextSeq();
    return {
      sortKey: date,
      seq,
      userId,
      expenseId: expense.data.id,
      data: {
        id: this.id('pste'),
        card_id: card.id,
        description: merchant.descriptor,
        amount: usd(billing),
        initiated_at_date: initiated,
        posted_at_date: date,
        type,
        merchant: {
          raw_descriptor: merchant.descriptor,
          mcc: merchant.mcc,
          country: merchant.country,
        },
        card_metadata: {},
        expense_id: null,
      } as CardTransaction,
    };
  }

  /** A collection or rewards credit: account-level, so `card_id` is null. */
  private accountLine(
    date: string,
    amount: number,
    type: 'COLLECTION' | 'REWARDS_CREDIT',
    description: string,
  ): CardTransactionRow {
    return {
      sortKey: date,
      seq: this.nextSeq(),
      userId: null,
      expenseId: null,
      data: {
        id: this.id('pste'),
        card_id: null,
        description,
        amount: usd(amount),
        initiated_at_date: date,
        posted_at_date: date,
        type,
        merchant: null,
        card_metadata: null,
        expense_id: null,
      } as unknown as CardTransaction,
    };
  }

  private expense(
    purchasedOn: string,
    postedOn: string,
    userId: string,
    cardId: string | null,
    merchant: MerchantProfile | null,
    original: number,
    billing: number,
    type: 'PURCHASE' | 'REFUND' | 'CHARGEBACK' | 'REIMBURSEMENT',
  ): ExpenseRow {
    const user = this.usersById.get(userId);
    if (!user) throw new Error(`No user ${userId}.`);
    const recent = postedOn > addDays(this.state.today, -14);
    const purchasedAt = this.stamp(
      `${purchasedOn}T${pad(this.rng.int(7, 22))}:${pad(this.rng.int(0, 59))}:${pad(this.rng.int(0, 59))}.000Z`,
    );
    const updatedOn = minDate(addDays(postedOn, this.rng.int(0, 6)), this.state.today);
    const currency = merchant?.currency ?? 'USD';
    const reimbursement = type === 'REIMBURSEMENT';
    const status = recent
      ? this.rng.pick(['DRAFT', 'SUBMITTED', 'APPROVED'] as const)
      : this.rng.weighted([
          ['APPROVED', 80],
          ['SETTLED', 15],
          ['OUT_OF_POLICY', 4],
          ['VOID', 1],
        ] as const);
    const id = this.id('expn');
    const originalMoney = { amount: original, currency };
    const billingMoney = usd(billing);
    const row: ExpenseRow = {
      sortKey: purchasedAt,
      seq: this.nextSeq(),
      cardId,
      merchant: merchant
        ? { raw_descriptor: merchant.descriptor, mcc: merchant.mcc, country: merchant.country }
        : null,
      data: {
        id,
        memo: this.rng.chance(0.4) ? this.rng.pick(MEMOS) : null,
        location_id: user.location_id ?? null,
        department_id: user.department_id ?? null,
        updated_at: this.stamp(
          `${updatedOn}T${pad(this.rng.int(0, 22))}:${pad(this.rng.int(0, 59))}:00.000Z`,
        ),
        payment_posted_at: reimbursement ? null : this.stamp(`${postedOn}T12:00:00.000Z`),
        category: merchant?.category ?? 'OTHER_BUSINESS_EXPENSES',
        merchant_id: merchant ? this.merchantId(merchant) : null,
        receipts: this.rng.chance(0.7) ? [{ id: this.id('rcpt') }] : [],
        budget_id: this.limitsByUser.get(userId) ?? null,
        expense_type: reimbursement ? 'REIMBURSEMENT' : 'CARD',
        // Shared objects: these amounts are equal by construction and never edited apart.
        original_amount: originalMoney,
        billing_amount: billingMoney,
        budget_amount: billingMoney,
        purchased_amount: originalMoney,
        usd_equivalent_amount: billingMoney,
        purchased_at: purchasedAt,
        status,
        payment_status: type === 'REFUND' ? 'REFUNDED' : recent ? 'PROCESSING' : 'CLEARED',
        user_id: userId,
      },
    };
    if (this.pendingExpenses) this.pendingExpenses.push(row);
    else this.state.expenses.insert(row);
    this.state.expensesById.set(id, row);
    return row;
  }

  /** A generated time, held back to the current time when today is the real today. */
  private stamp(time: string): string {
    return this.options.now ? notAfter(time, this.options.now()) : time;
  }

  private reimbursement(date: string): void {
    const users = this.state.users.all().filter((u) => u.data.status === 'ACTIVE');
    const user = this.rng.pick(users).data;
    const amount = this.rng.int(15_00, 400_00);
    this.expense(date, date, user.id, null, null, amount, amount, 'REIMBURSEMENT');
  }

  private merchantId(merchant: MerchantProfile): string {
    let id = this.merchantIds.get(merchant);
    if (!id) {
      id = this.id('merch');
      this.merchantIds.set(merchant, id);
    }
    return id;
  }

  // MARK: - Cash: accounts, vendors, transfers, transactions, statements

  private buildCash(): void {
    const s = this.state;
    const vendors = VENDORS.map(([name, kind], i) => this.vendor(name, kind, i));
    s.vendors.load(vendors);
    const primary = this.cashAccount('Brex Business Account', true, 2_400_000_00);
    const reserve = this.cashAccount('Payroll Reserve', false, 600_000_00);
    s.cashAccounts.push(primary, reserve);

    const lines: {
      date: string;
      amount: number;
      type: CashTransaction['type'];
      description: string;
      transfer: string | null;
    }[] = [];
    // Collections of the card balance, mirrored from the card transactions.
    for (const row of s.cardTransactions.all()) {
      if (row.data.type === 'COLLECTION') {
        lines.push({
          date: row.data.posted_at_date,
          amount: amountOf(row.data.amount),
          type: 'CARD_COLLECTION',
          description: 'Brex Card payment',
          transfer: null,
        });
      }
    }
    const first = addDays(s.today, -(HISTORY_DAYS - 1));
    const transfers: Row<Transfer>[] = [];
    for (let week = 0; week < 52; week++) {
      const date = addDays(first, week * 7 + this.rng.int(0, 4));
      if (date > s.today) break;
      lines.push({
        date,
        amount: this.rng.int(20_000_00, 180_000_00),
        type: 'PAYMENT',
        description: `ACH deposit from ${this.rng.pick(CUSTOMERS)}`,
        transfer: null,
      });
      const vendor = this.rng.pick(vendors).data;
      const transfer = this.transfer(vendor, date, primary.account.id);
      transfers.push(transfer);
      if (transfer.data.status === 'PROCESSED') {
        lines.push({
          date,
          amount: -amountOf(transfer.data.amount),
          type: 'PAYMENT',
          description: `Payment to ${vendor.company_name}`,
          transfer: transfer.data.id,
        });
      }
    }
    for (
      let month = firstOfMonth(first);
      month < firstOfMonth(s.today);
      month = addMonths(month, 1)
    ) {
      lines.push({
        date: addDays(addMonths(month, 1), -1),
        amount: this.rng.int(2_000_00, 6_000_00),
        type: 'INTEREST',
        description: 'Interest earned',
        transfer: null,
      });
      if (this.rng.chance(0.3)) {
        lines.push({
          date: addDays(month, 14),
          amount: -this.rng.int(10_00, 60_00),
          type: 'FEE',
          description: 'Domestic wire fee',
          transfer: null,
        });
      }
    }
    s.transfers.load(transfers);
    this.fillCashAccount(primary, lines);
    const reserveLines = [];
    for (let month = firstOfMonth(first); month <= s.today; month = addMonths(month, 1)) {
      reserveLines.push({
        date: addDays(month, 14),
        amount: this.rng.int(50_000_00, 90_000_00),
        type: 'INTRA_CUSTOMER_ACCOUNT_BOOK_TRANSFER' as const,
        description: 'Transfer from Brex Business Account',
        transfer: null,
      });
    }
    this.fillCashAccount(
      reserve,
      reserveLines.filter((l) => l.date <= s.today),
    );
  }

  private cashAccount(name: string, primary: boolean, opening: number): CashAccountState {
    return {
      account: {
        id: this.id('dpacc'),
        name,
        status: 'ACTIVE',
        current_balance: usd(opening),
        available_balance: usd(opening),
        account_number: this.rng.digits(12),
        routing_number: '121145433',
        primary,
      },
      transactions: new OrderedList(true),
      statements: new OrderedList(true),
    };
  }

  /** Loads dated lines into an account, with monthly statements and the closing balance. */
  private fillCashAccount(
    target: CashAccountState,
    lines: {
      date: string;
      amount: number;
      type: CashTransaction['type'];
      description: string;
      transfer: string | null;
    }[],
  ): void {
    const s = this.state;
    lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const rows = lines.map((l) =>
      this.cashRow(l.date, {
        description: l.description,
        amount: l.amount,
        type: l.type,
        transfer_id: l.transfer,
      }),
    );
    target.transactions.load(rows);
    let balance = amountOf(target.account.current_balance);
    const statements: Row<Statement>[] = [];
    const first = firstOfMonth(addDays(s.today, -(HISTORY_DAYS - 1)));
    const thisMonth = firstOfMonth(s.today);
    for (let month = first; month <= thisMonth; month = addMonths(month, 1)) {
      const end = month < thisMonth ? addDays(addMonths(month, 1), -1) : s.today;
      let closing = balance;
      for (const l of lines) if (l.date >= month && l.date <= end) closing += l.amount;
      if (month < thisMonth) {
        statements.push({
          sortKey: month,
          seq: this.nextSeq(),
          data: {
            id: this.id('stmt'),
            start_balance: usd(balance),
            end_balance: usd(closing),
            period: { start_date: month, end_date: end },
          },
        });
      }
      balance = closing;
    }
    target.statements.load(statements);
    target.account.current_balance = usd(balance);
    target.account.available_balance = usd(balance);
  }

  private cashRow(
    date: string,
    line: {
      description: string;
      amount: number;
      type: CashTransaction['type'];
      transfer_id: string | null;
    },
  ): Row<CashTransaction> {
    return {
      sortKey: date,
      seq: this.nextSeq(),
      data: {
        id: this.id('dptxn'),
        description: line.description,
        amount: usd(line.amount),
        initiated_at_date: date,
        posted_at_date: date,
        type: line.type,
        transfer_id: line.transfer_id,
      },
    };
  }

  private vendor(name: string, kind: 'ACH' | 'DOMESTIC_WIRE' | 'CHEQUE', i: number): Row<Vendor> {
    const instrument = this.id('pdinstl');
    const details =
      kind === 'ACH'
        ? {
            type: kind,
            payment_instrument_id: instrument,
            routing_number: '021000021',
            account_number: this.rng.digits(10),
            account_type: 'CHECKING',
            account_class: 'BUSINESS',
          }
        : kind === 'DOMESTIC_WIRE'
          ? {
              type: kind,
              payment_instrument_id: instrument,
              routing_number: '026009593',
              account_number: this.rng.digits(10),
              address: HQ_ADDRESS,
            }
          : {
              type: kind,
              payment_instrument_id: instrument,
              mailing_address: HQ_ADDRESS,
              recipient_name: name,
            };
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    return creationOrder(this.nextSeq(), {
      id: this.id('pdcont'),
      company_name: name,
      email: `billing@${slug}.example.com`,
      phone: i % 2 ? null : `+1415555${String(1000 + i)}`,
      payment_accounts: [{ details }],
    } as Vendor);
  }

  private transfer(vendor: Vendor, date: string, accountId: string): Row<Transfer> {
    const details = at(vendor.payment_accounts ?? [], 0).details as {
      type: string;
      payment_instrument_id: string;
    };
    const age = Date.parse(`${this.state.today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`);
    const status: Transfer['status'] =
      age < 3 * 86_400_000
        ? this.rng.pick(['PROCESSING', 'SCHEDULED', 'PENDING_APPROVAL'] as const)
        : this.rng.chance(0.04)
          ? 'FAILED'
          : 'PROCESSED';
    return creationOrder(this.nextSeq(), {
      id: this.id('dptx'),
      counterparty: {
        type: 'VENDOR',
        id: vendor.id,
        payment_instrument_id: details.payment_instrument_id,
      },
      description: `Invoice ${this.rng.digits(5)}`,
      payment_type: details.type as Transfer['payment_type'],
      amount: usd(this.rng.int(1_000_00, 45_000_00)),
      process_date: date,
      originating_account: { type: 'BREX_CASH', id: accountId },
      status,
      cancellation_reason: status === 'FAILED' ? 'INSUFFICIENT_FUNDS' : null,
      estimated_delivery_date: addDays(date, 2),
      creator_user_id: at(this.state.users.all(), 0).data.id,
      created_at: date,
      display_name: vendor.company_name,
      external_memo: `ACME DEMO INC ${this.rng.digits(6)}`,
    } as Transfer);
  }
}

function emptyState(today: string, accountId: string): SandboxState {
  return {
    today,
    accountId,
    cardAccounts: [],
    cashAccounts: [],
    cardTransactions: new OrderedList(true),
    cardStatements: new OrderedList(true),
    expenses: new OrderedList(true),
    expensesById: new Map(),
    users: new OrderedList(false),
    userLimits: new Map(),
    departments: new OrderedList(false),
    locations: new OrderedList(false),
    titles: new OrderedList(false),
    cards: new OrderedList(false),
    vendors: new OrderedList(false),
    transfers: new OrderedList(false),
    spendLimits: new OrderedList(false),
    budgets: new OrderedList(false),
    nextSeq: 1,
  };
}

function currencyOf(code: string): { usd: number; exponent: number } {
  const currency = CURRENCIES[code];
  if (!currency) throw new Error(`Unknown currency ${code}.`);
  return currency;
}

function amountOf(money: { amount?: number } | null | undefined): number {
  return money?.amount ?? 0;
}

function usd(amount: number): Money {
  return { amount, currency: 'USD' };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

const WEIGHTED_MERCHANTS = MERCHANTS.map((m) => [m, m.weight] as const);

/** The company's address: every card's billing address, and physical cards' mailing address. */
export const HQ_ADDRESS = {
  line1: '500 Howard St',
  line2: 'Floor 4',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  postal_code: '94105',
  phone_number: '+14155550100',
};

const VENDOR_CARDS = ['AWS', 'Google Workspace', 'Slack', 'LinkedIn Ads', 'Datadog', 'Old CRM'];

const BUDGETS = [
  ['Company FY', 'YEARLY', 4_000_000_00],
  ['Engineering', 'QUARTERLY', 600_000_00],
  ['Go-To-Market', 'QUARTERLY', 450_000_00],
  ['Travel', 'MONTHLY', 60_000_00],
] as const;

const SPEND_LIMITS = [
  ['Engineering SaaS', 'PER_MONTH', 'USD', 25_000, 'ACTIVE'],
  ['Sales Travel', 'PER_MONTH', 'USD', 18_000, 'ACTIVE'],
  ['Marketing Events', 'PER_QUARTER', 'USD', 40_000, 'ACTIVE'],
  ['Finance Tools', 'PER_YEAR', 'USD', 30_000, 'ACTIVE'],
  ['Office Supplies', 'PER_MONTH', 'USD', 2_500, 'ACTIVE'],
  ['Recruiting', 'PER_QUARTER', 'USD', 12_000, 'ACTIVE'],
  ['Customer Onsites', 'PER_WEEK', 'USD', 3_000, 'ACTIVE'],
  ['London Office', 'PER_MONTH', 'GBP', 8_000, 'ACTIVE'],
  ['EU Conferences', 'PER_QUARTER', 'EUR', 15_000, 'ACTIVE'],
  ['Tokyo Launch', 'ONE_TIME', 'JPY', 2_000_000, 'ACTIVE'],
  ['Summer Offsite', 'ONE_TIME', 'USD', 20_000, 'EXPIRED'],
  ['Legacy Team Lunches', 'PER_MONTH', 'USD', 1_500, 'ARCHIVED'],
] as const;

const VENDORS = [
  ['Cooley LLP', 'DOMESTIC_WIRE'],
  ['WeWork Companies', 'ACH'],
  ['Gusto Payroll', 'ACH'],
  ['Pacific Gas and Electric', 'ACH'],
  ['Bay Area Cleaning Co', 'CHEQUE'],
  ['Deloitte & Touche', 'DOMESTIC_WIRE'],
  ['Salesforce', 'ACH'],
  ['Hubspot', 'ACH'],
  ['Acme Catering', 'CHEQUE'],
  ['Herman Miller', 'ACH'],
  ['Carta', 'ACH'],
  ['Iron Mountain', 'CHEQUE'],
] as const;

const CUSTOMERS = [
  'Globex Corp',
  'Initech',
  'Umbrella Health',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
];

const MEMOS = [
  'Team lunch',
  'Client dinner',
  'Offsite supplies',
  'Monthly subscription',
  'Flight to customer onsite',
  'Conference registration',
  'Replacement laptop charger',
  'Recruiting event',
];
