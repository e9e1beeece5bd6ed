/** PropertiesService: document, user and script stores, 9 KB per value and 500 KB per store. */
import { fail, op, remote, type Execution, type Host, type ServiceTable } from './host';
import { MESSAGES, PROPERTY_STORE_BYTES, PROPERTY_VALUE_BYTES } from './limits';

export type PropertyStore = Record<string, string>;

export interface PropertyStores {
  document: PropertyStore;
  script: PropertyStore;
  /** By user email. */
  user: Record<string, PropertyStore>;
}

interface StoreHandle {
  readonly scope: 'document' | 'script' | 'user';
  readonly user?: string;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function storeSize(store: PropertyStore): number {
  return Object.entries(store).reduce((sum, [k, v]) => sum + bytes(k) + bytes(v), 0);
}

export function createPropertiesService(host: Host, stores: PropertyStores): ServiceTable {
  const storeOf = (h: StoreHandle): PropertyStore => {
    if (h.scope !== 'user') return stores[h.scope];
    return (stores.user[h.user as string] ??= {});
  };
  const read = (x: Execution) => host.count(x, 'propertyReads');
  const write = (x: Execution) => host.count(x, 'propertyWrites');

  /** Applies `changes` (undefined deletes) only if the store stays within its limits. */
  const commit = (h: StoreHandle, changes: Record<string, string | undefined>, replace = false) => {
    for (const value of Object.values(changes)) {
      if (value !== undefined && bytes(value) > PROPERTY_VALUE_BYTES) fail(MESSAGES.propertyValue);
    }
    const merged = { ...(replace ? {} : storeOf(h)), ...changes };
    const next: PropertyStore = {};
    for (const [key, value] of Object.entries(merged)) if (value !== undefined) next[key] = value;
    if (storeSize(next) > PROPERTY_STORE_BYTES) fail(MESSAGES.propertyStore);
    if (h.scope === 'user') stores.user[h.user as string] = next;
    else stores[h.scope] = next;
  };

  return {
    'PropertiesService.getDocumentProperties': op('store', () =>
      remote('Properties', { scope: 'document' }),
    ),
    'PropertiesService.getScriptProperties': op('store', () =>
      remote('Properties', { scope: 'script' }),
    ),
    // A custom function sees the spreadsheet owner's store (x.user is the owner there).
    'PropertiesService.getUserProperties': op('store', (x) =>
      remote('Properties', { scope: 'user', user: x.user }),
    ),
    'Properties.getProperty': op('store', (x, h: StoreHandle, key: string) => {
      read(x);
      return storeOf(h)[String(key)] ?? null;
    }),
    'Properties.getProperties': op('store', (x, h: StoreHandle) => {
      read(x);
      return { ...storeOf(h) };
    }),
    'Properties.getKeys': op('store', (x, h: StoreHandle) => {
      read(x);
      return Object.keys(storeOf(h));
    }),
    'Properties.setProperty': op('store', (x, h: StoreHandle, key: string, value: unknown) => {
      write(x);
      commit(h, { [String(key)]: String(value) });
      return remote('Properties', h);
    }),
    'Properties.setProperties': op(
      'store',
      (x, h: StoreHandle, values: Record<string, unknown>, deleteAllOthers?: boolean) => {
        write(x);
        const changes: Record<string, string> = {};
        for (const [k, v] of Object.entries(values)) changes[k] = String(v);
        commit(h, changes, Boolean(deleteAllOthers));
        return remote('Properties', h);
      },
    ),
    'Properties.deleteProperty': op('store', (x, h: StoreHandle, key: string) => {
      write(x);
      commit(h, { [String(key)]: undefined });
      return remote('Properties', h);
    }),
    'Properties.deleteAllProperties': op('store', (x, h: StoreHandle) => {
      write(x);
      commit(h, {}, true);
      return remote('Properties', h);
    }),
  };
}
