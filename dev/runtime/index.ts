/** The local Apps Script runtime's public surface, for tests, the CLI, the preview and the benchmark. */
export {
  createRuntime,
  openRuntime,
  ExecutionError,
  type CallOptions,
  type ExecutionResult,
  type LogEntry,
  type Runtime,
  type RuntimeOptions,
} from './runtime';
export { fakeClock, realClock, type RuntimeClock } from './clock';
export type { ClockTriggerGap } from './clock-trigger-gaps';
export { DEFAULT_LIMITS, type ExecutionLimits } from './limits';
export { DEFAULT_COST_MODEL, modelledMs, type CostModel, type Counters } from './stats';
export { stateToFile, WORKBOOK_FORMAT, type WorkbookFile } from './workbook-file';
export type { AuthMode } from './host';
export type { UiRecord } from './ui-service';
export type { TriggerRecord } from './script-app-service';
