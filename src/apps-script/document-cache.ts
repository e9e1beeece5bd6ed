/**
 * The custom functions' cache port over the document cache: shared by every editor of this
 * spreadsheet, and never by another spreadsheet (which may be connected to another company).
 */
import type { CachePort } from '../functions';

export function documentCache(): CachePort {
  const cache = CacheService.getDocumentCache();
  if (!cache) {
    throw new Error(
      'This spreadsheet has no document cache. Open it in Google Sheets with the add-on installed.',
    );
  }
  return {
    getAll: (keys) => cache.getAll([...keys]),
    putAll: (values, ttlSeconds) => cache.putAll({ ...values }, ttlSeconds),
  };
}

/** SHA-256 of a text, base64: 44 characters, whatever the text's length. */
export function sha256(text: string): string {
  const bytes = Utilities.computeDigest(
    Utilities.DigestAlgorithm.SHA_256,
    text,
    Utilities.Charset.UTF_8,
  );
  return Utilities.base64Encode(bytes);
}
