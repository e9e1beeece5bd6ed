/**
 * The control API's payments part: what Brex's dashboard does that the API cannot (approve, deny
 * or cancel a transfer; make a vendor paid by international wire, which the API only pays), and
 * sandbox time moving on, so that transfers move through their statuses (payment-book.ts).
 */
import { badRequest } from './brex-errors';
import type { DemoCompany } from './demo-company';
import { creationOrder, type Vendor } from './model';
import { decideTransfer, progressPayments } from './payment-book';
import type { RouteResult } from './route-kit';

/** What the payments controls need of the running sandbox. */
export interface PaymentsControlled {
  readonly company: DemoCompany;
  /** Moves the sandbox's now on by `ms`. */
  advance(ms: number): void;
  /** The sandbox's now in epoch ms, without moving it. */
  nowMs(): number;
}

const UNITS: Readonly<Record<string, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The answer to a payments control route, or null when the route is not one of them. */
export function paymentControl(
  sandbox: PaymentsControlled,
  route: string,
  input: Record<string, unknown>,
): RouteResult | null {
  if (route === 'POST /advance') {
    const ms = Object.entries(UNITS).reduce((sum, [unit, size]) => {
      const n = input[unit] ?? 0;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
        throw badRequest(`${unit} must be a non-negative number`);
      }
      return sum + n * size;
    }, 0);
    sandbox.advance(ms);
    progressPayments(sandbox.company, sandbox.nowMs());
    return { status: 200, body: { now: new Date(sandbox.nowMs()).toISOString() } };
  }
  if (route === 'POST /vendors') return { status: 200, body: dashboardVendor(sandbox, input) };
  const decision = /^POST \/transfers\/([^/]+)\/(approve|deny|cancel)$/.exec(route);
  if (decision) {
    const [, id = '', action = ''] = decision;
    const { state } = sandbox.company;
    return {
      status: 200,
      body: decideTransfer(state, decodeURIComponent(id), action, sandbox.nowMs()),
    };
  }
  return null;
}

/**
 * A vendor as made in Brex's dashboard, with any payment accounts, including international wire
 * (`{type: "INTERNATIONAL_WIRE", swift_code, iban, address}`); each gets a payment instrument id.
 */
function dashboardVendor(sandbox: PaymentsControlled, input: Record<string, unknown>): Vendor {
  const { company } = sandbox;
  if (typeof input.company_name !== 'string' || input.company_name === '') {
    throw badRequest('company_name is required');
  }
  const accounts = Array.isArray(input.payment_accounts) ? input.payment_accounts : [];
  const vendor = {
    id: company.id('pdcont'),
    company_name: input.company_name,
    email: typeof input.email === 'string' ? input.email : null,
    phone: typeof input.phone === 'string' ? input.phone : null,
    payment_accounts: accounts.map((account: { details?: object }) => ({
      details: { ...account.details, payment_instrument_id: company.id('pdinstl') },
    })),
  } as Vendor;
  company.state.vendors.insert(creationOrder(company.nextSeq(), vendor));
  return vendor;
}
