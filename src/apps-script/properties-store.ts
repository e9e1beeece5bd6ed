/** Key-value ports over PropertiesService. */
import type { BulkKeyValuePort, KeyValuePort } from '../ports/key-value-port';

export function propertiesStore(
  properties: GoogleAppsScript.Properties.Properties,
): BulkKeyValuePort {
  return {
    getAll: () => properties.getProperties(),
    setAll: (values) => {
      properties.setProperties({ ...values });
    },
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      properties.setProperty(key, value);
    },
    delete: (key) => {
      properties.deleteProperty(key);
    },
  };
}

/** Shared by every editor of the spreadsheet, and by its triggers and custom functions. */
export function documentStore(): BulkKeyValuePort {
  return propertiesStore(PropertiesService.getDocumentProperties());
}

/** The acting user's own store: nobody else's execution can read it. */
export function userStore(): BulkKeyValuePort {
  return propertiesStore(PropertiesService.getUserProperties());
}

/**
 * One execution's view of a store: every value read with one call the first time one is needed,
 * each write sent at once (a write-ahead record must be stored before its request goes out) and
 * kept in the view (many at once in one call, `setAll`). A push reads last-synced values, records and settings many times; each
 * PropertiesService call costs tens of milliseconds whatever its size. The write-back runs under
 * the document lock, so no other execution changes these values meanwhile.
 */
export function readOnceStore(base: BulkKeyValuePort): KeyValuePort {
  let values: Map<string, string> | null = null;
  const loaded = (): Map<string, string> => (values ??= new Map(Object.entries(base.getAll())));
  return {
    get: (key) => loaded().get(key) ?? null,
    set: (key, value) => {
      base.set(key, value);
      loaded().set(key, value);
    },
    setAll: (many) => {
      base.setAll(many);
      for (const [key, value] of Object.entries(many)) loaded().set(key, value);
    },
    delete: (key) => {
      base.delete(key);
      loaded().delete(key);
    },
  };
}
