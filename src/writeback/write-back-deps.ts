/** What the write-back needs from the outside world: ports, the clock and who is acting. */
import type {
  CreateSpendLimitRequest,
  Settled,
  SpendLimit,
  UpdateSpendLimitRequest,
  WriteResult,
} from '../brex';
import type { KeyValuePort } from '../ports/key-value-port';
import type { TablePort } from '../ports/table-port';
import type { PaymentWrites } from './actions/payment-writes';
import type { TeamWrites } from './actions/team-writes';
import type { AuditLogPort } from './audit-entry';
import type { MarksPort } from './cell-marks';

export interface WriteBackDeps {
  readonly table: TablePort;
  /** Document properties: last-synced values, pushes in flight, settings. */
  readonly store: KeyValuePort;
  readonly marks: MarksPort;
  readonly audit: AuditLogPort;
  readonly now: () => Date;
  /**
   * Brex's base limit now (minor units, null when unknown) of the limits whose last push got no
   * answer, for the review to show; absent where Brex is not read (the `onEdit` trigger).
   */
  readonly brexAmounts?: (ids: readonly string[]) => ReadonlyMap<string, number | null>;
}

/**
 * Brex, through the acting user's own write credential: the reads of the conflict check (one list
 * read per data set) and the writes the actions send.
 */
export interface BrexWrites extends TeamWrites, PaymentWrites {
  /** Every spend limit as Brex has it now. */
  spendLimits(): SpendLimit[];
  updateSpendLimit(
    id: string,
    changes: UpdateSpendLimitRequest,
    idempotencyKey: string,
  ): WriteResult<SpendLimit>;
  archiveSpendLimit(id: string, idempotencyKey: string): WriteResult<undefined>;
  createSpendLimit(
    request: CreateSpendLimitRequest,
    idempotencyKey: string,
  ): WriteResult<SpendLimit>;
  /**
   * Runs writes, each making one of the calls above at most, with their requests sent together
   * (one paced `fetchAll`); each gives its own result. Absent, they run one after another.
   */
  writeEach?<T>(writes: readonly (() => T)[]): Settled<T>[];
}

/** The writes' results, sent together when the port can (`BrexWrites.writeEach`). */
export function writeEach<T>(
  brex: Pick<BrexWrites, 'writeEach'>,
  writes: readonly (() => T)[],
): Settled<T>[] {
  if (brex.writeEach) return brex.writeEach(writes);
  return writes.map((write) => {
    try {
      return { ok: true, value: write() };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

export interface PushDeps extends WriteBackDeps {
  readonly brex: BrexWrites;
  /**
   * Whether there is time to send one more change in this execution; when not, the rest wait for
   * the next push (Apps Script stops an execution after 6 minutes).
   */
  readonly timeLeft: () => boolean;
  /** The acting user's email, for the audit log. */
  readonly user: string;
  /** Who typed a target's pending change ('' when Sheets did not say), for the audit log. */
  readonly typedBy: (id: string) => string;
  readonly newUuid: () => string;
}

/** Pure: the UTC calendar date of an instant, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
