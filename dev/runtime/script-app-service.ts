/**
 * ScriptApp: installable triggers with the editor add-on rules (time-driven at most hourly; one
 * trigger per type per user per document), fired on demand by the runtime, and authorization info.
 */
import { fail, op, remote, type Execution, type Host, type ServiceTable } from './host';
import { MESSAGES, TRIGGER_MIN_INTERVAL_MS } from './limits';

export type TriggerEventType = 'CLOCK' | 'ON_EDIT' | 'ON_OPEN' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerRecord {
  readonly uid: string;
  readonly handler: string;
  readonly type: TriggerEventType;
  /** The user who created it: the trigger runs as this user. */
  readonly user: string;
  /** Time-driven: repeat interval in milliseconds (absent for a one-off trigger). */
  readonly everyMs?: number;
  readonly atHour?: number;
  readonly nearMinute?: number;
  readonly timeZone?: string;
  /** Time-driven: the next time it is due, ms since epoch. */
  nextRunAt?: number;
}

/** What the worker's TriggerBuilder collects before create(). */
export interface TriggerSpec {
  readonly handler: string;
  readonly type: TriggerEventType;
  readonly everyMinutes?: number;
  readonly everyHours?: number;
  readonly everyDays?: number;
  readonly everyWeeks?: number;
  readonly atHour?: number;
  readonly nearMinute?: number;
  readonly timeZone?: string;
  readonly afterMs?: number;
  readonly atTime?: number;
}

const HOUR = 3_600_000;
const TRIGGER_KIND_NAMES: Record<TriggerEventType, string> = {
  CLOCK: 'time-based',
  ON_EDIT: 'edit',
  ON_OPEN: 'open',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form submit',
};
const MAX_TRIGGERS_PER_USER = 20;

function firstRun(spec: TriggerSpec, now: number, everyMs: number | undefined): number {
  if (spec.atTime !== undefined) return spec.atTime;
  if (spec.afterMs !== undefined) return now + spec.afterMs;
  if (spec.atHour !== undefined) {
    const d = new Date(now);
    const at = Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      spec.atHour,
      spec.nearMinute ?? 0,
    );
    return at > now ? at : at + 24 * HOUR;
  }
  return now + (everyMs ?? HOUR);
}

export function createScriptAppService(host: Host, triggers: TriggerRecord[]): ServiceTable {
  let counter = triggers.length;
  const byUid = (uid: string) => {
    const t = triggers.find((x) => x.uid === uid);
    if (!t) fail('The trigger has been deleted.');
    return t;
  };
  const count = (x: Execution) => host.count(x, 'triggerCalls');

  const create = (x: Execution, spec: TriggerSpec) => {
    count(x);
    const everyMs =
      spec.everyMinutes !== undefined
        ? spec.everyMinutes * 60_000
        : spec.everyHours !== undefined
          ? spec.everyHours * HOUR
          : spec.everyDays !== undefined
            ? spec.everyDays * 24 * HOUR
            : spec.everyWeeks !== undefined
              ? spec.everyWeeks * 7 * 24 * HOUR
              : spec.type === 'CLOCK' && spec.afterMs === undefined && spec.atTime === undefined
                ? 24 * HOUR
                : undefined;
    if (spec.type === 'CLOCK') {
      const interval =
        everyMs ?? spec.afterMs ?? Math.max(0, (spec.atTime ?? Infinity) - host.clock.now());
      if (interval < TRIGGER_MIN_INTERVAL_MS) fail(MESSAGES.triggerInterval);
    }
    const mine = triggers.filter((t) => t.user === x.user);
    if (mine.some((t) => t.type === spec.type)) {
      fail(MESSAGES.tooManyTriggers(TRIGGER_KIND_NAMES[spec.type]));
    }
    if (mine.length >= MAX_TRIGGERS_PER_USER)
      fail(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    counter += 1;
    const trigger: TriggerRecord = {
      uid: String(1_000_000 + counter),
      handler: spec.handler,
      type: spec.type,
      user: x.user,
      everyMs,
      atHour: spec.atHour,
      nearMinute: spec.nearMinute,
      timeZone: spec.timeZone,
      nextRunAt: spec.type === 'CLOCK' ? firstRun(spec, host.clock.now(), everyMs) : undefined,
    };
    triggers.push(trigger);
    return remote('Trigger', { uid: trigger.uid });
  };

  return {
    'ScriptApp.createTrigger': op('triggers', (x, _h, spec: TriggerSpec) => create(x, spec)),
    'ScriptApp.getUserTriggers': op('triggers', (x) => {
      count(x);
      return triggers
        .filter((t) => t.user === x.user)
        .map((t) => remote('Trigger', { uid: t.uid }));
    }),
    'ScriptApp.getProjectTriggers': op('triggers', (x) => {
      count(x);
      return triggers
        .filter((t) => t.user === x.user)
        .map((t) => remote('Trigger', { uid: t.uid }));
    }),
    'ScriptApp.deleteTrigger': op('triggers', (x, _h, ref: { handle: { uid: string } }) => {
      count(x);
      const t = byUid(ref.handle.uid);
      if (t.user !== x.user) fail('The trigger belongs to another user and cannot be deleted.');
      triggers.splice(triggers.indexOf(t), 1);
    }),
    'ScriptApp.getAuthorizationInfo': op('free', () =>
      remote('AuthorizationInfo', { status: 'NOT_REQUIRED' }),
    ),
    'AuthorizationInfo.getAuthorizationStatus': op('free', (_x, h: { status: string }) => h.status),
    'AuthorizationInfo.getAuthorizationUrl': op('free', () => null),
    'Trigger.getUniqueId': op('free', (_x, h: { uid: string }) => byUid(h.uid).uid),
    'Trigger.getHandlerFunction': op('free', (_x, h: { uid: string }) => byUid(h.uid).handler),
    'Trigger.getEventType': op('free', (_x, h: { uid: string }) => byUid(h.uid).type),
    'Trigger.getTriggerSource': op('free', (_x, h: { uid: string }) =>
      byUid(h.uid).type === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS',
    ),
    'Trigger.getTriggerSourceId': op('free', (_x, h: { uid: string }) =>
      byUid(h.uid).type === 'CLOCK' ? null : host.workbook.id,
    ),
  };
}
