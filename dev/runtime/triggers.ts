/**
 * Firing triggers: a person's edit fires the `onEdit` simple trigger (LIMITED, as the editor) and
 * each installable edit trigger (FULL, as its creator); a due time-driven trigger runs as its
 * creator with Apps Script's clock event, then is rescheduled (or dropped when it was one-off).
 */
import type { RuntimeClock } from './clock';
import type { ExecuteOptions, ExecutionResult } from './execution';
import type { AuthMode } from './host';
import type { TriggerRecord } from './script-app-service';

export interface TriggerFiringSetup {
  /** The bundle's code: whether it has an `onEdit` simple trigger. */
  readonly code: string;
  readonly triggers: TriggerRecord[];
  readonly clock: RuntimeClock;
  /** Runs one execution and the recalculation after it. */
  run(functionName: string, args: unknown[], opts: ExecuteOptions): Promise<ExecutionResult>;
}

/** The edit event for one trigger: its auth mode, and its uid when installable. */
export type EditEvent = (authMode: AuthMode, triggerUid?: string) => Record<string, unknown>;

export interface TriggerFiring {
  fireEditTriggers(editor: string, event: EditEvent): Promise<ExecutionResult[]>;
  fireTimeTriggers(options?: { all?: boolean }): Promise<ExecutionResult[]>;
}

export function createTriggerFiring(setup: TriggerFiringSetup): TriggerFiring {
  const { code, triggers, clock, run } = setup;

  async function fireEditTriggers(editor: string, event: EditEvent): Promise<ExecutionResult[]> {
    const results: ExecutionResult[] = [];
    if (/\nfunction onEdit\(/.test(code))
      results.push(await run('onEdit', [event('LIMITED')], { as: editor, authMode: 'LIMITED' }));
    for (const t of triggers.filter((x) => x.type === 'ON_EDIT')) {
      results.push(
        await run(t.handler, [event('FULL', t.uid)], {
          as: editor,
          authMode: 'FULL',
          user: t.user,
        }),
      );
    }
    return results;
  }

  async function fireTimeTriggers(opts: { all?: boolean } = {}): Promise<ExecutionResult[]> {
    const now = clock.now();
    const due = triggers.filter(
      (t) => t.type === 'CLOCK' && (opts.all || (t.nextRunAt ?? Infinity) <= now),
    );
    const results: ExecutionResult[] = [];
    for (const t of due) {
      if (t.everyMs)
        while ((t.nextRunAt ?? now) <= now) t.nextRunAt = (t.nextRunAt ?? now) + t.everyMs;
      else triggers.splice(triggers.indexOf(t), 1);
      const d = new Date(now);
      const event = {
        authMode: 'FULL',
        triggerUid: t.uid,
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        'day-of-month': d.getUTCDate(),
        'day-of-week': d.getUTCDay() || 7,
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        timezone: 'UTC',
      };
      results.push(
        await run(t.handler, [event], { as: t.user, authMode: 'FULL', clockTrigger: true }),
      );
    }
    return results;
  }

  return { fireEditTriggers, fireTimeTriggers };
}
