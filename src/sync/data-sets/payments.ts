/** Vendors and transfers (Brex Cash), read whole. */
import type { Transfer, Vendor } from '../../brex';
import { defineDataSet, KEY_HEADER, listSource, singlePageSource } from '../data-set';
import { columns } from './columns';

export const vendors = defineDataSet<Vendor>({
  id: 'vendors',
  title: 'Vendors',
  sheetName: 'Brex Vendors',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Company name', 'text'],
    ['Email', 'text'],
    ['Phone', 'text'],
    ['Payment methods', 'text'],
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('vendors'))],
  idOf: (v) => v.id,
  row: (v) => ({
    [KEY_HEADER]: v.id,
    'Company name': v.company_name,
    Email: v.email,
    Phone: v.phone,
    'Payment methods': (v.payment_accounts ?? [])
      .map((a) => String((a.details as { type?: string }).type ?? ''))
      .join(', '),
  }),
});

export const transfers = defineDataSet<Transfer>({
  id: 'transfers',
  title: 'Transfers',
  sheetName: 'Brex Transfers',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Created at', 'datetime'],
    ['Process date', 'date'],
    ['Estimated delivery', 'date'],
    ['Description', 'text'],
    ['Recipient', 'text'],
    ['Vendor', 'text'],
    ['Payment type', 'text'],
    ['Status', 'text'],
    ['Amount', 'money'],
    ['Currency', 'text'],
    ['From account', 'text'],
    ['External memo', 'text'],
    ['Cancellation reason', 'text'],
    ['Created by', 'text'],
  ]),
  sources: ({ reader }) => [listSource('all', (cursor) => reader.page('transfers', {}, cursor))],
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
      'Payment type': t.payment_type,
      Status: t.status,
      Amount: t.amount,
      Currency: t.amount ? t.amount.currency || 'USD' : '',
      'From account': lookups.cashAccountName(origin?.id),
      'External memo': t.external_memo,
      'Cancellation reason': t.cancellation_reason,
      'Created by': lookups.userName(t.creator_user_id),
    };
  },
});
