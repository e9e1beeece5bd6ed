/**
 * The write-back's types, shared by the server functions (src/server/index.ts) and the sidebar's
 * review panel. Plain JSON only: amounts cross as integer minor units plus the text the sidebar
 * shows, never as floats to compute with. One word throughout: a "change" is an edit in a synced
 * sheet that a Brex action will send once reviewed and pushed. It is over 300 lines because the
 * server and the sidebar must agree on one contract: its payment types sit beside the changes they
 * extend.
 */

/** What a change needs before it is sent: irreversible actions and creations are confirmed. */
export type Confirmation = 'none' | 'irreversible' | 'creation';

/** One pending change of any action, as the review shows it. */
export interface ChangeView {
  /**
   * Names this change as reviewed: its action, target and fingerprint. Another edit of the cell
   * (or a moved row) gives another key, so a push of this key sends only what was shown.
   */
  readonly key: string;
  readonly sheet: string;
  /** The sheet row it sits in now (rows move when people sort). */
  readonly row: number;
  /** The action's id (e.g. "spend_limit.base_limit") and what the review calls it. */
  readonly action: string;
  readonly actionLabel: string;
  /** The Brex object it changes: id ('' for a creation) and name. */
  readonly target: { readonly id: string; readonly name: string };
  /** What Brex has now (as of the last sync), as text. */
  readonly brexNow: string;
  /** What will be sent, as text; null when the cell cannot be read. */
  readonly toSend: string | null;
  /** Why it is refused ("<what happened>. <what to do>"), or null when it may be pushed. */
  readonly problem: string | null;
  readonly consequences: readonly string[];
  readonly confirmation: Confirmation;
  /** A push was sent and its outcome is unknown; pushing again completes it with the same key. */
  readonly inFlight: boolean;
  /**
   * Brex's value changed since the sync, as the last push found ("Brex now has 19,000.00 USD …;
   * you typed 20,000.00 USD"); `resolveConflict` keeps yours or takes Brex's. Null when none.
   */
  readonly conflict: string | null;
  /** Present on a staged payment (action PAYMENT_ACTION): see PaymentView. */
  readonly payment?: PaymentFacts;
  /**
   * What the person may choose at review to complete a refused change (a card termination's
   * reason); the choice is written into the row's cell, so the review then shows what is sent.
   */
  readonly choice?: ReviewChoice | null;
}

