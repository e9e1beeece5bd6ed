/**
 * Small, durable state (cursors, settings, health): the document's properties in Apps Script
 * (src/apps-script/properties-store.ts). Apps Script allows 9 KB per value and 500 KB per store,
 * so larger state lives in a hidden sheet instead (see known-ids.ts).
 */
export interface KeyValuePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Sets many values in one call (PropertiesService's `setProperties`); absent, one by one. */
  setAll?(values: Readonly<Record<string, string>>): void;
  /**
   * Writes changes held back for a checkpoint (see staged-store.ts); stores that write at once
   * have nothing to do and leave it out.
   */
  commit?(only?: (key: string) => boolean): void;
}

/** A store that reads every key in one call and writes many in one (PropertiesService). */
export interface BulkKeyValuePort extends KeyValuePort {
  getAll(): Record<string, string>;
  setAll(values: Readonly<Record<string, string>>): void;
}

/** Sets many values in one call when the store can, else one by one. */
export function setAll(store: KeyValuePort, values: Readonly<Record<string, string>>): void {
  if (Object.keys(values).length === 0) return;
  if (store.setAll) store.setAll(values);
  else for (const [key, value] of Object.entries(values)) store.set(key, value);
}

/** Apps Script's limit per property value, checked here for a clear message instead of a quota error. */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;

export function readJson<T>(store: KeyValuePort, key: string): T | null {
  const raw = store.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValuePort, key: string, value: unknown): void {
  store.set(key, jsonValue(key, value));
}

/** Like `writeJson` for many keys, in one call when the store can (`setAll`). */
export function writeJsonAll(store: KeyValuePort, values: ReadonlyMap<string, unknown>): void {
  setAll(
    store,
    Object.fromEntries([...values].map(([key, value]) => [key, jsonValue(key, value)])),
  );
}

function jsonValue(key: string, value: unknown): string {
  const raw = JSON.stringify(value);
  if (utf8Length(raw) > MAX_PROPERTY_VALUE_BYTES) {
    throw new Error(
      `Sync state "${key}" is ${utf8Length(raw)} bytes, over the 9 KB a document property holds. Report this to the add-on's maintainers.`,
    );
  }
  return raw;
}

/** Pure: the bytes a value takes in a property, as Apps Script counts them (UTF-8). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
