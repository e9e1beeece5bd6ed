/**
 * Names joined into rows (card holder, department, spend limit, vendor…). Each list is read once
 * per refresh, or taken from the data set that already read it; a list Brex refuses (no Brex
 * Cash, no budget management, a missing scope) leaves its names blank instead of failing the row.
 */
import { BrexError, type ListItem, type ListName, type ListQuery, type Page } from '../brex';
import type { BrexReader } from '../ports/brex-reader';
import { noSheets, type SheetLookup, type SheetRecord } from './sheet-lookup';
import { personName } from '../cells/person-name';
import { DEFAULT_RECEIPT_THRESHOLD } from './receipt-status';

export type LookupList =
  'users' | 'departments' | 'locations' | 'cards' | 'spendLimits' | 'vendors' | 'cashAccounts';

const QUERIES: { readonly [K in LookupList]: ListQuery<K> } = {
  users: {},
  departments: {},
  locations: {},
  cards: {},
  spendLimits: {},
  vendors: {},
  cashAccounts: {},
};

/** Refusals that mean "this account cannot read that list", not "the refresh failed". */
const UNAVAILABLE = new Set(['cash_not_enabled', 'budget_management_not_enabled', 'missing_scope']);

export class Lookups {
  private readonly lists = new Map<LookupList, unknown[]>();
  private readonly indexes = new Map<LookupList, Map<string, unknown>>();
  private readonly joins = new Map<string, ReadonlyMap<string, SheetRecord>>();

  /**
   * `sheets` reads another synced sheet, once per refresh, at the first row asked of it.
   * `receiptThreshold` (major units) is the sync settings' amount from which a card expense needs
   * a receipt.
   */
  constructor(
    private readonly reader: BrexReader,
    private readonly sheets: SheetLookup = noSheets,
    readonly receiptThreshold = DEFAULT_RECEIPT_THRESHOLD,
  ) {}

  /** Every item of a list, read once per refresh; Brex's refusal is thrown. */
  read<K extends LookupList>(list: K): ListItem<K>[] {
    let items = this.lists.get(list);
    if (!items) {
      items = readWhole(this.reader, list, QUERIES[list]);
      this.lists.set(list, items);
    }
    return items as ListItem<K>[];
  }

  /** Takes a list's items as read elsewhere (a formula's one page), instead of reading it whole. */
  use<K extends LookupList>(list: K, items: readonly ListItem<K>[]): void {
    this.lists.set(list, [...items]);
    this.indexes.delete(list);
  }

  /** Every item of a list, or [] when the account cannot read it (names then stay blank). */
  all<K extends LookupList>(list: K): ListItem<K>[] {
    try {
      return this.read(list);
    } catch (error) {
      if (!(error instanceof BrexError && UNAVAILABLE.has(error.kind))) throw error;
      this.lists.set(list, []);
      return [];
    }
  }

  userName(id: string | null | undefined): string {
    const user = id ? this.byId('users').get(id) : undefined;
    return user ? personName(user) : '';
  }

  user(id: string | null | undefined): ListItem<'users'> | undefined {
    return id ? this.byId('users').get(id) : undefined;
  }

  departmentName(id: string | null | undefined): string {
    return (id && this.byId('departments').get(id)?.name) || '';
  }

  locationName(id: string | null | undefined): string {
    return (id && this.byId('locations').get(id)?.name) || '';
  }

  card(id: string | null | undefined): ListItem<'cards'> | undefined {
    return id ? this.byId('cards').get(id) : undefined;
  }

  /** What another synced sheet shows in `headers` for a Brex id, when the spreadsheet has it. */
  joined(
    sheetName: string,
    headers: readonly string[],
    id: string | null | undefined,
  ): SheetRecord | undefined {
    if (!id) return undefined;
    const key = JSON.stringify([sheetName, headers]);
    let rows = this.joins.get(key);
    if (!rows) {
      rows = this.sheets(sheetName, headers);
      this.joins.set(key, rows);
    }
    return rows.get(id);
  }

  spendLimit(id: string | null | undefined): ListItem<'spendLimits'> | undefined {
    return id ? this.byId('spendLimits').get(id) : undefined;
  }

  spendLimitName(id: string | null | undefined): string {
    return (id && this.byId('spendLimits').get(id)?.name) || '';
  }

  vendorName(id: string | null | undefined): string {
    return (id && this.byId('vendors').get(id)?.company_name) || '';
  }

  cashAccountName(id: string | null | undefined): string {
    return (id && this.byId('cashAccounts').get(id)?.name) || '';
  }

  userNames(ids: readonly string[] | null | undefined): string {
    return (ids ?? []).map((id) => this.userName(id) || id).join(', ');
  }

  private byId<K extends LookupList>(list: K): Map<string, ListItem<K>> {
    let index = this.indexes.get(list);
    if (!index) {
      index = new Map(this.all(list).map((item) => [(item as { id: string }).id, item]));
      this.indexes.set(list, index);
    }
    return index as Map<string, ListItem<K>>;
  }
}

/** Reads every page of a list. Used for the small lists that are re-read whole each refresh. */
export function readWhole<K extends ListName>(
  reader: BrexReader,
  list: K,
  query: ListQuery<K>,
): ListItem<K>[] {
  const items: ListItem<K>[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: Page<ListItem<K>> = reader.page(list, query, cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor !== null && seen.has(cursor)) {
      throw new Error(
        `Brex repeated a page cursor while listing ${list}. Try the refresh again later.`,
      );
    }
    if (cursor !== null) seen.add(cursor);
  } while (cursor !== null);
  return items;
}
