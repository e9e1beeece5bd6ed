/**
 * "Brex Vendors": a new row (blank "Brex ID") creates a vendor from its "Company name", "Email"
 * and "Phone", `POST /v1/vendors`; a company name Brex already has, in any case, is refused, since
 * payment rows name their vendor. Edits to "Email" and "Phone" update the vendor with that field
 * alone, `PUT /v1/vendors/{id}`, after a conflict read; each reverts to the audited old value.
 * Deleting a vendor is vendor-delete.ts's.
 */
import type { Vendor, WriteResult } from '../../brex';
import { toCell, type Cell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import type { WriteAction } from '../action';
import { identityOf } from '../row-identity';
import type { PushDeps } from '../write-back-deps';
import { columnAction, type Parsed } from './column-action';
import { takenProblem } from './directory';
import { newRowAction } from './new-row-action';
import { SyncedRows, type SyncedRow } from './synced-rows';
import { byIds } from './team-writes';
import { textProblem } from './typed-text';

export const VENDORS_SHEET = 'Brex Vendors';
const NAME = 'Company name';

type VendorEntry = SyncedRow<'vendors'>;
type Contact = 'email' | 'phone';

/** Pure: a vendor as its row was written. Identity: its "Company name" cell. */
export function vendorEntry(vendor: Vendor): VendorEntry {
  return {
    id: vendor.id,
    email: vendor.email ?? '',
    phone: vendor.phone ?? '',
    name: vendor.company_name ?? '',
    identity: identityOf([vendor.company_name ?? '']),
  };
}

function contactAction(field: Contact, header: string): WriteAction {
  return columnAction<'vendors', string, Vendor, Vendor>({
    id: `vendor.${field}`,
    label: `Change vendor ${header.toLowerCase()}`,
    sheet: VENDORS_SHEET,
    set: 'vendors',
    header,
    identity: [NAME],
    confirmation: 'none',
    reversible: true,
    synced: (entry) => entry[field],
    read: (cell: CellValue) => headerText(cell),
    shown: (value) => value,
    cell: (value) => toCell('text', value, 'Etc/UTC'),
    parse(to): Parsed<string> {
      const problem = textProblem(header, to) ?? contactProblem(field, to);
      return { to: problem ? null : to, payload: problem ? null : to, problem };
    },
    readCurrent: (brex, ids) => byIds(() => brex.vendors(), ids, 'vendor'),
    current: (vendor) => vendor[field] ?? '',
    send: (deps: PushDeps, id, value, key): WriteResult<Vendor> =>
      deps.brex.updateVendor(id, { [field]: value === '' ? null : value }, key),
    answerId: (vendor) => vendor.id,
    settle(vendor, entry) {
      const value = vendor[field] ?? '';
      return {
        entry: { ...entry, [field]: value },
        cells: { [header]: toCell('text', value, 'Etc/UTC') },
      };
    },
  });
}

/** Pure: why a typed email or phone cannot be Brex's; null when it can (blank clears it). */
function contactProblem(field: Contact, value: string): string | null {
  if (value === '') return null;
  if (field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    return `"${value}" is not an email address. Type one like ap@vendor.com, or clear the cell.`;
  }
  if (field === 'phone' && !/^\+?[0-9 ().-]{7,20}$/.test(value)) {
    return `"${value}" is not a phone number. Type digits, spaces, dashes or a leading +, or clear the cell.`;
  }
  return null;
}

export const vendorEmail = contactAction('email', 'Email');
export const vendorPhone = contactAction('phone', 'Phone');

interface NewVendor {
  readonly company_name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export const vendorCreate: WriteAction = newRowAction<NewVendor, Vendor[], Vendor>({
  id: 'vendor.create',
  label: 'Create vendor',
  noun: 'vendor',
  sheet: VENDORS_SHEET,
  headers: [NAME, 'Email', 'Phone'],
  parse(row, store) {
    const name = headerText(row(NAME));
    const email = headerText(row('Email'));
    const phone = headerText(row('Phone'));
    const problem =
      name === ''
        ? `A new vendor needs a company name. Type one in "${NAME}", or clear the row.`
        : (textProblem(NAME, name) ??
          textProblem('Email', email) ??
          textProblem('Phone', phone) ??
          contactProblem('email', email) ??
          contactProblem('phone', phone) ??
          takenProblem(SyncedRows.read(store, 'vendors').all(), 'vendor', VENDORS_SHEET, name));
    return {
      name,
      to: JSON.stringify([name.toLowerCase(), email, phone]),
      toSend: [name, email, phone].filter(Boolean).join(', '),
      payload: { company_name: name, email: email || null, phone: phone || null },
      problem,
    };
  },
  readCurrent: (brex) => brex.vendors(),
  refusal(current, request) {
    const wanted = request.company_name.toLowerCase();
    const taken = current.find((v) => (v.company_name ?? '').trim().toLowerCase() === wanted);
    return taken
      ? `Brex already has a vendor named "${taken.company_name}" (${taken.id}). Nothing was sent. Company names must be unique: use that vendor, or choose another name.`
      : null;
  },
  send: (deps, request, key) => deps.brex.createVendor(request, key),
  created: (vendor) => ({ id: vendor.id, name: vendor.company_name ?? '' }),
  matches: (row, vendor) =>
    headerText(row(NAME)).toLowerCase() === (vendor.company_name ?? '').toLowerCase(),
  settle(answers, store: KeyValuePort) {
    SyncedRows.read(store, 'vendors').update(answers.map(vendorEntry));
    return new Map<Vendor, Record<string, Cell>>(
      answers.map((v) => [v, { [NAME]: toCell('text', v.company_name ?? '', 'Etc/UTC') }]),
    );
  },
});

export const VENDOR_ACTIONS: readonly WriteAction[] = [vendorCreate, vendorEmail, vendorPhone];
