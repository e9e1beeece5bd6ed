/**
 * The Apps Script globals as the bundle sees them inside the worker. Services whose state lives on
 * the main thread are remote objects: each method is a synchronous RPC. Builders (menus,
 * triggers), HTTP responses, HtmlService, Utilities, Logger and console are local.
 */
import { format } from 'node:util';
import { CHART_TYPES } from './chart-service';
import { BOOLEAN_CRITERIA, filterCriteria, filterCriteriaBuilder, specOf } from './filter-criteria';
import type { CriteriaSpec } from './filter-range';
import { createHtmlService, htmlContentOf } from './html-service';
import type { TriggerSpec } from './script-app-service';
import { createBlob, createUtilities } from './utilities-service';
import type { FetchResponseData } from './url-fetch-service';
import { intoRealm, signedBytes, type Realm } from './worker-realm';

export type SyncCall = (op: string, handle: unknown, args: unknown[]) => unknown;

interface Ref {
  readonly $remote: string;
  readonly handle: unknown;
}

/** A chart as `EmbeddedChart.getSpec` hands it to the worker (chart-service.ts). */
interface ChartSpecView {
  readonly type: string;
  readonly ranges: readonly unknown[];
  readonly options: Record<string, unknown>;
  readonly position: { row: number; column: number; offsetX: number; offsetY: number };
  readonly numHeaders: number;
  readonly chartId: number;
}

export interface WorkerServices {
  readonly globals: Record<string, unknown>;
  /** Converts a value from the main thread into the bundle's realm. */
  fromHost(value: unknown): unknown;
  /** Converts a value from the bundle into something the main thread can receive. */
  toHost(value: unknown): unknown;
}

