/**
 * The push engine over fakes of its ports: a sheet in memory, document properties in memory, a
 * Brex that applies writes once per idempotency key (replaying the first answer, as Brex does),
 * and an audit log that keeps what is appended.
 */
import type { TeamWrites } from '../../../src/writeback/actions/team-writes';
import type { PaymentWrites } from '../../../src/writeback/actions/payment-writes';
import type {
  CreateSpendLimitRequest,
  Settled,
  SpendLimit,
  UpdateSpendLimitRequest,
  WriteResult,
} from '../../../src/brex';
import { BrexError } from '../../../src/brex';
import { KEY_HEADER } from '../../../src/cells/header';
import type { AuditEntry, AuditLogPort, AuditRecord } from '../../../src/writeback/audit-entry';
import type { ColumnMarks, MarksPort } from '../../../src/writeback/cell-marks';
import { spendLimitIdentity } from '../../../src/writeback/actions/spend-limit-identity';
import { SyncedValues } from '../../../src/writeback/synced-values';
import type { BrexWrites, PushDeps } from '../../../src/writeback/write-back-deps';
import { MemoryStore } from '../../sync/support/memory-store';
import { MemoryTable } from '../../sync/support/memory-table';

export const SHEET = 'Brex Spend Limits';
export const HEADER = ['Name', 'Period', 'Base limit', 'Currency', 'Status', KEY_HEADER];

export function limit(n: number, amount: number): SpendLimit {
  return {
    id: `splim_${n}`,
    name: `Limit ${n}`,
    status: 'ACTIVE',
    period_recurrence_type: 'PER_MONTH',
    end_date: null,
    authorization_settings: { base_limit: { amount, currency: 'USD' } },
  } as unknown as SpendLimit;
}

/** Brex with its spend limits, counting every request. */
export class FakeBrex implements Omit<BrexWrites, keyof TeamWrites | keyof PaymentWrites> {
  readonly limits = new Map<string, SpendLimit>();
  readonly requests: string[] = [];
  /** Writes (id, amount, key) Brex applied, once per key. */
  readonly applied: { id: string; amount: number; key: string }[] = [];
  private readonly answers = new Map<string, SpendLimit>();
  /** Set to make the next write apply but lose its answer. */
  loseNextAnswer = false;
  /**
   * One fault for the next write to a limit: a 429 (not applied, after the client's retries), or
   * a 5xx after Brex applied it.
   */
  readonly faults = new Map<string, 'rate429' | 'applied5xx'>();
  /** The size of each batch of writes sent together (one fetchAll in the add-on). */
  readonly batches: number[] = [];

  /** Brex's errors are each write's own; anything else (an execution killed) ends the batch. */
  writeEach<T>(writes: readonly (() => T)[]): Settled<T>[] {
    this.batches.push(writes.length);
    return writes.map((write) => {
      try {
        return { ok: true, value: write() };
      } catch (error) {
        if (!(error instanceof BrexError)) throw error;
        return { ok: false, error };
      }
    });
  }

  spendLimits(): SpendLimit[] {
    this.requests.push('GET /v2/spend_limits');
    return [...this.limits.values()].map((l) => structuredClone(l));
  }

  archiveSpendLimit(id: string, key: string): WriteResult<undefined> {
    this.requests.push(`POST /v2/spend_limits/${id}/archive`);
    const limit = this.limits.get(id) as SpendLimit;
    if (!this.answers.has(key)) {
      this.limits.set(id, { ...limit, status: 'ARCHIVED' } as SpendLimit);
      this.answers.set(key, limit);
      this.applied.push({ id, amount: -1, key });
    }
    return { value: undefined, traceId: `trace_${this.requests.length}`, idempotencyKey: key };
  }

  createSpendLimit(request: CreateSpendLimitRequest, key: string): WriteResult<SpendLimit> {
    this.requests.push('POST /v2/spend_limits');
    let answer = this.answers.get(key);
    if (!answer) {
      answer = { ...request, id: `splim_new_${this.limits.size}`, status: 'ACTIVE' } as SpendLimit;
      this.limits.set(answer.id, answer);
      this.answers.set(key, answer);
    }
    return {
      value: structuredClone(answer),
      traceId: `trace_${this.requests.length}`,
      idempotencyKey: key,
    };
  }

