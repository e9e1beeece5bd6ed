/* eslint-disable -- stands in for a built bundle: Apps Script provides its globals, and its functions are entry points. */
// A tiny stand-in for dist/Code.js, for testing the runtime's services one by one.

/** Runs a snippet of script with the Apps Script globals in scope. */
function exec(source, arg) {
  return new Function('arg', source)(arg);
}

/** Appends one to the `ticks` document property (a trigger handler). */
function tick() {
  var props = PropertiesService.getDocumentProperties();
  props.setProperty('ticks', String(Number(props.getProperty('ticks') || 0) + 1));
}

/** Keeps what an edit event says in the `edits` document property, one JSON line per edit (a trigger handler). */
function recordEdit(e) {
  var props = PropertiesService.getDocumentProperties();
  var seen = {
    range: e.range.getA1Notation(),
    value: 'value' in e ? e.value : 'absent',
    user: e.user.getEmail(),
    rows: e.range.getValues(),
  };
  props.setProperty('edits', (props.getProperty('edits') || '') + JSON.stringify(seen) + '\n');
}

/** Holds the document lock for `ms` milliseconds. */
function holdLock(ms) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(5000);
  Utilities.sleep(ms);
  lock.releaseLock();
  return 'released';
}

/**
 * Doubles a number.
 * @param {number} x
 * @customfunction
 */
function DOUBLE(x) {
  return x * 2;
}

/**
 * A label and a text of n characters, side by side.
 * @customfunction
 */
function LONG_TEXT(n) {
  return [['label', new Array(n + 1).join('x')]];
}

/**
 * A block of n rows: the row number and a string that looks like a formula.
 * @customfunction
 */
function BLOCK(n) {
  var out = [];
  for (var i = 1; i <= n; i++) out.push([i, '=HYPERLINK("x")']);
  return out;
}

/**
 * Its own cell and the rows from there to the sheet's end, as Sheets gives a custom function.
 * @customfunction
 */
function ROOM_HERE() {
  var cell = SpreadsheetApp.getActiveRange();
  var sheet = SpreadsheetApp.getActiveSheet();
  return cell.getA1Notation() + ' ' + (sheet.getMaxRows() - cell.getRow() + 1);
}

/**
 * Tries to write to the sheet, which custom functions may not do.
 * @customfunction
 */
function WRITE_ATTEMPT() {
  SpreadsheetApp.getActive().getRange('Z1').setValue(1);
  return 'wrote';
}

/**
 * Reads the owner's user properties and the cache, which custom functions may do.
 * @customfunction
 */
function READ_STORES() {
  CacheService.getDocumentCache().put('k', 'v');
  return (
    PropertiesService.getUserProperties().getProperty('who') +
    '/' +
    CacheService.getDocumentCache().get('k')
  );
}

/**
 * Opens the UI, which custom functions may not do.
 * @customfunction
 */
function UI_ATTEMPT() {
  SpreadsheetApp.getUi();
  return 'ui';
}
