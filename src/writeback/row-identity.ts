/**
 * Whether a row of "Brex Spend Limits" is still the spend limit its Brex ID names. A person who
 * sorts one column alone leaves ids beside other limits' names and amounts; an edit counts only
 * while the row's read-only synced cells (name and period) still read as the last sync wrote
 * them for that id. Both sides are kept as a short digest, so the last-synced values stay small.
 * Fingerprints (what a review hands out, and a push must find again) use the same digest.
 */
import { headerText } from '../cells/header';
import type { CellValue } from '../ports/table-port';

/** The synced, read-only cells that tell one spend limit's row from another's. */
export const IDENTITY_HEADERS = ['Name', 'Period'] as const;

/** Pure: a 53-bit string digest (cyrb53), in base 36. Not a secret: a tamper-evident label. */
export function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Pure: the identity digest of the identity cells, in IDENTITY_HEADERS order. */
export function identityOf(cells: readonly (CellValue | undefined)[]): string {
  return digest(cells.map((cell) => headerText(cell)).join('\u0000'));
}

/** What a review hands out for one change, and what a push must find again to send it. */
export interface FingerprintParts {
  readonly id: string;
  /** The amount cell as read ("5000", "$5000" shown as its number and format). */
  readonly typed: string;
  readonly format: string;
  readonly minorUnits: number | null;
  readonly currency: string;
  /** The last-synced amount the change starts from. */
  readonly from: number;
  readonly identity: string;
}

/** Pure: the fingerprint of one change. */
export function fingerprintOf(parts: FingerprintParts): string {
  return digest(
    [
      parts.id,
      parts.typed,
      parts.format,
      String(parts.minorUnits),
      parts.currency,
      String(parts.from),
      parts.identity,
    ].join('\u0000'),
  );
}
