/** Vendors and transfers (Brex Cash), read whole. */
import type { Transfer, Vendor } from '../brex';
import { defineWhole, listSource, singlePageSource } from './data-set';
import { KEY_HEADER } from '../cells/header';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';

export const vendors = defineWhole<Vendor>({
  id: 'vendors',
  title: 'Vendors',
  sheetName: 'Brex Vendors',
  columns: columns([
    ['Company name', 'text', { width: 200 }],
    ['Email', 'text', { width: 260 }],
    ['Phone', 'text', { width: 120 }],
    ['Payment methods', 'text'],
    KEY_COLUMN,
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('vendors'))],
  firstReads: [{ list: 'vendors', query: {} }],
  idOf: (v) => v.id,
  row: (v) => ({
    [KEY_HEADER]: v.id,
    'Company name': v.company_name,
    Email: v.email,
    Phone: v.phone,
    'Payment methods': (v.payment_accounts ?? [])
      .map((a) => readable(String((a.details as { type?: string }).type ?? '')))
      .join(', '),
  }),
});

export const transfers = defineWhole<Transfer>({
  id: 'transfers',
  title: 'Transfers',
  sheetName: 'Brex Transfers',
  columns: columns([
    // Brex gives the day a transfer was created, not the time (payments API: format date).
    ['Created at', 'date'],
    ['Recipient', 'text', { width: 180 }],
    ['Amount', 'money'],
    ['Currency', 'text', { width: 70 }],
    ['Status', 'text', { width: 100 }],
    ['Description', 'text', { width: 200 }],
    ['Vendor', 'text'],
    ['Payment type', 'text', { width: 110 }],
    ['Process date', 'date'],
    ['Estimated delivery', 'date', { width: 120 }],
    ['From account', 'text'],
    ['Created by', 'text'],
    ['External memo', 'text'],
    ['Cancellation reason', 'text'],
    // A payment staged in the sheet: its idempotency key and who staged it (written by the
    // write-back, kept by the refresh; blank for transfers made elsewhere).
    ['Payment key', 'text', { width: 120 }],
    ['Staged by', 'text', { width: 160 }],
    KEY_COLUMN,
  ]),
  sources: ({ reader }) => [listSource('all', (cursor) => reader.page('transfers', {}, cursor))],
  order: (a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')),
  idOf: (t) => t.id,
  row: (t, lookups) => {
    const counterparty = t.counterparty as { type?: string; id?: string } | undefined;
    const origin = t.originating_account as { id?: string } | undefined;
    return {
      [KEY_HEADER]: t.id,
      'Created at': t.created_at,
      'Process date': t.process_date,
      'Estimated delivery': t.estimated_delivery_date,
      Description: t.description,
      Recipient: t.display_name,
      Vendor: counterparty?.type === 'VENDOR' ? lookups.vendorName(counterparty.id) : '',
      'Payment type': readable(t.payment_type),
      Status: readable(t.status),
      Amount: t.amount,
      Currency: t.amount ? t.amount.currency || 'USD' : '',
      'From account': lookups.cashAccountName(origin?.id),
      'External memo': t.external_memo,
      'Cancellation reason': t.cancellation_reason,
      'Created by': lookups.userName(t.creator_user_id),
    };
  },
});
