/**
 * Payments API writes on vendors: create, update and delete, held to `CreateVendorRequest` and
 * `UpdateVendorRequest` (strict-body.ts) and to what Brex says besides: a company name is unique
 * (compared without case or outer spaces), free text is ASCII only, a vendor has at most one
 * payment account per type, and routing numbers "must follow proper format" (nine digits with a
 * valid ABA check digit).
 */
import { badRequest } from '../brex-errors';
import { creationOrder, type SandboxState, type Vendor } from '../model';
import { bodyObject, found, ok, param, type RouteContext, type RouteTable } from '../route-kit';

type Details = Record<string, unknown> & { type: string };
type PaymentAccount = { details: Details };

/** Transfers still on their way: a vendor with one may not be deleted. */
const IN_FLIGHT = ['PROCESSING', 'SCHEDULED', 'PENDING_APPROVAL'];

export const vendorWriteRoutes: RouteTable = {
  'POST /v1/vendors': (ctx) => {
    const body = bodyObject(ctx);
    const name = companyName(ctx.state, body.company_name, null);
    const vendor = {
      id: ctx.company.id('pdcont'),
      company_name: name,
      email: (body.email as string | undefined) ?? null,
      phone: (body.phone as string | undefined) ?? null,
      payment_accounts: withAccounts(ctx, [], body.payment_accounts),
    } as Vendor;
    ctx.state.vendors.insert(creationOrder(ctx.company.nextSeq(), vendor));
    return ok(vendor);
  },
  /** Only what the body names changes; null clears `email` and `phone`, and changes nothing else. */
  'PUT /v1/vendors/{id}': (ctx) => {
    const vendor = vendorRow(ctx.state, param(ctx)).data;
    const body = bodyObject(ctx);
    if (typeof body.company_name === 'string') {
      vendor.company_name = companyName(ctx.state, body.company_name, vendor.id);
    }
    if (body.email !== undefined) vendor.email = body.email as string | null;
    if (body.phone !== undefined) vendor.phone = body.phone as string | null;
    if (Array.isArray(body.payment_accounts)) {
      vendor.payment_accounts = withAccounts(
        ctx,
        (vendor.payment_accounts ?? []) as PaymentAccount[],
        body.payment_accounts,
      );
    }
    return ok(vendor);
  },
  'DELETE /v1/vendors/{id}': (ctx) => {
    const row = vendorRow(ctx.state, param(ctx));
    const busy = ctx.state.transfers
      .all()
      .some((t) => t.data.counterparty?.id === row.data.id && IN_FLIGHT.includes(t.data.status));
    if (busy) {
      throw badRequest(
        `Vendor ${row.data.id} has transfers in progress; it can be deleted once they end.`,
      );
    }
    ctx.state.vendors.remove(row);
    return ok({});
  },
};

function vendorRow(state: SandboxState, id: string) {
  return found(state.vendors.all().find((row) => row.data.id === id));
}

/** A checked, unique company name (`self`: the vendor being renamed). */
function companyName(state: SandboxState, value: unknown, self: string | null): string {
  const name = asciiText(value, 'company_name').trim();
  if (name === '') throw badRequest('company_name may not be empty');
  const taken = state.vendors
    .all()
    .some(
      (row) =>
        row.data.id !== self && row.data.company_name?.trim().toLowerCase() === name.toLowerCase(),
    );
  if (taken) throw badRequest(`company_name ${name} is taken: a vendor's name must be unique`);
  return name;
}

/** Brex refuses free text outside printable ASCII with "[Field] is invalid". */
export function asciiText(value: unknown, field: string): string {
  const text = String(value ?? '');
  if (!/^[\x20-\x7e]*$/.test(text)) {
    throw badRequest(`${field} is invalid: it can only accept ASCII characters`);
  }
  return text;
}

/**
 * The vendor's accounts after writing `requested` over `current`: a type already present is
 * overwritten and keeps its payment instrument id, as Brex's spec says; a new type gets one.
 */
function withAccounts(ctx: RouteContext, current: PaymentAccount[], requested: unknown) {
  const accounts = [...current];
  const seen = new Set<string>();
  ((requested ?? []) as PaymentAccount[]).forEach(({ details }, index) => {
    const field = `payment_accounts[${index}].details`;
    if (seen.has(details.type)) {
      throw badRequest(`${field}.type ${details.type} is repeated: one account per type`);
    }
    seen.add(details.type);
    checkDetails(details, field);
    const { beneficiary_name: _beneficiary, ...shown } = details;
    const existing = accounts.findIndex((a) => a.details.type === details.type);
    const instrument =
      existing >= 0
        ? (accounts[existing] as PaymentAccount).details.payment_instrument_id
        : ctx.company.id('pdinstl');
    const account = { details: { ...shown, payment_instrument_id: instrument } };
    if (existing >= 0) accounts[existing] = account;
    else accounts.push(account);
  });
  return accounts as Vendor['payment_accounts'];
}

function checkDetails(details: Details, field: string): void {
  if (details.type !== 'CHEQUE') {
    if (!isRoutingNumber(String(details.routing_number))) {
      throw badRequest(`${field}.routing_number is not a valid routing number`);
    }
    if (!/^\d{4,17}$/.test(String(details.account_number))) {
      throw badRequest(`${field}.account_number must be 4 to 17 digits`);
    }
  }
  for (const key of ['recipient_name', 'beneficiary_name']) {
    if (typeof details[key] === 'string') asciiText(details[key], `${field}.${key}`);
  }
}

/** Nine digits whose ABA checksum (weights 3, 7, 1) is a multiple of ten. */
function isRoutingNumber(text: string): boolean {
  if (!/^\d{9}$/.test(text)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  const sum = [...text].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return sum % 10 === 0;
}