const ENUMS = {
  ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
  DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' },
  AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', FULL: 'FULL' },
  AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
  EventType: {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_CHANGE: 'ON_CHANGE',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  },
  TriggerSource: { CLOCK: 'CLOCK', SPREADSHEETS: 'SPREADSHEETS' },
  WeekDay: {
    MONDAY: 'MONDAY',
    TUESDAY: 'TUESDAY',
    WEDNESDAY: 'WEDNESDAY',
    THURSDAY: 'THURSDAY',
    FRIDAY: 'FRIDAY',
    SATURDAY: 'SATURDAY',
    SUNDAY: 'SUNDAY',
  },
  ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' },
  Button: { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' },
};

export function createWorkerServices(
  realm: Realm,
  surface: readonly string[],
  call: SyncCall,
  log: (level: string, text: string) => void,
  bundleDir: string,
): WorkerServices {
  const refs = new WeakMap<object, Ref>();
  const methodsByType = new Map<string, string[]>();
  for (const entry of surface) {
    const [type, method] = entry.split('.') as [string, string];
    methodsByType.set(type, [...(methodsByType.get(type) ?? []), method]);
  }

  const toHost = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object')
      return typeof value === 'function' ? undefined : value;
    const ref = refs.get(value);
    if (ref) return ref;
    const html = htmlContentOf(value);
    if (html) return { ...html };
    if (Object.prototype.toString.call(value) === '[object Date]')
      return new Date((value as Date).getTime());
    if (Array.isArray(value)) return value.map(toHost);
    if (typeof (value as { getBytes?: unknown }).getBytes === 'function')
      return (value as { getBytes: () => number[] }).getBytes();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toHost(v);
    return out;
  };

  const fromHost = (value: unknown): unknown =>
    intoRealm(realm, value, (v) => ('$remote' in v ? wrap(v as Ref) : undefined));

  /** Local additions to remote objects: builders, enums, richer return values. */
  const extras: Record<string, (self: Record<string, unknown>) => Record<string, unknown>> = {
    SpreadsheetApp: () => ({
      ProtectionType: ENUMS.ProtectionType,
      DeveloperMetadataVisibility: ENUMS.DeveloperMetadataVisibility,
      BooleanCriteria: BOOLEAN_CRITERIA,
      newFilterCriteria: () => filterCriteriaBuilder(realm),
    }),
    // FilterCriteria are local objects: the main thread gets and gives their plain spec.
    Filter: (self) => {
      const ref = refs.get(self) as Ref;
      return {
        setColumnFilterCriteria: (column: number, criteria: unknown) =>
          fromHost(
            call('Filter.setColumnFilterCriteria', ref.handle, [column, specOf(criteria) ?? null]),
          ),
        getColumnFilterCriteria: (column: number) => {
          const spec = call('Filter.getColumnFilterCriteria', ref.handle, [column]);
          return spec ? filterCriteria(realm, spec as CriteriaSpec) : null;
        },
      };
    },
    Sheet: (self) => ({ newChart: () => chartBuilder(self) }),
    EmbeddedChart: (self) => {
      // The runtime's own read of the whole record: kept off the bundle's view of the chart.
      const getSpec = self.getSpec as () => ChartSpecView;
      delete self.getSpec;
      return {
        getOptions: () => {
          const options = getSpec().options;
          return { get: (key: string) => options[key] ?? null };
        },
        getContainerInfo: () => {
          const { position } = getSpec();
          return {
            getAnchorRow: () => position.row,
            getAnchorColumn: () => position.column,
            getOffsetX: () => position.offsetX,
            getOffsetY: () => position.offsetY,
          };
        },
        modify: () => chartBuilder(null, getSpec()),
      };
    },
    Ui: (self) => ({
      ButtonSet: ENUMS.ButtonSet,
      Button: ENUMS.Button,
      createAddonMenu: () => menuBuilder('Brex', true, self),
      createMenu: (title: string) => menuBuilder(String(title), false, self),
      prompt: (...args: unknown[]) => {
        const answer = call('Ui.prompt', null, args.map(toHost)) as {
          button: string;
          text: string;
        };
        return { getSelectedButton: () => answer.button, getResponseText: () => answer.text };
      },
    }),
    ScriptApp: () => ({
      AuthMode: ENUMS.AuthMode,
      AuthorizationStatus: ENUMS.AuthorizationStatus,
      EventType: ENUMS.EventType,
      TriggerSource: ENUMS.TriggerSource,
      WeekDay: ENUMS.WeekDay,
      newTrigger: (handler: string) => triggerBuilder(String(handler)),
    }),
    UrlFetchApp: () => ({
      fetch: (url: string, params?: unknown) =>
        httpResponse(
          call('UrlFetchApp.fetch', null, [String(url), toHost(params)]) as FetchResponseData,
        ),
      fetchAll: (requests: unknown[]) => {
        const responses = call('UrlFetchApp.fetchAll', null, [
          toHost(requests),
        ]) as FetchResponseData[];
        const out = new realm.Array();
        for (const r of responses) out.push(httpResponse(r));
        return out;
      },
    }),
  };

  function wrap(ref: Ref): object {
    const object: Record<string, unknown> = {};
    for (const method of methodsByType.get(ref.$remote) ?? []) {
      object[method] = (...args: unknown[]) =>
        fromHost(call(`${ref.$remote}.${method}`, ref.handle, args.map(toHost)));
    }
    refs.set(object, ref);
    Object.assign(object, extras[ref.$remote]?.(object) ?? {});
    return object;
  }

  function menuBuilder(title: string, addon: boolean, _ui: Record<string, unknown>) {
    const items: Array<{ label: string; functionName: string } | { separator: true }> = [];
    const menu = {
      addItem: (label: string, functionName: string) => (
        items.push({ label: String(label), functionName: String(functionName) }),
        menu
      ),
      addSeparator: () => (items.push({ separator: true }), menu),
      addSubMenu: (sub: { __items?: typeof items }) => (items.push(...(sub.__items ?? [])), menu),
      addToUi: () => {
        call('Ui.addMenu', null, [{ title, addon, items }]);
      },
      __items: items,
    };
    return menu;
  }

  /** `Sheet.newChart()` and `EmbeddedChart.modify()`: EmbeddedChartBuilder, local until built. */
  function chartBuilder(_sheet: Record<string, unknown> | null, from?: ChartSpecView) {
    const spec = {
      type: from?.type ?? 'AREA',
      ranges: [...(from?.ranges ?? [])] as unknown[],
      options: { ...(from?.options ?? {}) } as Record<string, unknown>,
      position: { ...(from?.position ?? { row: 1, column: 1, offsetX: 0, offsetY: 0 }) },
      numHeaders: from?.numHeaders ?? -1,
      chartId: from?.chartId,
    };
    const as = (type: string) => () => ((spec.type = type), builder);
    const builder = {
      setChartType: (type: string) => ((spec.type = String(type)), builder),
      addRange: (range: unknown) => (spec.ranges.push(range), builder),
      removeRange: (range: unknown) => {
        const a1 = (range as { getA1Notation: () => string }).getA1Notation();
        spec.ranges = spec.ranges.filter(
          (r) => (r as { getA1Notation: () => string }).getA1Notation() !== a1,
        );
        return builder;
      },
      clearRanges: () => ((spec.ranges = []), builder),
      getRanges: () => spec.ranges,
      getChartType: () => spec.type,
      setOption: (key: string, value: unknown) => ((spec.options[String(key)] = value), builder),
      setNumHeaders: (n: number) => ((spec.numHeaders = Number(n)), builder),
      setPosition: (row: number, column: number, offsetX: number, offsetY: number) => (
        (spec.position = {
          row: Number(row),
          column: Number(column),
          offsetX: Number(offsetX),
          offsetY: Number(offsetY),
        }),
        builder
      ),
      setTitle: (title: string) => ((spec.options.title = String(title)), builder),
      asAreaChart: as('AREA'),
      asBarChart: as('BAR'),
      asColumnChart: as('COLUMN'),
      asLineChart: as('LINE'),
      asPieChart: as('PIE'),
      asScatterChart: as('SCATTER'),
      asTableChart: as('TABLE'),
      build: () => ({ ...spec, ranges: [...spec.ranges], options: { ...spec.options } }),
    };
    return builder;
  }

  function triggerBuilder(handler: string) {
    const spec: { -readonly [K in keyof TriggerSpec]?: TriggerSpec[K] } = { handler };
    const create = () => fromHost(call('ScriptApp.createTrigger', null, [{ ...spec }]));
    const clock = {
      everyMinutes: (n: number) => ((spec.everyMinutes = n), clock),
      everyHours: (n: number) => ((spec.everyHours = n), clock),
      everyDays: (n: number) => ((spec.everyDays = n), clock),
      everyWeeks: (n: number) => ((spec.everyWeeks = n), clock),
      atHour: (h: number) => ((spec.atHour = h), clock),
      nearMinute: (m: number) => ((spec.nearMinute = m), clock),
      inTimezone: (tz: string) => ((spec.timeZone = tz), clock),
      onWeekDay: () => clock,
      after: (ms: number) => ((spec.afterMs = ms), clock),
      at: (date: Date) => ((spec.atTime = date.getTime()), clock),
      create,
    };
    const sheetEvents = {
      onEdit: () => ((spec.type = 'ON_EDIT'), { create }),
      onOpen: () => ((spec.type = 'ON_OPEN'), { create }),
      onChange: () => ((spec.type = 'ON_CHANGE'), { create }),
      onFormSubmit: () => ((spec.type = 'ON_FORM_SUBMIT'), { create }),
    };
    return {
      timeBased: () => ((spec.type = 'CLOCK'), clock),
      forSpreadsheet: () => sheetEvents,
    };
  }

  function httpResponse(data: FetchResponseData) {
    const text = (charset?: string) =>
      Buffer.from(data.body).toString(charset && /ascii/i.test(charset) ? 'ascii' : 'utf8');
    const headers = () => intoRealm(realm, data.headers, () => undefined);
    const blob = () =>
      createBlob(realm, {
        bytes: data.body,
        contentType: data.headers['content-type'] ?? null,
        name: null,
      });
    return {
      getResponseCode: () => data.code,
      getContentText: text,
      getContent: () => signedBytes(realm, data.body),
      getHeaders: headers,
      getAllHeaders: headers,
      getBlob: blob,
      getAs: blob,
    };
  }

  const logText = (args: unknown[]) =>
    format(
      ...args.map((a) =>
        a !== null && typeof a === 'object' && !(a instanceof realm.Error) ? JSON.stringify(a) : a,
      ),
    );
  const logs: string[] = [];
  const logger = {
    log: (data: unknown, ...values: unknown[]) => {
      const text =
        typeof data === 'string' && values.length ? format(data, ...values) : logText([data]);
      logs.push(text);
      log('info', text);
      return logger;
    },
    getLog: () => logs.join('\n'),
    clear: () => void logs.splice(0),
  };
  const consoleFor =
    (level: string) =>
    (...args: unknown[]) =>
      log(level, logText(args));

  const globals: Record<string, unknown> = {
    Charts: {
      ChartType: Object.fromEntries(CHART_TYPES.map((type) => [type, type])),
    },
    Logger: logger,
    console: {
      log: consoleFor('info'),
      info: consoleFor('info'),
      warn: consoleFor('warning'),
      error: consoleFor('error'),
      debug: consoleFor('debug'),
    },
    HtmlService: createHtmlService(realm, bundleDir),
    Utilities: createUtilities(realm, (ms) => void call('Utilities.sleep', null, [ms])),
  };
  for (const type of [
    'SpreadsheetApp',
    'PropertiesService',
    'CacheService',
    'LockService',
    'ScriptApp',
    'UrlFetchApp',
    'Session',
  ]) {
    globals[type] = wrap({ $remote: type, handle: null });
  }
  return { globals, fromHost, toHost };
}