  updateSpendLimit(
    id: string,
    changes: UpdateSpendLimitRequest,
    key: string,
  ): WriteResult<SpendLimit> {
    this.requests.push(`PUT /v2/spend_limits/${id}`);
    const fault = this.faults.get(id);
    this.faults.delete(id);
    if (fault === 'rate429') {
      throw new BrexError({ kind: 'rate_limited', operation: 'updateSpendLimit', message: '429.' });
    }
    let answer = this.answers.get(key);
    if (!answer) {
      const amount = changes.authorization_settings?.base_limit?.amount as number;
      answer = structuredClone(this.limits.get(id) as SpendLimit);
      (answer.authorization_settings as { base_limit: unknown }).base_limit = {
        amount,
        currency: 'USD',
      };
      this.limits.set(id, answer);
      this.answers.set(key, answer);
      this.applied.push({ id, amount, key });
    }
    if (fault === 'applied5xx') {
      throw new BrexError({ kind: 'server_error', operation: 'updateSpendLimit', message: '503.' });
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new BrexError({ kind: 'network', operation: 'updateSpendLimit', message: 'Lost.' });
    }
    return {
      value: structuredClone(answer),
      traceId: `trace_${this.requests.length}`,
      idempotencyKey: key,
    };
  }
}

/** Document properties in memory, with `setAll` as PropertiesService's setProperties: one call. */
export class BatchStore extends MemoryStore {
  /** The keys of each `setAll` call. */
  readonly setAlls: string[][] = [];

  setAll(values: Readonly<Record<string, string>>): void {
    this.setAlls.push(Object.keys(values));
    for (const [key, value] of Object.entries(values)) this.values.set(key, value);
  }
}

class FakeAudit implements AuditLogPort {
  readonly entries: AuditEntry[] = [];
  reserve(): void {}
  append(entries: readonly AuditEntry[]): void {
    this.entries.push(...entries);
  }
  read(): AuditRecord[] {
    return this.entries.map((entry, index) => ({ ...entry, row: index + 2 }));
  }
}

class FakeMarks implements MarksPort {
  read(_sheet: string, _column: number, lastRow: number, firstRow = 2): ColumnMarks {
    const rows = lastRow - firstRow + 1;
    return { backgrounds: Array(rows).fill('#ffffff'), notes: Array(rows).fill('') };
  }
  numberFormats(_sheet: string, _column: number, lastRow: number, firstRow = 2): string[] {
    return Array(lastRow - firstRow + 1).fill('');
  }
  write(): void {}
}

export interface PushWorld {
  deps: PushDeps;
  readonly brex: FakeBrex;
  readonly table: MemoryTable;
  readonly store: BatchStore;
  readonly audit: FakeAudit;
  /** Types an amount (major units) into a limit's "Base limit" cell, or text into another. */
  type(n: number, amount: number | string, header?: string): void;
  /** Sends are allowed while this is above zero; each send check takes one. */
  sendsLeft: number;
}

/** `count` limits synced at 100.00 USD each, in Brex and in the sheet. */
export function pushWorld(count: number): PushWorld {
  const store = new BatchStore();
  const table = new MemoryTable('Etc/UTC');
  const brex = new FakeBrex();
  const audit = new FakeAudit();
  const limits = Array.from({ length: count }, (_, n) => limit(n, 10_000));
  for (const l of limits) brex.limits.set(l.id, l);
  SyncedValues.record(store, limits, new Date('2026-03-15T00:00:00Z'), spendLimitIdentity);
  table.ensureSheet(SHEET);
  table.setGrid(SHEET, [
    HEADER,
    ...limits.map((l, n) => [`Limit ${n}`, 'Per month', 100, 'USD', 'Active', l.id]),
  ]);
  let uuid = 0;
  const world: PushWorld = {
    brex,
    table,
    store,
    audit,
    sendsLeft: Infinity,
    type(n, amount, header = 'Base limit') {
      const grid = table.grid(SHEET);
      (grid[n + 1] as unknown[])[HEADER.indexOf(header)] = amount;
      table.setGrid(SHEET, grid);
    },
    deps: {
      table,
      store,
      marks: new FakeMarks(),
      audit,
      now: () => new Date('2026-03-15T12:00:00Z'),
      // Spend-limit pushes never read or write cards or users.
      brex: brex as unknown as BrexWrites,
      timeLeft: () => (world.sendsLeft -= 1) >= 0,
      user: 'owner@example.com',
      typedBy: () => '',
      newUuid: () => `key_${(uuid += 1)}`,
    },
  };
  return world;
}
