/**
 * What a time-driven trigger of an add-on may run without. The add-on holds only the
 * `spreadsheets.currentonly` scope, and Google does not document whether a clock trigger sees the
 * active spreadsheet, document properties, the document cache or the document lock. The runtime
 * gives them by default; `clockTriggerLacks` makes each answer null there, so the add-on is tested
 * both ways.
 */
import type { ServiceTable } from './host';

export type ClockTriggerGap =
  'activeSpreadsheet' | 'documentProperties' | 'documentCache' | 'documentLock';

const GAPS: Record<ClockTriggerGap, readonly string[]> = {
  activeSpreadsheet: [
    'SpreadsheetApp.getActive',
    'SpreadsheetApp.getActiveSpreadsheet',
    'SpreadsheetApp.getActiveSheet',
    'SpreadsheetApp.getActiveRange',
  ],
  documentProperties: ['PropertiesService.getDocumentProperties'],
  documentCache: ['CacheService.getDocumentCache'],
  documentLock: ['LockService.getDocumentLock'],
};

/** The services, with the calls of each gap answering null inside a clock trigger. */
export function withClockTriggerGaps(
  services: ServiceTable,
  gaps: readonly ClockTriggerGap[],
): ServiceTable {
  const out: ServiceTable = { ...services };
  for (const gap of gaps) {
    for (const name of GAPS[gap]) {
      const operation = services[name];
      if (!operation) continue;
      out[name] = {
        access: operation.access,
        run: (execution, handle, args) =>
          execution.clockTrigger ? null : operation.run(execution, handle, args),
      };
    }
  }
  return out;
}