/** Options for one cell of a change's row, chosen in the review rather than typed. */
export interface ReviewChoice {
  /** The header of the cell the chosen option is written into ("Reason"). */
  readonly header: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

/** What the sidebar's pending count shows, read without asking Brex. */
export interface PendingCount {
  /** Every pending change across the synced sheets, refused ones included. */
  readonly pending: number;
  readonly refused: number;
}

/** "keep mine": the edit stays, compared with Brex's value now; "take Brex's": the cell gets it. */
export type ConflictChoice = 'keep_mine' | 'take_brex';

export interface ConflictResolved {
  /** The change after the choice; null when it is gone (Brex's value taken). */
  readonly change: ChangeView | null;
  readonly message: string;
}

export interface ChangesReview {
  readonly changes: readonly ChangeView[];
  readonly canPush: boolean;
  readonly credentialHelp: string | null;
  /** The staged payments' totals and Brex's limits; absent when no payment is staged. */
  readonly payments?: PaymentsSummary;
}

/** One change's push result. */
export interface ChangeResult {
  readonly key: string;
  readonly action: string;
  readonly outcome: PushOutcome;
  readonly message: string;
  /** The Brex object changed or created; null when none. */
  readonly brexId: string | null;
  readonly traceId: string | null;
  readonly idempotencyKey: string | null;
}

export interface DiscardedChanges {
  /** Keys of the changes whose cells got their last-synced values back. */
  readonly restored: readonly string[];
}

/** An amount as the review shows it: exact minor units and the currency's own decimals. */
export interface AmountView {
  /** Integer minor units (USD 2,500.00 = 250000). */
  readonly minorUnits: number;
  /** The amount with the currency's decimals, e.g. "2,500.00". */
  readonly text: string;
}

/** One edited "Base limit" cell of the "Brex Spend Limits" sheet, as the spend-limit alias shows it. */
export interface PendingChange {
  /** The spend limit's Brex id; the change's id for push, discard and the audit log. */
  readonly id: string;
  readonly name: string;
  /** The sheet row it sits in now (rows move when people sort). */
  readonly row: number;
  readonly currency: string;
  /** Brex's period, e.g. PER_MONTH. */
  readonly period: string;
  /** The value of the last sync. */
  readonly old: AmountView;
  /** The edited value; null when the cell cannot be read as an amount. */
  readonly new: AmountView | null;
  /** The cell as the person typed it, for messages ("2500.555"). */
  readonly typed: string;
  /** Why the change is refused ("<what happened>. <what to do>"), or null when it may be pushed. */
  readonly problem: string | null;
  /** What the change would do that deserves a second look (below what was spent, a large jump). */
  readonly consequences: readonly string[];
  /** A push was sent and its outcome is unknown; pushing again completes it with the same key. */
  readonly inFlight: boolean;
  /**
   * What was reviewed (target id, the cell as read, currency, the row's identity), digested: a push
   * sends the change only while it still holds.
   */
  readonly fingerprint: string;
}

/** A change as the person reviewed it: what `pushSpendLimitChanges` takes. */
export interface ReviewedChange {
  readonly id: string;
  readonly fingerprint: string;
}

export interface SpendLimitReview {
  readonly sheetName: string;
  readonly changes: readonly PendingChange[];
  /** Whether the acting user holds their own write credential. */
  readonly canPush: boolean;
  /** What to do to be able to push, when `canPush` is false. */
  readonly credentialHelp: string | null;
}

export type PushOutcome =
  /** Brex applied the change; the row shows Brex's response. */
  | 'pushed'
  /** Brex's value is no longer the one of the last sync: nothing was sent. */
  | 'conflict'
  /** The edit failed validation (here or against Brex's current state): nothing was sent. */
  | 'refused'
  /** Brex refused the change, or it could not be sent. */
  | 'failed'
  /** The request was sent but its answer was lost: push again to complete it (same key). */
  | 'unknown'
  /** Not sent in this execution (its time ran out): push again to send it. */
  | 'deferred'
  /** No pending change has this id. */
  | 'not_pending';

export interface PushResult {
  readonly id: string;
  readonly outcome: PushOutcome;
  readonly message: string;
  readonly old: AmountView | null;
  readonly new: AmountView | null;
  /** Brex's current value, for a conflict. */
  readonly brex: AmountView | null;
  readonly currency: string | null;
  readonly traceId: string | null;
  readonly idempotencyKey: string | null;
}

export interface DiscardResult {
  /** Ids whose cells were restored to the last-synced values. */
  readonly restored: readonly string[];
}

export interface RevertResult {
  /** The spend limit whose cell now holds the inverse change, pending review. */
  readonly id: string;
  readonly message: string;
}

/** Write-back settings: the ceiling above which an edit is refused, per currency. */
export interface WriteBackSettings {
  /** Ceiling in minor units per ISO currency code; currencies not listed use `defaultCeiling`. */
  readonly ceilings: Readonly<Record<string, number>>;
  /** The ceiling in major units (1,000,000 means USD 1,000,000.00 or JPY 1,000,000). */
  readonly defaultCeiling: number;
  /** Vendor payments: two-person rule, ceiling per payment, daily total per account. */
  readonly payments?: PaymentSettings;
}

/**
 * The server functions the review panel calls, as Promises. The sidebar's facade
 * (server-facade.ts, typed from src/server/index.ts) satisfies it, so a renamed or retyped
 * function breaks the sidebar's build where the panel is mounted.
 */
export interface WriteBackServer {
  reviewChanges(): Promise<ChangesReview>;
  pushChanges(keys?: string[]): Promise<ChangeResult[]>;
  discardChanges(keys?: string[]): Promise<DiscardedChanges>;
  resolveConflict(key: string, choice: ConflictChoice): Promise<ConflictResolved>;
  chooseForChange(key: string, value: string): Promise<ChangesReview>;
  pendingChangeCount(): Promise<PendingCount>;
}

// ---------------------------------------------------------------------------------------------
// Vendor payments ("Brex Transfers"): staged from new rows, shown in `reviewChanges()` as
// changes of the action PAYMENT_ACTION, and sent only by `approvePayments(keys)`, never by a push
// or a schedule.

/** The action id of a staged payment in `reviewChanges()`. */
export const PAYMENT_ACTION = 'transfers.create';

/** How Brex pays the vendor: the type of the vendor's payment instrument. */
export type PaymentMethod = 'ACH' | 'DOMESTIC_WIRE' | 'CHEQUE' | 'INTERNATIONAL_WIRE';

/** What a staged payment row says, as read and resolved against the last refresh. */
export interface PaymentFacts {
  /** The vendor by name as typed, and its Brex id ('' when unknown). */
  readonly vendor: { readonly id: string; readonly name: string };
  /** Null when the row's method cannot be read, or the vendor has no such instrument. */
  readonly method: PaymentMethod | null;
  /** USD; null when the amount cannot be read. */
  readonly amount: AmountView | null;
  /** The originating cash account by name as typed, and its Brex id ('' when unknown). */
  readonly account: { readonly id: string; readonly name: string };
  readonly description: string;
  readonly externalMemo: string;
  /** Who staged the row (their email) and when (ISO instant). */
  readonly stagedBy: string;
  readonly stagedAt: string;
  /** Given when the row was staged, kept for the row forever: no retry can pay twice. */
  readonly idempotencyKey: string;
  /**
   * A possible duplicate: same vendor, same amount, within 7 days of another payment, staged
   * ("Row 7, staged 2026-12-01") or in Brex ("Transfer dptx_…, 2026-12-03, PROCESSING"); null if none.
   */
  readonly duplicateOf: string | null;
  /** Brex's limits, the ceilings and daily totals this payment comes close to or passes. */
  readonly limitWarnings: readonly string[];
  /** Whether the acting user may approve it (false when they staged it, under the two-person rule). */
  readonly approvableByYou: boolean;
}

/** A payment in `reviewChanges()`: a ChangeView with action PAYMENT_ACTION and its facts. */
export interface PaymentView extends ChangeView {
  readonly payment: PaymentFacts;
}

/** A count and total of payments, in USD. */
export interface PaymentTotal {
  readonly count: number;
  readonly total: AmountView;
}

/** Brex's own limit, and how much of it the last 24 hours used (transfers in Brex + staged). */
export interface BrexLimitUse {
  readonly limit: number;
  /** Transfers Brex shows created in the last 24 hours. */
  readonly used: number;
  /** Valid staged payments that would count against it. */
  readonly staged: number;
}

/** What the payment approval section shows above the list. */
export interface PaymentsSummary {
  /** Valid staged payments (problem null) only. */
  readonly all: PaymentTotal;
  /** Per originating account, by its name. */
  readonly perAccount: readonly (PaymentTotal & { readonly account: string })[];
  /** Per UTC day of sending (`YYYY-MM-DD`): today, plus what this account already sent today. */
  readonly perDay: readonly (PaymentTotal & { readonly day: string })[];
  /** 1,000 transfers per 24 hours. */
  readonly transfers24h: BrexLimitUse;
  /** 100 international wires per 24 hours. */
  readonly internationalWires24h: BrexLimitUse;
  /** Transfers created this calendar month (UTC), in Brex. */
  readonly thisMonth: number;
  /** Past 1,000 payments a month: "Brex asks customers who pay more than … to contact it."; else null. */
  readonly monthNote: string | null;
  /** The payment settings in force. */
  readonly twoPersonRule: boolean;
  readonly perPaymentCeiling: AmountView;
  readonly dailyAccountCeiling: AmountView;
}

export type PaymentOutcome =
  /** Brex created the transfer: `transferId` and `status` are on the row. */
  | 'sent'
  /** Sent before (by this key): found in Brex, nothing sent again; the row shows it. */
  | 'already_sent'
  /** Refused here (two-person rule, ceilings, limits, a problem, a changed row): nothing sent. */
  | 'refused'
  /** Brex refused it (insufficient funds, a limit): nothing was created. */
  | 'failed'
  /** Sent, and Brex's answer was lost: approve again to finish it (same key; never paid twice). */
  | 'unknown'
  /** Not sent in this execution (its time ran out): approve again to send it. */
  | 'deferred'
  /** No staged payment has this key (edited since the review, or gone). */
  | 'not_pending';

/** One payment's result of `approvePayments(keys)`. */
export interface PaymentResult {
  readonly key: string;
  readonly outcome: PaymentOutcome;
  readonly message: string;
  /** Brex's transfer id and status (PROCESSING, SCHEDULED, PENDING_APPROVAL, FAILED, PROCESSED). */
  readonly transferId: string | null;
  readonly status: string | null;
  readonly traceId: string | null;
  /** The row's own key, given at staging. */
  readonly idempotencyKey: string | null;
}

/** The payment settings, part of the write-back settings. Amounts in USD minor units. */
export interface PaymentSettings {
  /** The approver must not be the person who staged the row. On by default. */
  readonly twoPersonRule: boolean;
  /** A payment above this is refused. */
  readonly perPaymentCeiling: number;
  /** An account's payments of one UTC day (sent today + approved now) above this are refused. */
  readonly dailyAccountCeiling: number;
}

/** What the payment approval section calls. */
export interface PaymentsServer {
  /** Sends the staged payments with these keys (from `reviewChanges()`); one result each. */
  approvePayments(keys: string[]): Promise<PaymentResult[]>;
}
