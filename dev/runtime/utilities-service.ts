/**
 * Utilities, run inside the worker: uuid, formatDate (Java SimpleDateFormat patterns), base64,
 * digests and HMAC as signed byte arrays, blobs, formatString. `sleep` goes to the main thread so
 * that it follows the runtime's clock.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { wallTime } from './time-zones';
import { signedBytes, toBytes, type Realm } from './worker-realm';
import { DAYS, MONTHS } from './number-format';

const DIGESTS: Record<string, string> = {
  MD2: 'md5',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function offsetText(epochMs: number, timeZone: string, colon: boolean): string {
  const w = wallTime(epochMs, timeZone);
  const offsetMin = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (epochMs - w.millisecond)) /
      60000,
  );
  const sign = offsetMin < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMin) % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}

/** Java SimpleDateFormat, the subset scripts use. */
export function formatDate(epochMs: number, timeZone: string, pattern: string): string {
  const w = wallTime(epochMs, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    const pad = (v: number) => String(v).padStart(n, '0');
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? String(w.year % 100).padStart(2, '0') : pad(w.year);
        break;
      case 'M':
        out +=
          n >= 4
            ? MONTHS[w.month - 1]
            : n === 3
              ? (MONTHS[w.month - 1] ?? '').slice(0, 3)
              : pad(w.month);
        break;
      case 'd':
        out += pad(w.day);
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.weekday] : (DAYS[w.weekday] ?? '').slice(0, 3);
        break;
      case 'u':
        out += String(w.weekday === 0 ? 7 : w.weekday);
        break;
      case 'H':
        out += pad(w.hour);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour);
        break;
      case 'h':
        out += pad(((w.hour + 11) % 12) + 1);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'm':
        out += pad(w.minute);
        break;
      case 's':
        out += pad(w.second);
        break;
      case 'S':
        out += String(w.millisecond).padStart(3, '0').slice(0, Math.max(3, n));
        break;
      case 'Z':
        out += offsetText(epochMs, timeZone, false);
        break;
      case 'X': {
        const text = offsetText(epochMs, timeZone, n >= 3);
        out += text === '+00:00' || text === '+0000' ? 'Z' : text;
        break;
      }
      case 'z':
        out +=
          new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
            .formatToParts(new Date(epochMs))
            .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
        break;
      default:
        out += ch.repeat(n);
    }
  }
  return out;
}

export function formatString(template: string, args: unknown[]): string {
  let index = 0;
  return template.replace(
    /%(\.\d+)?([sdif%])/g,
    (match, precision: string | undefined, type: string) => {
      if (type === '%') return '%';
      const value = args[index++];
      if (type === 's') return String(value);
      if (type === 'f') return Number(value).toFixed(precision ? Number(precision.slice(1)) : 6);
      return String(Math.trunc(Number(value)));
    },
  );
}

export interface BlobData {
  bytes: Uint8Array;
  contentType: string | null;
  name: string | null;
}

export function createBlob(realm: Realm, data: BlobData): object {
  const blob = {
    getBytes: () => signedBytes(realm, data.bytes),
    getDataAsString: (charset?: string) =>
      Buffer.from(data.bytes).toString(charset && /ascii/i.test(charset) ? 'ascii' : 'utf8'),
    getContentType: () => data.contentType,
    setContentType: (type: string) => {
      data.contentType = type;
      return blob;
    },
    getName: () => data.name,
    setName: (name: string) => {
      data.name = name;
      return blob;
    },
    setDataFromString: (text: string) => {
      data.bytes = Buffer.from(text, 'utf8');
      return blob;
    },
    copyBlob: () => createBlob(realm, { ...data, bytes: Uint8Array.from(data.bytes) }),
    isGoogleType: () => false,
  };
  return blob;
}

export function createUtilities(realm: Realm, sleep: (ms: number) => void): object {
  const toText = (value: unknown, charset?: string) =>
    typeof value === 'string'
      ? Buffer.from(value, charset && /ascii/i.test(charset) ? 'ascii' : 'utf8')
      : toBytes(value);
  return {
    DigestAlgorithm: Object.fromEntries(Object.keys(DIGESTS).map((k) => [k, k])),
    MacAlgorithm: Object.fromEntries(Object.keys(MACS).map((k) => [k, k])),
    Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
    getUuid: () => randomUUID(),
    sleep: (ms: number) => sleep(Number(ms)),
    formatDate: (date: Date, timeZone: string, pattern: string) =>
      formatDate(date.getTime(), String(timeZone), String(pattern)),
    formatString: (template: string, ...args: unknown[]) => formatString(String(template), args),
    base64Encode: (data: unknown, charset?: string) =>
      Buffer.from(toText(data, charset)).toString('base64'),
    base64EncodeWebSafe: (data: unknown, charset?: string) =>
      Buffer.from(toText(data, charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    base64Decode: (text: string) => signedBytes(realm, Buffer.from(String(text), 'base64')),
    base64DecodeWebSafe: (text: string) =>
      signedBytes(realm, Buffer.from(String(text), 'base64url')),
    computeDigest: (algorithm: string, value: unknown, charset?: string) =>
      signedBytes(
        realm,
        createHash(DIGESTS[algorithm] ?? 'sha256')
          .update(toText(value, charset))
          .digest(),
      ),
    computeHmacSha256Signature: (value: unknown, key: unknown, charset?: string) =>
      signedBytes(
        realm,
        createHmac('sha256', toText(key, charset)).update(toText(value, charset)).digest(),
      ),
    computeHmacSignature: (algorithm: string, value: unknown, key: unknown, charset?: string) =>
      signedBytes(
        realm,
        createHmac(MACS[algorithm] ?? 'sha256', toText(key, charset))
          .update(toText(value, charset))
          .digest(),
      ),
    newBlob: (data: unknown, contentType?: string, name?: string) =>
      createBlob(realm, {
        bytes: toBytes(data ?? ''),
        contentType: contentType ?? null,
        name: name ?? null,
      }),
  };
}
