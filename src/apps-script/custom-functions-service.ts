/**
 * The composition root of the custom functions: the function host over the Apps Script adapters,
 * and "Refresh formulas". Custom functions run in AuthMode.CUSTOM_FUNCTION: they may read the
 * document, its properties and cache, and fetch; they may not write or show UI.
 */
import {
  OutageMemo,
  readCacheMinutes,
  ResultCache,
  runCustomFunction,
  type CustomFunction,
  type FunctionHost,
  type FunctionResult,
  type Room,
} from '../functions';
import { clientReader } from '../ports/brex-reader';
import { KEY_HEADER } from '../cells/header';
import { tableLookup } from '../data-sets/sheet-lookup';
import { readConnection } from '../sync/connection';
import { getSyncSettings } from '../sync/settings';
import { newUuid } from './apps-script-clock';
import { appsScriptBrexClient } from './brex-client';
import { documentCache, sha256 } from './document-cache';
import { documentStore } from './properties-store';
import { SpreadsheetTable } from './spreadsheet-table';

function functionHost(startedAt: number): FunctionHost {
  const store = documentStore();
  const cache = documentCache();
  return {
    startedAt,
    timeZone: () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
    historyStart: () => getSyncSettings(store, new Date()).historyStart,
    connection: () => {
      const connection = readConnection(store);
      if (!connection) return null;
      return {
        id: `${connection.environment}:${connection.connectedAt}`,
        open: (deadline) => {
          const { token, environment } = connection;
          return clientReader(appsScriptBrexClient(token, environment, deadline), deadline);
        },
      };
    },
    cache: new ResultCache(cache, () => `${Date.now().toString(36)}${newUuid().slice(0, 8)}`),
    outages: new OutageMemo(cache),
    cacheSeconds: () => readCacheMinutes(store) * 60,
    digest: sha256,
    sheetValues: (name) =>
      SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name)?.getDataRange().getValues() ??
      null,
    room: formulaRoom,
    sheets: tableLookup(new SpreadsheetTable(SpreadsheetApp.getActiveSpreadsheet()), KEY_HEADER),
  };
}

/** In a custom function the active range is the formula's own cell. */
function formulaRoom(): Room | null {
  const cell = SpreadsheetApp.getActiveRange();
  if (!cell) return null;
  const sheet = cell.getSheet();
  return {
    rows: sheet.getMaxRows() - cell.getRow() + 1,
    columns: sheet.getMaxColumns() - cell.getColumn() + 1,
  };
}

/** Runs one custom function call from its global entry point. */
export function customFunctionService(
  fn: CustomFunction<unknown>,
  args: readonly unknown[],
): FunctionResult {
  // The first moment of the execution that is the add-on's: the time budget counts from here.
  const startedAt = Date.now();
  return runCustomFunction(fn, args, functionHost(startedAt));
}

export const REFRESH_SHEET = 'Brex Settings';
/** The cell people pass as every formula's last argument: `=BREX_BALANCES('Brex Settings'!B1)`. */
export const REFRESH_CELL = 'B1';

/**
 * Menu ▸ Refresh formulas, and the scheduled refresh after its run: writes the time into the
 * refresh cell, so every formula that takes it as its `refresh` argument runs again and, its
 * cache key having changed, asks Brex anew.
 */
/** Only as big as its three cells: every cell of a grid counts toward the 10-million limit. */
function newRefreshSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(REFRESH_SHEET);
  sheet.deleteColumns(3, sheet.getMaxColumns() - 2);
  sheet.deleteRows(3, sheet.getMaxRows() - 2);
  return sheet;
}

export function refreshFormulasService(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getSheetByName(REFRESH_SHEET) ?? newRefreshSheet(spreadsheet);
  sheet.getRange('A1').setValue('Formulas refreshed at');
  sheet.getRange(REFRESH_CELL).setValue(new Date());
  sheet
    .getRange('A2')
    .setValue(
      `Pass '${REFRESH_SHEET}'!${REFRESH_CELL} as the last argument of a Brex formula, e.g. =BREX_BALANCES('${REFRESH_SHEET}'!${REFRESH_CELL}); Extensions ▸ Brex ▸ Refresh formulas updates it.`,
    );
}
