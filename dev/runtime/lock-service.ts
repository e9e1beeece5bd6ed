/**
 * LockService: document, script and user locks really shared between executions running at the
 * same time (each in its own worker). A lock is held by an execution and released when it ends.
 */
import { fail, op, remote, type Execution, type Host, type ServiceTable } from './host';
import { MESSAGES } from './limits';

interface LockHandle {
  readonly resource: string;
}

interface Resource {
  holder?: number;
  waiters: Array<{ execution: number; grant: () => void }>;
}

export interface LockTable {
  readonly service: ServiceTable;
  /** Releases every lock the execution holds (Apps Script does so when a script ends). */
  releaseAll(execution: number): void;
}

export function createLockService(host: Host): LockTable {
  const resources = new Map<string, Resource>();
  const resourceOf = (name: string) => {
    let r = resources.get(name);
    if (!r) resources.set(name, (r = { waiters: [] }));
    return r;
  };

  const release = (name: string, execution: number) => {
    const r = resourceOf(name);
    if (r.holder !== execution) return;
    r.holder = undefined;
    const next = r.waiters.shift();
    if (next) {
      r.holder = next.execution;
      next.grant();
    }
  };

  const acquire = (x: Execution, h: LockHandle, timeoutMs: number): boolean | Promise<boolean> => {
    host.count(x, 'lockCalls');
    const r = resourceOf(h.resource);
    if (r.holder === undefined || r.holder === x.id) {
      r.holder = x.id;
      return true;
    }
    host.count(x, 'lockWaits');
    return new Promise<boolean>((resolve) => {
      const waiter = {
        execution: x.id,
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(
        () => {
          const index = r.waiters.indexOf(waiter);
          if (index >= 0) r.waiters.splice(index, 1);
          resolve(false);
        },
        Math.max(0, timeoutMs),
      );
      r.waiters.push(waiter);
    });
  };

  const lockFor = (resource: (x: Execution) => string) =>
    op('store', (x: Execution) => remote('Lock', { resource: resource(x) }));

  const service: ServiceTable = {
    'LockService.getDocumentLock': lockFor(() => `document:${host.workbook.id}`),
    'LockService.getScriptLock': lockFor(() => 'script'),
    'LockService.getUserLock': lockFor((x) => `user:${x.user}`),
    'Lock.tryLock': op('store', (x, h: LockHandle, timeoutMs: number) =>
      acquire(x, h, Number(timeoutMs)),
    ),
    'Lock.waitLock': op('store', async (x, h: LockHandle, timeoutMs: number) => {
      if (!(await acquire(x, h, Number(timeoutMs)))) fail(MESSAGES.lockTimeout);
    }),
    'Lock.hasLock': op('store', (x, h: LockHandle) => resourceOf(h.resource).holder === x.id),
    'Lock.releaseLock': op('store', (x, h: LockHandle) => {
      host.count(x, 'lockCalls');
      release(h.resource, x.id);
    }),
  };

  return {
    service,
    releaseAll(execution) {
      for (const [name, r] of resources) {
        if (r.holder === execution) release(name, execution);
        r.waiters = r.waiters.filter((w) => w.execution !== execution);
      }
    },
  };
}
