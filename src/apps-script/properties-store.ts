/** Key-value ports over PropertiesService. */
import type { BulkKeyValuePort } from '../ports/key-value-port';

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
