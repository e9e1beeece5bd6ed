/* global PropertiesService, SpreadsheetApp, UrlFetchApp, Utilities */
/* eslint-disable @typescript-eslint/no-unused-vars -- its functions are entry points the runtime calls by name */
// The benchmark's naive baseline: an Apps Script program that brings Brex data into Sheets the
// way common scripts and connectors do. Pages of 100, the whole list re-read and every sheet
// cleared and rewritten on each refresh, one appendRow per row, no cache. It reads the same
// lists as the add-on, so the two can be compared figure by figure.

var BREX = 'https://platform.brexapis.com';
var PAGE_SIZE = 100;

/** Stores the token in the script's properties, as such scripts do. */
function naiveConnect(token) {
  PropertiesService.getScriptProperties().setProperty('BREX_TOKEN', token);
}

function token_() {
  return PropertiesService.getScriptProperties().getProperty('BREX_TOKEN');
}

function get_(token, path) {
  var response = UrlFetchApp.fetch(BREX + path, {
    headers: { Authorization: 'Bearer ' + token },
  });
  return JSON.parse(response.getContentText());
}

/** Every item of a paged list, 100 at a time. */
function all_(token, path) {
  var items = [];
  var cursor = null;
  do {
    var url = path + (path.indexOf('?') < 0 ? '?' : '&') + 'limit=' + PAGE_SIZE;
    if (cursor) url += '&cursor=' + encodeURIComponent(cursor);
    var page = get_(token, url);
    items = items.concat(page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

function cashAccounts_(token) {
  return get_(token, '/v2/accounts/cash').items;
}

/** The lists behind each data set, as the add-on's data sets name them. */
var DATA_SETS = {
  departments: function (t) {
    return all_(t, '/v2/departments');
  },
  locations: function (t) {
    return all_(t, '/v2/locations');
  },
  users: function (t) {
    return all_(t, '/v2/users');
  },
  cards: function (t) {
    return all_(t, '/v2/cards');
  },
  spend_limits: function (t) {
    return all_(t, '/v2/spend_limits');
  },
  budgets: function (t) {
    return all_(t, '/v2/budgets');
  },
  vendors: function (t) {
    return all_(t, '/v1/vendors');
  },
  accounts: function (t) {
    return get_(t, '/v2/accounts/card').concat(cashAccounts_(t));
  },
  statements: function (t) {
    var rows = all_(t, '/v2/accounts/card/primary/statements');
    cashAccounts_(t).forEach(function (account) {
      rows = rows.concat(all_(t, '/v2/accounts/cash/' + account.id + '/statements'));
    });
    return rows;
  },
  card_transactions: function (t) {
    return all_(t, '/v2/transactions/card/primary');
  },
  cash_transactions: function (t) {
    var rows = [];
    cashAccounts_(t).forEach(function (account) {
      rows = rows.concat(all_(t, '/v2/transactions/cash/' + account.id));
    });
    return rows;
  },
  transfers: function (t) {
    return all_(t, '/v1/transfers');
  },
  expenses: function (t) {
    return all_(t, '/v1/expenses');
  },
};

/** Totals of billing amounts per category and currency, from a list of expenses. */
function categoryTotals_(expenses) {
  var totals = {};
  expenses.forEach(function (e) {
    var money = e.billing_amount || e.original_amount || { amount: 0, currency: '' };
    var key = (e.category || 'UNCATEGORIZED') + ' ' + money.currency;
    totals[key] = (totals[key] || 0) + money.amount;
  });
  return Object.keys(totals).map(function (key) {
    return { category: key, amount: totals[key] / 100 };
  });
}

function cell_(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** Clears the sheet and appends the header, then one row per item. */
function writeSheet_(name, items) {
  var ss = SpreadsheetApp.getActive();
  var sheet = ss.getSheetByName(name) || ss.insertSheet(name);
  sheet.clear();
  if (items.length === 0) return;
  var header = Object.keys(items[0]);
  sheet.appendRow(header);
  items.forEach(function (item) {
    sheet.appendRow(
      header.map(function (key) {
        return cell_(item[key]);
      }),
    );
  });
}

/** Refreshes every data set named: everything read again, every sheet rewritten. */
function naiveSync(dataSets) {
  var token = token_();
  var expenses = null;
  dataSets.forEach(function (id) {
    if (id === 'expense_categories') return;
    var items = DATA_SETS[id](token);
    if (id === 'expenses') expenses = items;
    writeSheet_('Naive ' + id, items);
  });
  if (dataSets.indexOf('expense_categories') >= 0) {
    writeSheet_('Naive expense_categories', categoryTotals_(expenses || DATA_SETS.expenses(token)));
  }
  return dataSets.length;
}

/** A custom function's naive form: the whole list (with a query), as a 2-D array. */
function naiveList(path) {
  var items = all_(token_(), path);
  if (items.length === 0) return [['']];
  var header = Object.keys(items[0]);
  return [header].concat(
    items.map(function (item) {
      return header.map(function (key) {
        return cell_(item[key]);
      });
    }),
  );
}

/** BREX_SPEND / BREX_EXPENSE_CATEGORIES' naive form: every expense read, then totalled. */
function naiveCategoryTotals(path) {
  return categoryTotals_(all_(token_(), path)).map(function (t) {
    return [t.category, t.amount];
  });
}

/** Setup, outside the measured run: the changes to push, one per row (id, new amount in cents). */
function naiveStageChanges(changes) {
  var ss = SpreadsheetApp.getActive();
  var sheet = ss.getSheetByName('Naive changes') || ss.insertSheet('Naive changes');
  changes.forEach(function (change, i) {
    sheet.getRange(i + 1, 1, 1, 3).setValues([[change.id, change.amount, change.currency]]);
  });
}

/** Pushes each staged change: cell by cell, one PUT per row, a status cell per row. */
function naivePush() {
  var token = token_();
  var sheet = SpreadsheetApp.getActive().getSheetByName('Naive changes');
  var last = sheet.getLastRow();
  for (var row = 1; row <= last; row += 1) {
    var id = sheet.getRange(row, 1).getValue();
    var amount = sheet.getRange(row, 2).getValue();
    var currency = sheet.getRange(row, 3).getValue();
    UrlFetchApp.fetch(BREX + '/v2/spend_limits/' + id, {
      method: 'put',
      contentType: 'application/json',
      headers: { Authorization: 'Bearer ' + token, 'Idempotency-Key': Utilities.getUuid() },
      payload: JSON.stringify({
        authorization_settings: { base_limit: { amount: amount, currency: currency } },
      }),
    });
    sheet.getRange(row, 4).setValue('pushed');
  }
  return last;
}

/**
 * The dashboard a naive script builds: every card transaction, expense and spend limit read from
 * Brex again, totalled in a float, and the tables appended row by row into a cleared sheet.
 */
function naiveDashboard() {
  var token = token_();
  var transactions = all_(token, '/v2/transactions/card/primary');
  var expenses = all_(token, '/v1/expenses');
  var limits = all_(token, '/v2/spend_limits');
  var accounts = cashAccounts_(token);
  var categoryOf = {};
  expenses.forEach(function (e) {
    categoryOf[e.id] = e.category;
  });
  var months = {};
  var merchants = {};
  var categories = {};
  transactions.forEach(function (t) {
    var amount = t.amount.amount / 100;
    var month = t.posted_at_date.slice(0, 7);
    months[month] = (months[month] || 0) + amount;
    var merchant = (t.merchant && t.merchant.raw_descriptor) || '';
    merchants[merchant] = (merchants[merchant] || 0) + amount;
    var category = categoryOf[t.expense_id] || 'UNCATEGORIZED';
    categories[category] = (categories[category] || 0) + amount;
  });
  var rows = [['Balances']];
  accounts.forEach(function (a) {
    rows.push([a.name, a.current_balance.amount / 100]);
  });
  [
    ['Spend by month', months],
    ['Top merchants', merchants],
    ['Spend by category', categories],
  ].forEach(function (section) {
    rows.push([section[0]]);
    Object.keys(section[1]).forEach(function (key) {
      rows.push([key, section[1][key]]);
    });
  });
  rows.push(['Spend-limit use']);
  limits.forEach(function (l) {
    var base = l.authorization_settings && l.authorization_settings.base_limit;
    var spent = l.current_period_balance && l.current_period_balance.amount_spent;
    if (base && base.amount > 0) rows.push([l.name, (spent ? spent.amount : 0) / base.amount]);
  });
  rows.push(['Receipts missing']);
  rows.push([
    expenses.filter(function (e) {
      return !e.receipts || e.receipts.length === 0;
    }).length,
  ]);
  var ss = SpreadsheetApp.getActive();
  var sheet = ss.getSheetByName('Naive dashboard') || ss.insertSheet('Naive dashboard');
  sheet.clear();
  rows.forEach(function (row) {
    sheet.appendRow(row);
  });
  return rows.length;
}

/** Keeps the payments to approve, one row each: instrument, account, amount, memo. */
function naiveStagePayments(payments) {
  var ss = SpreadsheetApp.getActive();
  var sheet = ss.getSheetByName('Naive payments') || ss.insertSheet('Naive payments');
  payments.forEach(function (p, i) {
    sheet.getRange(i + 1, 1, 1, 4).setValues([[p.instrument, p.account, p.amount, p.memo]]);
  });
}

/** Approves each staged payment: cell by cell, one POST per row, a status cell per row. */
function naiveApprovePayments() {
  var token = token_();
  var sheet = SpreadsheetApp.getActive().getSheetByName('Naive payments');
  var last = sheet.getLastRow();
  for (var row = 1; row <= last; row += 1) {
    var instrument = sheet.getRange(row, 1).getValue();
    var account = sheet.getRange(row, 2).getValue();
    var amount = sheet.getRange(row, 3).getValue();
    var memo = sheet.getRange(row, 4).getValue();
    UrlFetchApp.fetch(BREX + '/v1/transfers', {
      method: 'post',
      contentType: 'application/json',
      headers: { Authorization: 'Bearer ' + token, 'Idempotency-Key': Utilities.getUuid() },
      payload: JSON.stringify({
        counterparty: { type: 'VENDOR', payment_instrument_id: instrument },
        amount: { amount: amount, currency: 'USD' },
        description: 'Naive payment ' + row,
        external_memo: memo,
        originating_account: { type: 'BREX_CASH', id: account },
      }),
    });
    sheet.getRange(row, 5).setValue('sent');
  }
  return last;
}
